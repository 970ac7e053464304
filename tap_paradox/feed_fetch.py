"""Download the XML job feed once per run into a temporary file, with retries.

The feed URL is a per-customer secret, so nothing here ever logs it or lets it reach an exception
message: only its host is named. The body is streamed to disk in chunks (hundreds of MB are
normal), which keeps memory flat and lets a connection reset mid-body be retried from the start
without the parser having emitted half a feed twice. Gzip is left to ``tap_paradox.feed``, which
detects it by magic bytes; only a transport ``Content-Encoding`` is undone here.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import requests

from tap_paradox.retry import RETRIABLE_STATUSES, RetryPolicy

CHUNK_BYTES = 1 << 20
CONNECT_TIMEOUT_S = 30
READ_TIMEOUT_S = 300
LOGGER = logging.getLogger(__name__)
# Connection resets, truncated chunked bodies and time-outs are worth another attempt.
_TRANSIENT_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class _HidePath(logging.Filter):
    """Drop urllib3's DEBUG lines that would print the feed's secret path."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._path or self._path not in record.getMessage()


@contextmanager
def hidden_from_urllib3(url: str) -> Iterator[None]:
    """Keep urllib3's DEBUG request lines for ``url`` out of the logs while the block runs."""
    # urllib3 logs "GET <path>" at DEBUG; the path is the secret part of a feed URL.
    parts = urlsplit(url)
    hide = _HidePath(parts.path + (f"?{parts.query}" if parts.query else ""))
    pool_logger = logging.getLogger("urllib3.connectionpool")
    pool_logger.addFilter(hide)
    try:
        yield
    finally:
        pool_logger.removeFilter(hide)


class FeedUnavailableError(Exception):
    """The job feed could not be downloaded or parsed; the jobs streams cannot run this time."""


def feed_host(url: str) -> str:
    """Return the host (and port) of the feed URL, the only part of it that may be logged."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1] or "<no host>"


class FeedSnapshot:
    """One downloaded copy of the feed, shared by the ``jobs`` and ``job_postings`` streams."""

    def __init__(
        self,
        url: str,
        retry_policy: RetryPolicy,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Prepare the snapshot; nothing is fetched until :meth:`open` is first called."""
        self._url = url
        self._retry_policy = retry_policy
        self._session = session
        self._sleep = sleep
        self._directory: tempfile.TemporaryDirectory[str] | None = None
        self._path: Path | None = None
        self._failure: FeedUnavailableError | None = None
        self.bytes_downloaded = 0

    @property
    def host(self) -> str:
        """Host of the feed URL, for log lines and error messages."""
        return feed_host(self._url)

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """Yield the feed body as a binary file, downloading it on first use."""
        if self._failure is not None:
            # Both feed streams read one snapshot: a failed download is not repeated.
            raise self._failure
        if self._path is None:
            try:
                self._path = self._download()
            except FeedUnavailableError as error:
                self._failure = error
                raise
        with self._path.open("rb") as body:
            yield body

    def close(self) -> None:
        """Delete the downloaded copy."""
        if self._directory is not None:
            self._directory.cleanup()
        self._directory = None
        self._path = None

    def _download(self) -> Path:
        self._directory = tempfile.TemporaryDirectory(prefix="tap-paradox-feed-")
        path = Path(self._directory.name) / "feed.body"
        session = self._session or requests.Session()
        with hidden_from_urllib3(self._url):
            return self._download_with_retries(session, path)

    def _download_with_retries(self, session: requests.Session, path: Path) -> Path:
        attempt = 0
        while True:
            try:
                self.bytes_downloaded = self._fetch_once(session, path)
            except _RetriableFeedError as error:
                if attempt >= self._retry_policy.max_retries:
                    msg = (
                        f"job feed at host {self.host} still failing after "
                        f"{attempt + 1} attempts: {error.reason}"
                    )
                    raise FeedUnavailableError(msg) from None
                wait = self._retry_policy.wait_seconds(attempt, error.retry_after)
                LOGGER.warning(
                    "Job feed at host %s: %s; retrying in %.1f s", self.host, error.reason, wait
                )
                self._sleep(wait)
                attempt += 1
                continue
            LOGGER.info(
                "Downloaded the job feed from host %s (%d bytes)", self.host, self.bytes_downloaded
            )
            return path

    def _fetch_once(self, session: requests.Session, path: Path) -> int:
        try:
            response = session.get(
                self._url,
                stream=True,
                timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
                headers={"Accept": "application/xml, text/xml, */*"},
            )
        except _TRANSIENT_ERRORS as error:
            # requests puts the full URL into these messages; keep only the error class.
            raise _RetriableFeedError(f"connection failed ({type(error).__name__})") from None
        except requests.RequestException as error:
            msg = f"job feed at host {self.host} cannot be requested ({type(error).__name__})"
            raise FeedUnavailableError(msg) from None
        with response:
            if response.status_code in RETRIABLE_STATUSES:
                raise _RetriableFeedError(
                    f"HTTP {response.status_code}", response.headers.get("Retry-After")
                )
            if response.status_code != 200:
                msg = f"job feed at host {self.host} answered HTTP {response.status_code}"
                raise FeedUnavailableError(msg)
            return self._save_body(response, path)

    @staticmethod
    def _save_body(response: requests.Response, path: Path) -> int:
        written = 0
        try:
            with path.open("wb") as target:
                # decode_content undoes a transport Content-Encoding only; a gzip *file* stays
                # compressed on disk and the parser recognises it by its magic bytes.
                for chunk in response.iter_content(chunk_size=CHUNK_BYTES):
                    target.write(chunk)
                    written += len(chunk)
        except _TRANSIENT_ERRORS as error:
            raise _RetriableFeedError(f"body interrupted ({type(error).__name__})") from None
        return written


class _RetriableFeedError(Exception):
    def __init__(self, reason: str, retry_after: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
