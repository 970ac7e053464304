"""The connection check behind ``paradox-admin check``: one entry per thing that must work."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import requests

from tap_paradox import passthrough
from tap_paradox.auth import ParadoxOAuthAuthenticator, build_authenticator
from tap_paradox.errors import (
    SETUP_MESSAGE,
    AuthenticationError,
    ParadoxError,
    RateLimitedError,
    RemoteUnavailableError,
    SetupIncompleteError,
    is_gateway_setup_error,
)
from tap_paradox.feed import FeedError, summarise_feed
from tap_paradox.feed_fetch import FeedSnapshot, FeedUnavailableError
from tap_paradox.ids import default_tenant_id
from tap_paradox.ledger import Ledger
from tap_paradox.retry import RETRIABLE_STATUSES, RetryPolicy

Check = dict[str, Any]


class CheckFailedError(ParadoxError):
    """A check found a problem; ``code`` is the unified error code it reports."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the code beside the message."""
        super().__init__(message)
        self.code = code


def run_checks(config: Mapping[str, Any]) -> list[Check]:
    """Run every check in order; a failing check does not stop the others."""
    steps: list[tuple[str, Callable[[Mapping[str, Any]], str]]] = [
        ("token", _check_token),
        ("candidates", _check_candidates),
        ("job_feed", _check_feed),
        ("ledger", _check_ledger),
    ]
    return [_run(name, step, config) for name, step in steps]


def _run(name: str, step: Callable[[Mapping[str, Any]], str], config: Mapping[str, Any]) -> Check:
    try:
        message = step(config)
    except ParadoxError as error:
        return {"name": name, "ok": False, "code": error.code, "message": str(error)}
    except (requests.RequestException, OSError, ValueError) as error:
        return {
            "name": name,
            "ok": False,
            "code": "REMOTE.SERVICE_UNAVAILABLE" if name != "ledger" else "PLATFORM.UNKNOWN_ERROR",
            "message": f"{type(error).__name__}: {error}",
        }
    return {"name": name, "ok": True, "code": None, "message": message}


def _check_token(config: Mapping[str, Any]) -> str:
    authenticator = build_authenticator(config)
    if not isinstance(authenticator, ParadoxOAuthAuthenticator):
        return "auth_method is basic: no token needed"
    authenticator.update_access_token()
    return f"token issued, valid for {authenticator.expires_in or 'an unknown number of'} seconds"


def _check_candidates(config: Mapping[str, Any]) -> str:
    result = passthrough.request(config, "GET", "/candidates", params={"limit": 1})
    status, data = result["status"], result["data"]
    if status != 200:
        raise _candidates_failure(status, data)
    count = data.get("count") if isinstance(data, dict) else None
    return f"GET /candidates answered 200; {count} candidates visible"


def _candidates_failure(status: int, data: Any) -> CheckFailedError:
    """Map a non-200 answer to the unified code the target would report for it (model §5)."""
    body = data if isinstance(data, str) else json.dumps(data)
    if is_gateway_setup_error(status, body):
        return CheckFailedError(SetupIncompleteError.code, SETUP_MESSAGE.format(status=status))
    if status == 401:
        message = "GET /candidates answered 401 even with a fresh token"
        return CheckFailedError(AuthenticationError.code, message)
    if status == 429:
        code = RateLimitedError.code
    elif status in RETRIABLE_STATUSES:
        code = RemoteUnavailableError.code
    else:
        code = "REMOTE.UNKNOWN_HTTP_ERROR"
    return CheckFailedError(code, f"GET /candidates?limit=1 answered HTTP {status}")


def _check_feed(config: Mapping[str, Any]) -> str:
    url = config.get("job_feed_url")
    if not url:
        return "job_feed_url not set: jobs will be stubs known only by id"
    snapshot = FeedSnapshot(url, RetryPolicy.from_config(config))
    try:
        with snapshot.open() as body:
            summary = summarise_feed(body)
    except (FeedUnavailableError, FeedError) as error:
        raise CheckFailedError("REMOTE.SERVICE_UNAVAILABLE", str(error)) from error
    finally:
        snapshot.close()
    return f"job feed on {snapshot.host} parsed: {summary.jobs} jobs"


def _check_ledger(config: Mapping[str, Any]) -> str:
    tenant_id = config.get("tenant_id") or default_tenant_id(str(config["client_id"]))
    location = str(config.get("ledger_path") or ".paradox-ledger.sqlite")
    ledger = Ledger.open(location, tenant_id)
    try:
        ledger.commit()
        synced = ledger.has_completed_sync()
    finally:
        ledger.close()
    return f"ledger {location} is writable; a sync has {'' if synced else 'not yet '}completed"
