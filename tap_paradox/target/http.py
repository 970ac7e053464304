"""The target's Paradox HTTP client: one shared authenticator, retries per the contract (§7).

GET/PUT/PATCH/DELETE are retried on 429, 5xx, time-outs and resets. ``POST /candidates`` is
never retried here: Paradox does not deduplicate, so the create action decides, after a
duplicate lookup, whether a second POST is safe. Every answer is classified to a model §5 code.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from tap_paradox.auth import api_base_url, build_authenticator
from tap_paradox.errors import ParadoxError, is_gateway_setup_error
from tap_paradox.retry import RETRIABLE_STATUSES, RetryPolicy
from tap_paradox.target import errors as codes
from tap_paradox.target.errors import ActionError

CONNECT_TIMEOUT_S = 10.0
NOT_FOUND_CODE = 1004


# Known limitation: the budget is checked before each attempt and wait, and caps each read
# time-out, but a data_url download keeps its own connect/read time-outs outside it.
@dataclass
class CallBudget:
    """The HTTP attempts one record has used and the moment its action must be over."""

    deadline: float
    attempts: int = 0
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def for_seconds(cls, seconds: float) -> CallBudget:
        """Start a budget that runs out ``seconds`` from now."""
        return cls(deadline=time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left before the action times out."""
        return self.deadline - time.monotonic()

    def check(self, waiting_s: float = 0.0) -> None:
        """Fail with ``PLATFORM.TASK_TIMED_OUT`` when the action plus a planned wait is too long."""
        if self.remaining() - waiting_s <= 0:
            msg = "the action took longer than action_timeout_s in total (retries included)"
            raise ActionError(codes.TASK_TIMED_OUT, msg)


class TransientPostError(ActionError):
    """A POST got 429/5xx or no answer; it may or may not have been written."""

    def __init__(self, code: str, message: str, *, status: int | None, retry_after: str | None):
        """Keep what the caller needs to wait and decide on a second POST."""
        super().__init__(code, message, remote_status=status)
        self.retry_after = retry_after


class ParadoxClient:
    """A ``requests`` client for ``{api_url}/api/v1/public``; one per target run."""

    def __init__(
        self,
        config: Mapping[str, Any],
        *,
        sleep: Callable[[float], None] | None = None,
        request_timeout_s: float | None = None,
    ) -> None:
        """Build the shared authenticator and retry policy from the target's settings."""
        self.base_url = api_base_url(config.get("api_url") or "https://api.paradox.ai")
        self.retry_policy = RetryPolicy.from_config(config)
        self.authenticator = build_authenticator(config)
        self._sleep = sleep
        self._read_timeout_s = float(request_timeout_s or config.get("request_timeout_s") or 60)
        # requests.Session is not documented as thread-safe: one per worker thread.
        self._local = threading.local()
        self._token_lock = threading.Lock()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["Accept"] = "application/json"
            self._local.session = session
        return session

    def wait(self, seconds: float, budget: CallBudget) -> None:
        """Sleep before a retry unless that would run past the action's deadline."""
        budget.check(seconds)
        (self._sleep or time.sleep)(seconds)

    def get(self, path: str, budget: CallBudget, params: Mapping[str, Any] | None = None) -> Any:
        """GET with retries; return the parsed JSON answer."""
        return self.request("GET", path, budget, params=params)

    def put(self, path: str, budget: CallBudget, body: Mapping[str, Any]) -> Any:
        """PUT with retries (a repeated PUT writes the same values again)."""
        return self.request("PUT", path, budget, json=body)

    def patch(self, path: str, budget: CallBudget, body: Mapping[str, Any]) -> Any:
        """PATCH with retries (attribute merges are idempotent)."""
        return self.request("PATCH", path, budget, json=body)

    def post_once(self, path: str, budget: CallBudget, body: Mapping[str, Any]) -> Any:
        """POST without any retry on 429/5xx/lost answers: raise TransientPostError instead."""
        return self.request("POST", path, budget, json=body, retry_transient=False)

    def request(
        self,
        method: str,
        path: str,
        budget: CallBudget,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        retry_transient: bool = True,
    ) -> Any:
        """Send one call, renewing the token once on 401 and retrying transient failures."""
        renewed = False
        retry_number = 0
        while True:
            budget.check()
            budget.attempts += 1
            try:
                response = self._send(method, path, budget, params, json)
            except (requests.ConnectionError, requests.Timeout) as error:
                failure = f"{method} {path} got no answer ({type(error).__name__})"
                if not retry_transient:
                    raise TransientPostError(
                        codes.SERVICE_UNAVAILABLE, failure, status=None, retry_after=None
                    ) from error
                if retry_number >= self.retry_policy.max_retries:
                    msg = f"{failure} after {retry_number} retries"
                    raise ActionError(codes.SERVICE_UNAVAILABLE, msg) from error
                self.wait(self.retry_policy.wait_seconds(retry_number), budget)
                retry_number += 1
                continue
            status = response.status_code
            if status == 401 and not renewed:
                self.authenticator.invalidate()
                renewed = True
                continue
            if status in RETRIABLE_STATUSES:
                retry_after = response.headers.get("Retry-After")
                if not retry_transient:
                    raise TransientPostError(
                        _transient_code(status),
                        f"{method} {path} answered HTTP {status}",
                        status=status,
                        retry_after=retry_after,
                    )
                if retry_number >= self.retry_policy.max_retries:
                    msg = (
                        f"{method} {path} still answered HTTP {status} after {retry_number} retries"
                    )
                    raise ActionError(_transient_code(status), msg, remote_status=status)
                self.wait(self.retry_policy.wait_seconds(retry_number, retry_after), budget)
                retry_number += 1
                continue
            return classify_response(method, path, response)

    def _ensure_token(self) -> None:
        # One token request for all workers, not one each when they start together.
        is_valid = getattr(self.authenticator, "is_token_valid", None)
        if is_valid is None or is_valid():
            return
        with self._token_lock:
            if not is_valid():
                self.authenticator.update_access_token()

    def _send(self, method, path, budget, params, json) -> requests.Response:
        read_timeout = max(0.1, min(self._read_timeout_s, budget.remaining()))
        try:
            self._ensure_token()
            return self._session().request(
                method,
                self.base_url + path,
                params=params,
                json=json,
                auth=self.authenticator,
                timeout=(CONNECT_TIMEOUT_S, read_timeout),
            )
        except ParadoxError as error:
            # The token call failed inside the auth hook: report it under its own code.
            raise ActionError(error.code, str(error)) from error


