"""Exceptions shared by the tap and the target, each naming the unified error code it maps to."""

from __future__ import annotations


class ParadoxError(Exception):
    """Base class; ``code`` is the unified error code (model §5) a target outcome reports."""

    code = "PLATFORM.UNKNOWN_ERROR"


class AuthenticationError(ParadoxError):
    """Paradox refused the credentials, or a fresh token was still answered with 401."""

    code = "INTEGRATION.AUTHENTICATION_INVALID"


class SetupIncompleteError(ParadoxError):
    """The API gateway does not know the path: ``api_url`` or the base path is wrong."""

    code = "INTEGRATION.SETUP_INCOMPLETE"


class RemoteUnavailableError(ParadoxError):
    """5xx, time-outs or connection failures outlasted every retry."""

    code = "REMOTE.SERVICE_UNAVAILABLE"


class RateLimitedError(ParadoxError):
    """Paradox still answered 429 after every retry."""

    code = "REMOTE.RATE_LIMIT_EXCEEDED"


def is_gateway_setup_error(status: int, body: str) -> bool:
    """Tell whether a response is the gateway answer to an unmapped path (wrong host/path)."""
    if status == 403 and "Missing Authentication Token" in body:
        return True
    return status == 404 and body.strip() in ("404", "", "Not Found")


SETUP_MESSAGE = (
    "Paradox's gateway does not know this path (HTTP {status}): check that api_url is the bare "
    "host, e.g. https://api.paradox.ai, without /api/v1/public"
)
