"""Authenticated raw requests to the Paradox API, for endpoints the streams do not cover.

Like Kombo's passthrough: the caller names a method and a path; the token, the base path
and the retry policy are added here. Only idempotent GETs are retried, because Paradox does
not deduplicate writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests

from tap_paradox.auth import build_authenticator
from tap_paradox.retry import RetryPolicy, send_with_retries

API_PREFIXES = {"v1public": "/api/v1/public", "v1": "/api/v1"}
REQUEST_TIMEOUT_S = 60


def request(
    config: Mapping[str, Any],
    method: str,
    path: str,
    *,
    api: str = "v1public",
    params: Mapping[str, Any] | None = None,
    json: Any = None,
    headers: Mapping[str, str] | None = None,
    session: requests.Session | None = None,
    authenticator: Any = None,
) -> dict[str, Any]:
    """Send one authenticated request; return ``{url, status, headers, data}``.

    ``data`` is the parsed JSON body, or the text when the body is not JSON. Pass the caller's
    ``authenticator`` to reuse its token; without one, a new one is built for this call.
    """
    if api not in API_PREFIXES:
        msg = f"api must be one of {sorted(API_PREFIXES)}, got {api!r}"
        raise ValueError(msg)
    if not path.startswith("/"):
        msg = f"path must start with '/', got {path!r}"
        raise ValueError(msg)
    session = session or requests.Session()
    authenticator = authenticator or build_authenticator(config, session=session)
    url = str(config.get("api_url") or "https://api.paradox.ai").rstrip("/")
    url += API_PREFIXES[api] + path
    method = method.upper()
    policy = RetryPolicy.from_config(config)

    def send() -> requests.Response:
        return session.request(
            method,
            url,
            params=params,
            json=json,
            headers={"Accept": "application/json", **(headers or {})},
            auth=authenticator,
            timeout=REQUEST_TIMEOUT_S,
        )

    retries = policy.max_retries if method == "GET" else 0
    response = send_with_retries(send, policy, retries=retries)
    if response.status_code == 401:
        # A token may die before expires_in; the contract allows one renewal and one retry.
        authenticator.invalidate()
        response = send_with_retries(send, policy, retries=retries)
    return {
        "url": response.url,
        "status": response.status_code,
        "headers": dict(response.headers),
        "data": _body(response),
    }


def _body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
