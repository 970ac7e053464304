"""``Sandbox``: the server on a free loopback port, its loop in a background thread."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import Iterable

from aiohttp import web

from tap_paradox.sandbox.app import build_app
from tap_paradox.sandbox.config import BASE_PATH, Faults, LoggedRequest, SandboxConfig
from tap_paradox.sandbox.state import ServerState
from tap_paradox.sandbox.store import Store


class Sandbox:
    """A running Paradox sandbox; use as a context manager or call start() / stop()."""

    def __init__(self, config: SandboxConfig | None = None, **overrides: object) -> None:
        config = config or SandboxConfig()
        self.config = dataclasses.replace(config, **overrides) if overrides else config
        self._state = ServerState(self.config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # ----- lifecycle -------------------------------------------------------------------
    def start(self) -> Sandbox:
        """Start serving in a background thread; returns once the port is bound."""
        if self._thread is not None:
            return self
        ready = threading.Event()
        failure: list[BaseException] = []
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._serve())
            except BaseException as error:  # reported to the starting thread below
                failure.append(error)
                ready.set()
                return
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="paradox-sandbox", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread = None
            raise failure[0]
        return self

    async def _serve(self) -> None:
        self._runner = web.AppRunner(build_app(self._state), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.config.port, reuse_address=True)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._state.store.public_url = self.api_url

    def stop(self) -> None:
        """Stop serving and join the background thread."""
        if self._thread is None or self._loop is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop)
        future.result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
        self._thread = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # ----- addresses and credentials ---------------------------------------------------
    @property
    def base_url(self) -> str:
        """Scheme, host and port of the running server."""
        if self._port is None:
            msg = "the sandbox is not started"
            raise RuntimeError(msg)
        return f"http://{self.config.host}:{self._port}"

    @property
    def api_url(self) -> str:
        """The tap / target ``api_url`` (the base path /api/v1/public is added by clients)."""
        return self.base_url

    @property
    def base_path(self) -> str:
        """The contract base path."""
        return BASE_PATH

    @property
    def client_id(self) -> str:
        """The Account ID that the token call and Basic auth accept."""
        return self.config.client_id

    @property
    def client_secret(self) -> str:
        """The Secret Key that the token call and Basic auth accept."""
        return self.config.client_secret

    @property
    def feed_url(self) -> str:
        """The plain XML job feed (a secret URL, no auth header)."""
        return f"{self.base_url}/feeds/{self._state.feed_token}/jobs.xml"

    @property
    def feed_gzip_url(self) -> str:
        """The feed as a gzip file; the URL ends with ".gz"."""
        return self.feed_url + ".gz"

    @property
    def feed_encoded_url(self) -> str:
        """The feed with ``Content-Encoding: gzip`` on a plain-looking URL."""
        return f"{self.base_url}/feeds/{self._state.feed_token}/jobs-encoded.xml"

    # ----- inspection and control --------------------------------------------------------
    @property
    def store(self) -> Store:
        """The live state (thread-safe; same semantics as the HTTP writes)."""
        return self._state.store

    @property
    def requests(self) -> list[LoggedRequest]:
        """A snapshot of the request log, in arrival order."""
        return list(self._state.log)

    def clear_requests(self) -> None:
        """Empty the request log."""
        self._state.log.clear()

    @property
    def faults(self) -> Faults:
        """The fault knobs in force."""
        return self._state.faults.faults

    def set_faults(
        self,
        *,
        latency_s: float = 0.0,
        rate_429: float = 0.0,
        retry_after_s: float | None = None,
        rate_5xx: float = 0.0,
        error_5xx_kind: str = "mixed",
        reset_rate: float = 0.0,
        reset_after_write_rate: float = 0.0,
        churn_inserts: int = 0,
        churn_updates: int = 0,
        churn_deletes: int = 0,
        ignore_date_filters: bool = False,
        fail_paths: Iterable[str] | None = None,
    ) -> Faults:
        """Replace every fault knob (unnamed ones go back to their defaults); see ``Faults``."""
        if isinstance(fail_paths, str):  # one path given bare, not as a list
            fail_paths = (fail_paths,)
        faults = Faults(
            latency_s=latency_s,
            rate_429=rate_429,
            retry_after_s=retry_after_s,
            rate_5xx=rate_5xx,
            error_5xx_kind=error_5xx_kind,
            reset_rate=reset_rate,
            reset_after_write_rate=reset_after_write_rate,
            churn_inserts=churn_inserts,
            churn_updates=churn_updates,
            churn_deletes=churn_deletes,
            ignore_date_filters=ignore_date_filters,
            fail_paths=None if fail_paths is None else tuple(fail_paths),
        )
        self._state.faults.set(faults)
        return faults

    def expire_tokens(self) -> None:
        """Every bearer token issued so far now answers 401."""
        self._state.expire_tokens()

    def set_token_lifetime(self, seconds: int) -> None:
        """Lifetime (``expires_in``) of tokens issued from now on."""
        self._state.token_lifetime_s = seconds
