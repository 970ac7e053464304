"""Guarded download of an attachment's ``data_url`` (model §4.4 file rules).

Only http(s). A host that resolves to a loopback, link-local, private, reserved or otherwise
non-global address is refused unless named in ``allowed_download_hosts``; the check runs
after DNS resolution and again on every redirect. The body is streamed and cut off at the
size cap. No auth header is ever sent: the target's own session is not used.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests

from tap_paradox.retry import RETRIABLE_STATUSES, RetryPolicy
from tap_paradox.target.errors import InputInvalidError

MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
Resolver = Callable[[str, int], Iterable[str]]


@dataclass(frozen=True)
class DownloadGuard:
    """Limits applied to every ``data_url``."""

    allowed_hosts: frozenset[str] = frozenset()
    max_bytes: int = 10 * 1024 * 1024
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0


@dataclass(frozen=True)
class Download:
    """The downloaded bytes and the media type the server declared (parameters removed)."""

    content: bytes
    content_type: str | None
    url: str


def resolve_host(host: str, port: int) -> list[str]:
    """Return every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def check_url(url: str, guard: DownloadGuard, resolver: Resolver = resolve_host) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        msg = "data_url must be an http(s) URL with a host"
        raise InputInvalidError(msg, field="data_url")
    host = parts.hostname.lower()
    if host in guard.allowed_hosts:
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        addresses = list(resolver(host, port))
    except (OSError, UnicodeError) as error:
        msg = f"data_url host {host} does not resolve"
        raise InputInvalidError(msg, field="data_url") from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            msg = (
                f"data_url host {host} resolves to a non-public address ({_kind(ip)}); "
                "name the host in allowed_download_hosts to allow it"
            )
            raise InputInvalidError(msg, field="data_url")


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for kind in ("loopback", "link_local", "reserved", "multicast", "unspecified", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return "not globally routable"


def download(
    url: str,
    guard: DownloadGuard,
    retry_policy: RetryPolicy,
    *,
    resolver: Resolver = resolve_host,
    sleep: Callable[[float], None] = time.sleep,
) -> Download:
    """Fetch ``url`` under the guard; 429/5xx/no answer are retried, then INPUT_INVALID."""
    with requests.Session() as session:
        session.trust_env = False  # no proxy or netrc credentials leak into a user-given URL
        for retry_number in range(retry_policy.max_retries + 1):
            try:
                response = _follow(session, url, guard, resolver)
            except (requests.ConnectionError, requests.Timeout) as error:
                if retry_number == retry_policy.max_retries:
                    msg = f"data_url did not answer ({type(error).__name__}) after every retry"
                    raise InputInvalidError(msg, field="data_url") from error
                sleep(retry_policy.wait_seconds(retry_number))
                continue
            with response:
                status = response.status_code
                if status in RETRIABLE_STATUSES and retry_number < retry_policy.max_retries:
                    sleep(
                        retry_policy.wait_seconds(retry_number, response.headers.get("Retry-After"))
                    )
                    continue
                if not 200 <= status < 300:
                    msg = f"data_url answered HTTP {status}, not 2xx"
                    raise InputInvalidError(msg, field="data_url")
                return Download(_read_capped(response, guard), _media_type(response), response.url)
    msg = "data_url could not be downloaded"
    raise InputInvalidError(msg, field="data_url")


def _follow(
    session: requests.Session, url: str, guard: DownloadGuard, resolver: Resolver
) -> requests.Response:
    for _ in range(MAX_REDIRECTS + 1):
        # Known limitation: requests resolves the host again when it connects, so a DNS answer
        # that changes between this check and the connection (DNS rebinding) is not caught.
        check_url(url, guard, resolver)
        response = session.get(
            url,
            stream=True,
            allow_redirects=False,
            timeout=(guard.connect_timeout_s, guard.read_timeout_s),
        )
        if not response.is_redirect:
            return response
        location = response.headers.get("Location", "")
        response.close()
        url = urljoin(url, location)
    msg = f"data_url redirects more than {MAX_REDIRECTS} times"
    raise InputInvalidError(msg, field="data_url")


def _read_capped(response: requests.Response, guard: DownloadGuard) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > guard.max_bytes:
        raise _too_large(guard)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(CHUNK_BYTES):
        size += len(chunk)
        if size > guard.max_bytes:
            raise _too_large(guard)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(guard: DownloadGuard) -> InputInvalidError:
    msg = f"the file is larger than resume_max_bytes ({guard.max_bytes} bytes)"
    return InputInvalidError(msg, field="data_url")


def _media_type(response: requests.Response) -> str | None:
    value = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return value or None
