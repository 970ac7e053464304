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
        # Token values are random, not seeded: they are secrets, and no behaviour depends on them.
        token = secrets.token_urlsafe(24)
        now = time.monotonic()
        with self._lock:
            if len(self._tokens) > 1000:  # long runs: forget tokens that died already
                self._tokens = {t: end for t, end in self._tokens.items() if end > now}
            self._tokens[token] = now + self.token_lifetime_s
        return token

    def expire_tokens(self) -> None:
        """Make every issued bearer token answer 401."""
        with self._lock:
            self._tokens.clear()

    def is_authorized(self, header: str) -> bool:
        """Whether an Authorization header carries a live bearer token or the Basic pair."""
        scheme, _, credential = header.partition(" ")
        credential = credential.strip()
        if scheme.lower() == "bearer" and credential:
            with self._lock:
                expiry = self._tokens.get(credential)
            return expiry is not None and expiry > time.monotonic()
        if scheme.lower() == "basic" and credential:
            try:
                pair = base64.b64decode(credential, validate=True)
            except binascii.Error:
                return False
            expected = f"{self.config.client_id}:{self.config.client_secret}".encode()
            return hmac.compare_digest(pair, expected)
        return False


STATE = web.AppKey("state", ServerState)
BODY = web.RequestKey("body", object)  # parsed JSON body, None, or INVALID_JSON
FORM = web.RequestKey("form", object)  # parsed form body or None
INVALID_JSON = object()  # marks a body that did not parse as JSON
