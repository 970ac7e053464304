"""The ``jobs`` and ``job_postings`` streams, built from the XML job feed (model §2.1, §2.2).

The feed is one full snapshot per run: it is downloaded once (``FeedRun``, kept on the sync run
and shared by the feed streams) and stream-parsed, so memory stays flat at 100,000+ jobs. Jobs
the applications point at but the feed lacks become id-only stubs. Whatever was live and is not
produced this run is tombstoned once: a job or posting that left the feed, or a stub whose last
live application is gone. A job that was ever in the feed never becomes a stub again: it stays a
tombstone even while applications still point at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tap_paradox.feed import FeedError, FeedJob, iter_feed_jobs
from tap_paradox.feed_fetch import FeedSnapshot, FeedUnavailableError
from tap_paradox.mapping.jobs import (
    map_feed_job,
    map_job_posting,
    map_stub_job,
    posting_remote_id,
)
from tap_paradox.retry import RetryPolicy
from tap_paradox.streams.derived import DerivedStream

FEED_READERS = ("jobs", "job_postings", "job_stages")


class FeedRun:
    """One run's view of the feed: its download, its distinct job ids, and who still reads it."""

    def __init__(self, snapshot: FeedSnapshot | None, readers: set[str]) -> None:
        """Share ``snapshot`` (None without job_feed_url) between the ``readers`` streams."""
        self.snapshot = snapshot
        self.feed_ids: set[str] | None = None  # known once a whole parse has succeeded
        self.failure: FeedUnavailableError | None = None
        self._readers = readers

    def jobs(self, logger: Any) -> Iterator[FeedJob]:
        """Yield the feed's jobs; a download or parse failure becomes FeedUnavailableError."""
        if self.failure is not None:
            raise self.failure
        assert self.snapshot is not None  # callers check for a feed URL first
        seen: set[str] = set()
        try:
            with self.snapshot.open() as body:
                for job in iter_feed_jobs(body, logger=logger):
                    seen.add(job.reference_number or "")
                    yield job
        except FeedError as error:
            # The parser's message names a line of the feed, never its URL.
            msg = f"job feed from host {self.snapshot.host} is unusable: {error}"
            self.failure = FeedUnavailableError(msg)
            raise self.failure from error
        except FeedUnavailableError as error:
            self.failure = error
            raise
        seen.discard("")
        self.feed_ids = seen

    def job_ids(self, logger: Any) -> set[str] | None:
        """The feed's distinct job ids (parsing the feed if no stream has yet); None if unknown."""
        if self.snapshot is None or self.failure is not None:
            return None
        if self.feed_ids is None:
            try:
                for _job in self.jobs(logger):
                    pass
            except FeedUnavailableError:
                return None
        return self.feed_ids

    def done(self, reader: str) -> None:
        """A stream finished with the feed; the last one frees the downloaded copy."""
        self._readers.discard(reader)
        if not self._readers and self.snapshot is not None:
            self.snapshot.close()


def feed_run_of(stream: DerivedStream) -> FeedRun:
    """The sync run's FeedRun, created by the first feed reader (one download per run)."""
    feed_run = stream.sync_run.feed_run
    if feed_run is None:
        url = stream.config.get("job_feed_url")
        snapshot = FeedSnapshot(str(url), RetryPolicy.from_config(stream.config)) if url else None
        tap_streams = stream._tap.streams  # selection decides who reads the feed
        readers = {
            name for name in FEED_READERS if name in tap_streams and tap_streams[name].selected
        }
        feed_run = FeedRun(snapshot, readers)
        stream.sync_run.feed_run = feed_run
    return feed_run


class _FeedStream(DerivedStream):
    """A stream that reads the run's job feed."""

    def feed_failed(self, error: FeedUnavailableError) -> None:
        """Log a feed failure and leave it on the sync run, which fails the run at its end.

        The other streams go on (the candidate streams must not suffer from a broken feed)
        and the ledger keeps what they emitted; nothing of the feed is tombstoned.
        """
        self.logger.error("%s: %s; nothing is tombstoned this run", self.name, error)
        self.sync_run.stream_failures.append(f"{self.name}: {error}")


