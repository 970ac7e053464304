"""ParadoxStream: the one base stream holding base URL, auth, retries, error handling, redaction."""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import requests
from singer_sdk import RESTStream
from singer_sdk.exceptions import FatalAPIError, RetriableAPIError

from tap_paradox.auth import api_base_url
from tap_paradox.errors import (
    SETUP_MESSAGE,
    AuthenticationError,
    RateLimitedError,
    RemoteUnavailableError,
    SetupIncompleteError,
    is_gateway_setup_error,
)
from tap_paradox.retry import RETRIABLE_STATUSES, RetryPolicy

if TYPE_CHECKING:
    from backoff.types import Details

    from tap_paradox.tap import TapParadox

CANDIDATE_NOT_FOUND = 1004
REQUEST_TIMEOUT_S = 120
_TRANSPORT_ERRORS = (
    ConnectionResetError,
    requests.exceptions.Timeout,
    requests.exceptions.ConnectionError,
    requests.exceptions.ChunkedEncodingError,
)


class TokenRejectedError(FatalAPIError):
    """A call was answered 401: the token is renewed and the call retried once."""


class ParadoxClientError(FatalAPIError):
    """A 4xx answer other than 401, with the envelope's codes and fields (never its text)."""

    def __init__(self, message: str, status: int, codes: tuple[int, ...], fields: tuple) -> None:
        """Keep the status, error codes and field names for the caller to branch on."""
        super().__init__(message)
        self.status = status
        self.codes = codes
        self.fields = fields

    @property
    def is_not_found(self) -> bool:
        """True for "Candidate not found": 400 code 1004, or a JSON 404 (contract §8 #9)."""
        return self.status == 404 or (self.status == 400 and CANDIDATE_NOT_FOUND in self.codes)


def _error_envelope(response: requests.Response) -> tuple[tuple[int, ...], tuple[str, ...]]:
    # Never assume JSON on an error: gateways answer plain text.
    try:
        payload = response.json()
    except ValueError:
        return (), ()
    errors = payload.get("errors") if isinstance(payload, dict) else None
    if not isinstance(errors, list):
        return (), ()
    entries = [entry for entry in errors if isinstance(entry, dict)]
    codes = tuple(entry["code"] for entry in entries if isinstance(entry.get("code"), int))
    fields = tuple(str(entry.get("field") or "") for entry in entries)
    return codes, fields


class ParadoxStream(RESTStream):
    """Base stream: ``{api_url}/api/v1/public``, the tap's authenticator, Paradox's errors."""

    _tap: TapParadox
    # Paths can carry an OID; query strings can carry e-mail filters: neither is logged.
    _LOG_REQUEST_METRIC_URLS = False

    @property
    def url_base(self) -> str:
        """Return the API base URL."""
        return api_base_url(self.config.get("api_url") or "https://api.paradox.ai")

    @property
    def authenticator(self) -> Any:
        """Return the tap instance's single authenticator, shared by every stream."""
        return self._tap.authenticator

    @property
    def http_headers(self) -> dict:
        """Ask for JSON on every call."""
        return {"Accept": "application/json"}

    @property
    def timeout(self) -> int:
        """Seconds to wait for one answer."""
        return REQUEST_TIMEOUT_S

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy built from ``max_retries`` / ``backoff_*``."""
        return RetryPolicy.from_config(self.config)

    # Errors

    def validate_response(self, response: requests.Response) -> None:
        """Classify an answer: retriable (429/5xx), token rejected, setup error, or fatal."""
        status = response.status_code
        if status < 400:
            return
        if status in RETRIABLE_STATUSES:
            raise RetriableAPIError(self.response_error_message(response), response)
        if status == 401:
            raise TokenRejectedError(self.response_error_message(response))
        if is_gateway_setup_error(status, response.text):
            raise SetupIncompleteError(SETUP_MESSAGE.format(status=status))
        codes, fields = _error_envelope(response)
        raise ParadoxClientError(self.response_error_message(response), status, codes, fields)

    def response_error_message(self, response: requests.Response) -> str:
        """Describe a failed call by status, method, path and error codes; never the body."""
        request = response.request
        method = request.method if request is not None else "GET"
        path = urlparse(response.url).path or self.path or ""
        message = f"HTTP {response.status_code} for {method} {path}"
        codes, fields = _error_envelope(response)
        if codes or any(fields):
            message += f" (codes {list(codes)}, fields {list(fields)})"
        return message

    def _request(
        self, prepared_request: requests.PreparedRequest, context: Mapping | None
    ) -> requests.Response:
        """Send once; on 401 renew the token and send again, a second 401 is fatal."""
        try:
            return super()._request(prepared_request, context)
        except TokenRejectedError:
            self.authenticator.invalidate()
        try:
            return super()._request(prepared_request, context)
        except TokenRejectedError as error:
            msg = (
                "Paradox still answered 401 with fresh credentials: check client_id, "
                "client_secret and auth_method"
            )
            raise AuthenticationError(msg) from error

    # Retries: the SDK's backoff decorator, waiting what RetryPolicy says

    def backoff_wait_generator(self) -> Generator[float, Any, None]:
        """Wait ``Retry-After`` seconds when the answer has it, else capped doubling backoff."""
        policy = self.retry_policy
        retry_number = 0
        error = yield 0.0  # primed by backoff with an empty send
        while True:
            response = getattr(error, "response", None)
            retry_after = response.headers.get("Retry-After") if response is not None else None
            error = yield policy.wait_seconds(retry_number, retry_after)
            retry_number += 1

    def backoff_max_tries(self) -> int:
        """Try once plus ``max_retries`` retries."""
        return self.retry_policy.max_retries + 1

    def backoff_jitter(self, value: float) -> float:
        """Add no jitter: RetryPolicy already jitters, and a Retry-After wait is exact."""
        return value

    def backoff_handler(self, details: Details) -> None:
        """Log each retry with its wait, the status and the path (never the URL's query)."""
        error = details.get("exception")
        response = getattr(error, "response", None)
        reason = f"HTTP {response.status_code}" if response is not None else type(error).__name__
        self.logger.warning(
            "Retrying %s in %.1f s after %s (attempt %d)",
            self.path,
            details.get("wait") or 0.0,
            reason,
            details.get("tries"),
        )

    def request_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET one path below the base URL with retries, auth renewal and clear errors."""
        prepared = self.build_prepared_request(
            method="GET",
            url=self.url_base + path,
            params=dict(params or {}),
            headers=self.http_headers,
        )
        send: Callable[..., requests.Response] = self.request_decorator(self._request)
        try:
            response = send(prepared, None)
        except RetriableAPIError as error:
            status = error.response.status_code if error.response is not None else None
            if status == 429:
                raise RateLimitedError(f"{error} still, after every retry") from error
            raise RemoteUnavailableError(f"{error} still, after every retry") from error
        except _TRANSPORT_ERRORS as error:
            msg = f"GET {path} failed after every retry: {type(error).__name__}"
            raise RemoteUnavailableError(msg) from error
        try:
            return response.json()
        except ValueError as error:
            msg = f"GET {path} answered 200 with a body that is not JSON"
            raise RemoteUnavailableError(msg) from error
