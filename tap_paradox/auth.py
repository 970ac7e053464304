"""Authenticators for Paradox: OAuth client credentials (default) or HTTP Basic.

One authenticator belongs to one tap or target instance; nothing is cached per process.
Both are ``requests`` auth callables, so streams and the target's session share them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests
from singer_sdk.authenticators import BasicAuthenticator, OAuthAuthenticator
from singer_sdk.helpers._util import utc_now

from tap_paradox.errors import (
    SETUP_MESSAGE,
    AuthenticationError,
    RateLimitedError,
    RemoteUnavailableError,
    SetupIncompleteError,
    is_gateway_setup_error,
)
from tap_paradox.retry import RETRIABLE_STATUSES, RetryPolicy, send_with_retries

API_BASE_PATH = "/api/v1/public"
TOKEN_TIMEOUT_S = 30


def api_base_url(api_url: str) -> str:
    """Return ``{api_url}/api/v1/public`` for a bare host URL."""
    return api_url.rstrip("/") + API_BASE_PATH


class ParadoxOAuthAuthenticator(OAuthAuthenticator):
    """Client-credentials token from ``POST /auth/token``, renewed before it runs out."""

    def __init__(
        self,
        *,
        api_url: str,
        client_id: str,
        client_secret: str,
        refresh_margin_s: float = 60,
        retry_policy: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        """Create the authenticator; no request is made until the first call needs a token."""
        super().__init__(
            auth_endpoint=api_base_url(api_url) + "/auth/token",
            client_id=client_id,
            client_secret=client_secret,
        )
        self._refresh_margin_s = refresh_margin_s
        self._retry_policy = retry_policy or RetryPolicy()
        if session is not None:
            self._session = session

    @property
    def oauth_request_body(self) -> dict:
        """Return the form body Paradox's token endpoint takes."""
        return {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }

    def is_token_valid(self) -> bool:
        """Tell whether the token has more than the refresh margin left."""
        if self.access_token is None or self.last_refreshed is None:
            return False
        if not self.expires_in:
            return True
        age = (utc_now() - self.last_refreshed).total_seconds()
        return age < self.expires_in - self._refresh_margin_s

    def invalidate(self) -> None:
        """Forget the token, so the next request fetches a new one (after a 401)."""
        self.access_token = None
        self.last_refreshed = None

    def update_access_token(self) -> None:
        """Fetch a new token, retrying 429/5xx; raise a clear error when refused."""
        requested_at = utc_now()
        response = self._post_token_request()
        payload = _json_or_none(response)
        token = payload.get("access_token") if isinstance(payload, dict) else None
        token_type = str(payload.get("token_type", "bearer")) if isinstance(payload, dict) else ""
        if not token or token_type.lower() != "bearer":
            msg = "Paradox's token endpoint answered 200 without a bearer access_token"
            raise AuthenticationError(msg)
        self.access_token = token
        expires_in = payload.get("expires_in")
        self.expires_in = int(expires_in) if str(expires_in or "").isdigit() else None
        self.last_refreshed = requested_at

    def _post_token_request(self) -> requests.Response:
        def post() -> requests.Response:
            return self._session.post(
                self.auth_endpoint, data=self.oauth_request_payload, timeout=TOKEN_TIMEOUT_S
            )

        try:
            response = send_with_retries(post, self._retry_policy)
        except (requests.ConnectionError, requests.Timeout) as error:
            msg = "the token endpoint could not be reached after every retry"
            raise RemoteUnavailableError(msg) from error
        if response.status_code == 429:
            msg = "the token endpoint still answered 429 after every retry"
            raise RateLimitedError(msg)
        if response.status_code in RETRIABLE_STATUSES:
            msg = f"the token endpoint still answered {response.status_code} after every retry"
            raise RemoteUnavailableError(msg)
        _raise_for_token_status(response)
        return response


def _raise_for_token_status(response: requests.Response) -> None:
    status = response.status_code
    if status == 200:
        return
    if is_gateway_setup_error(status, response.text):
        raise SetupIncompleteError(SETUP_MESSAGE.format(status=status))
    if status in (400, 401):
        msg = (
            f"Paradox refused the credentials (HTTP {status}): check client_id (Account ID) "
            "and client_secret (Secret Key)"
        )
        raise AuthenticationError(msg)
    msg = f"the token endpoint answered an unexpected HTTP {status}"
    raise AuthenticationError(msg)


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


class ParadoxBasicAuthenticator(BasicAuthenticator):
    """``Authorization: Basic base64(client_id:client_secret)`` on every call."""

    def __init__(self, *, client_id: str, client_secret: str) -> None:
        """Create the authenticator from the Account ID and Secret Key."""
        super().__init__(username=client_id, password=client_secret)

    def invalidate(self) -> None:
        """Basic credentials cannot be renewed; a second 401 is fatal to the caller."""


def build_authenticator(
    config: Mapping[str, Any], session: requests.Session | None = None
) -> ParadoxOAuthAuthenticator | ParadoxBasicAuthenticator:
    """Build the authenticator ``auth_method`` names (``oauth`` by default)."""
    method = str(config.get("auth_method") or "oauth").lower()
    client_id, client_secret = config["client_id"], config["client_secret"]
    if method == "basic":
        return ParadoxBasicAuthenticator(client_id=client_id, client_secret=client_secret)
    if method != "oauth":
        msg = f"auth_method must be 'oauth' or 'basic', got {method!r}"
        raise ValueError(msg)
    return ParadoxOAuthAuthenticator(
        api_url=config.get("api_url") or "https://api.paradox.ai",
        client_id=client_id,
        client_secret=client_secret,
        refresh_margin_s=float(config.get("token_refresh_margin_s", 60)),
        retry_policy=RetryPolicy.from_config(config),
        session=session,
    )
