"""Shared server state: store, fault injector, issued tokens and the request log."""

from __future__ import annotations

import base64
import binascii
import collections
import hmac
import secrets
import threading
import time

from aiohttp import web

from tap_paradox.sandbox import feed
from tap_paradox.sandbox.config import LoggedRequest, SandboxConfig
from tap_paradox.sandbox.faults import FaultInjector
from tap_paradox.sandbox.store import Store


class ServerState:
    """Everything the handlers share: store, faults, issued tokens and the request log."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.store = Store(config)
        self.faults = FaultInjector(config.seed)
        self.token_lifetime_s = config.token_lifetime_s
        self.feed_token = secrets.token_hex(4) + f"{config.seed:x}"
        self._tokens: dict[str, float] = {}
        self._feed_cache: tuple[int, bytes, bytes] | None = None
        self._lock = threading.Lock()
        self.log: collections.deque[LoggedRequest] = collections.deque(
            maxlen=config.request_log_limit
        )

    def feed_documents(self) -> tuple[bytes, bytes]:
        """The feed as (plain XML, gzip file), re-rendered only when the feed changed."""
        version, jobs = self.store.feed_jobs()
        cached = self._feed_cache
        if cached is None or cached[0] != version:
            plain = feed.render_feed(self.store.tenant.name, self.store.tenant.site, jobs)
            cached = (version, plain, feed.gzip_feed(plain))
            self._feed_cache = cached
        return cached[1], cached[2]

    def issue_token(self) -> str:
        """A new bearer token valid for the current lifetime."""
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = time.monotonic() + self.token_lifetime_s
        return token

    def expire_tokens(self) -> None:
        """Make every issued bearer token answer 401."""
        with self._lock:
            self._tokens.clear()

    def check_auth(self, header: str) -> tuple[str | None, bool]:
        """(scheme, valid) for an Authorization header."""
        scheme, _, credential = header.partition(" ")
        if scheme.lower() == "bearer" and credential:
            with self._lock:
                expiry = self._tokens.get(credential.strip())
            return "Bearer", expiry is not None and expiry > time.monotonic()
        if scheme.lower() == "basic" and credential:
            try:
                pair = base64.b64decode(credential.strip(), validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                return "Basic", False
            expected = f"{self.config.client_id}:{self.config.client_secret}"
            return "Basic", hmac.compare_digest(pair.encode(), expected.encode())
        return None, False


STATE = web.AppKey("state", ServerState)
BODY = web.RequestKey("body", object)  # parsed JSON body, None, or INVALID_JSON
FORM = web.RequestKey("form", object)  # parsed form body or None
INVALID_JSON = object()  # marks a body that did not parse as JSON