class JobsStream(_FeedStream):
    """Jobs: one per distinct feed referencenumber, plus stubs for ids only applications know."""

    name = "jobs"

    def get_records(self, context: dict | None) -> Iterator[dict[str, Any]]:
        """Emit the new, changed and tombstoned jobs (every job in a full sync)."""
        self.sync_run.ensure_candidate_pass()
        feed_run = feed_run_of(self)
        try:
            yield from self._jobs(feed_run)
        except FeedUnavailableError as error:
            # Stubs and tombstones need the whole feed: wait for a readable one.
            self.feed_failed(error)
        finally:
            feed_run.done(self.name)

    def _jobs(self, feed_run: FeedRun) -> Iterator[dict[str, Any]]:
        derived = self.derived_ledger()
        feed_ids: set[str] = set()
        if feed_run.snapshot is None:
            self.logger.info("No job_feed_url: jobs are id-only stubs and job_postings is empty")
        else:
            yield from self.observed(self._feed_jobs(feed_run, feed_ids))
            derived.mark_jobs(feed_ids, from_feed=True)
        former_feed_ids = derived.feed_job_ids()
        stub_ids = sorted(application_job_ids(self) - feed_ids - former_feed_ids)
        settings = self.sync_run.mapping
        yield from self.observed((map_stub_job(job_id, settings), job_id) for job_id in stub_ids)
        derived.mark_jobs(stub_ids, from_feed=False)
        yield from self._tombstone_unseen(feed_run.snapshot is not None, former_feed_ids)

    def _feed_jobs(
        self, feed_run: FeedRun, feed_ids: set[str]
    ) -> Iterator[tuple[dict[str, Any], str]]:
        settings = self.sync_run.mapping
        for feed_job in feed_run.jobs(self.logger):
            reference = feed_job.reference_number
            # The first <job> with a referencenumber supplies the job; repeats are postings only.
            if reference is None or reference in feed_ids:
                continue
            feed_ids.add(reference)
            yield map_feed_job(feed_job, settings), reference

    def _tombstone_unseen(self, feed_read: bool, former_feed_ids: set[str]) -> Iterator[dict]:
        run_start = self.sync_run.run_start
        # Without a feed this run, feed jobs keep their last known state: nothing says they left.
        doomed = [
            (record_id, remote_key)
            for record_id, remote_key in self.ledger.live_unseen(self.name, run_start=run_start)
            if feed_read or remote_key not in former_feed_ids
        ]
        self.guard_mass_deletion(len(doomed))
        derived = self.derived_ledger()
        for tombstone in self.tombstones(doomed):
            derived.mark_job_deleted(tombstone["remote_id"])
            yield tombstone


def application_job_ids(stream: DerivedStream) -> set[str]:
    """The distinct ``job_req_id`` values of live applications, from the ledger's facts."""
    job_ids = set()
    for fact in stream.ledger.live_applications():
        job_id = (fact.job_remote_id or "").strip()
        if job_id:
            job_ids.add(job_id)
    return job_ids


class JobPostingsStream(_FeedStream):
    """Job postings: one per ``<job>`` element; repeated references get ``#2``, ``#3``, ..."""

    name = "job_postings"

    def get_records(self, context: dict | None) -> Iterator[dict[str, Any]]:
        """Emit the new, changed and tombstoned postings (every posting in a full sync)."""
        feed_run = feed_run_of(self)
        if feed_run.snapshot is None:
            feed_run.done(self.name)
            return
        try:
            yield from self.observed(self._postings(feed_run))
            run_start = self.sync_run.run_start
            doomed = list(self.ledger.live_unseen(self.name, run_start=run_start))
            self.guard_mass_deletion(len(doomed))
            yield from self.tombstones(doomed)
        except FeedUnavailableError as error:
            self.feed_failed(error)
        finally:
            feed_run.done(self.name)

    def _postings(self, feed_run: FeedRun) -> Iterator[tuple[dict[str, Any], str]]:
        settings = self.sync_run.mapping
        seen: dict[str, int] = {}
        for feed_job in feed_run.jobs(self.logger):
            reference = feed_job.reference_number
            if reference is None:
                continue
            seen[reference] = seen.get(reference, 0) + 1
            remote_id = posting_remote_id(reference, seen[reference])
            yield map_job_posting(feed_job, remote_id, settings), remote_id
