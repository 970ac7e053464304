"""The job feed as the target needs it: which job_req_ids it lists, and their titles.

Read at most once per run, lazily, by the first create that needs it; the feed URL is a
secret, so only its host appears in log lines.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping

from tap_paradox.feed import iter_feed_jobs
from tap_paradox.feed_fetch import FeedSnapshot, FeedUnavailableError
from tap_paradox.retry import RetryPolicy
from tap_paradox.target import errors as codes
from tap_paradox.target.errors import ActionError


class FeedTitles:
    """Callable returning ``{job_req_id: title}`` of the feed, or None without a feed."""

    def __init__(
        self, url: str | None, retry_policy: RetryPolicy, logger: logging.Logger, *, required: bool
    ) -> None:
        """Prepare; nothing is downloaded until the first call."""
        self._url = url
        self._retry_policy = retry_policy
        self._logger = logger
        self._required = required
        self._lock = threading.Lock()
        self._titles: dict[str, str] | None = None
        self._failed = False

    def __call__(self) -> Mapping[str, str] | None:
        """Return the feed's jobs, downloading and parsing the feed on first use."""
        if not self._url:
            return None
        with self._lock:
            if self._titles is None and not self._failed:
                self._load()
        if self._failed:
            if self._required:
                msg = "the job feed could not be read, so require_job_in_feed cannot be checked"
                raise ActionError(codes.SERVICE_UNAVAILABLE, msg)
            return None
        return self._titles

    def job_ids(self) -> list[str]:
        """Return the feed's job_req_ids (empty without a feed)."""
        try:
            return list(self() or {})
        except ActionError:
            return []

    def _load(self) -> None:
        snapshot = FeedSnapshot(self._url or "", self._retry_policy)
        try:
            with snapshot.open() as body:
                titles: dict[str, str] = {}
                for job in iter_feed_jobs(body, self._logger):
                    reference = job.reference_number
                    if reference and reference not in titles:
                        title = job.fields.get("title")
                        title = title[0] if isinstance(title, list) and title else title
                        titles[reference] = (title or "").strip() if isinstance(title, str) else ""
            self._titles = titles
        except (FeedUnavailableError, OSError, ValueError) as error:
            self._failed = True
            self._logger.warning(
                "Job feed at %s could not be read (%s); jobs are not checked against it",
                snapshot.host,
                type(error).__name__,
            )
        finally:
            snapshot.close()