def _transient_code(status: int) -> str:
    return codes.RATE_LIMIT_EXCEEDED if status == 429 else codes.SERVICE_UNAVAILABLE


def classify_response(method: str, path: str, response: requests.Response) -> Any:
    """Return the JSON of a 2xx answer; raise ActionError with the §5 code for anything else."""
    status = response.status_code
    text = response.text
    if 200 <= status < 300:
        try:
            return response.json()
        except ValueError as error:
            msg = f"{method} {path} answered HTTP {status} with a body that is not JSON"
            raise ActionError(codes.UNKNOWN_ERROR, msg, remote_status=status) from error
    if is_gateway_setup_error(status, text):
        msg = (
            f"Paradox's gateway does not know {path} (HTTP {status}): check that api_url is "
            "the bare host, e.g. https://api.paradox.ai"
        )
        raise ActionError(codes.SETUP_INCOMPLETE, msg, remote_status=status)
    if status == 401:
        msg = "Paradox still answered 401 with a new token: check client_id and client_secret"
        raise ActionError(codes.AUTHENTICATION_INVALID, msg, remote_status=status)
    if status in (400, 404):
        code, paradox_field, paradox_message = _first_error(response)
        if code == NOT_FOUND_CODE or status == 404 or "not found" in paradox_message.lower():
            msg = "Paradox has no candidate with this id (deleted, or never created)"
            raise ActionError(
                codes.REMOTE_INPUT_INVALID, msg, field=paradox_field or "ID", remote_status=status
            )
        where = f"field '{paradox_field}'" if paradox_field else "the request"
        # Known limitation: Paradox's message is kept as written (its known messages carry no
        # input values); a tenant that echoed a submitted value would put it in the outcome files.
        msg = f"Paradox refused {where}: {paradox_message or 'no message given'}"
        raise ActionError(
            codes.REMOTE_INPUT_INVALID, msg, field=paradox_field or None, remote_status=status
        )
    msg = f"{method} {path} answered an unexpected HTTP {status}"
    raise ActionError(codes.UNKNOWN_HTTP_ERROR, msg, remote_status=status)


def _first_error(response: requests.Response) -> tuple[int | None, str, str]:
    try:
        body = response.json()
    except ValueError:
        return None, "", ""
    entries = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        return None, "", str(body.get("message", "")) if isinstance(body, dict) else ""
    first = entries[0]
    code = first.get("code")
    return (
        int(code) if str(code).isdigit() else None,
        str(first.get("field") or ""),
        str(first.get("message") or ""),
    )
