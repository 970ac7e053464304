"""Ledger tables of the derived streams (jobs, stages, job stages), beside the main ledger.

The main ledger (``tap_paradox.ledger``) tracks each emitted record's fingerprint. The derived
streams also need a little memory of their own, kept here in separate tables of the same SQLite
file so that it travels (and is lost) together with the rest of the ledger:

* which job ids ever came from the feed (a former feed job stays a tombstone, never a stub);
* each stage's journey, first-seen time and the last run that saw a live application in it
  (for ``stage_retention_days`` and the job-stage index order);
* the last run in which a journey's set of live stages changed (delta recomputation);
* each job's current journey and the index given to each of its stage links, so that indexes
  stay put when stages are added.

All times are the unified timestamp strings (``YYYY-MM-DDTHH:MM:SS.sssZ``), which sort as text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DERIVED_TABLES = (
    "derived_jobs",
    "derived_stages",
    "derived_journeys",
    "derived_job_journeys",
    "derived_job_stage_links",
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS derived_jobs (
    remote_id TEXT PRIMARY KEY,
    from_feed INTEGER NOT NULL DEFAULT 0,
    live INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS derived_stages (
    remote_id TEXT PRIMARY KEY,
    journey TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_live_at TEXT,
    live INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS derived_journeys (
    journey TEXT PRIMARY KEY,
    stages_changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS derived_job_journeys (
    job_remote_id TEXT PRIMARY KEY,
    journey TEXT
);
CREATE TABLE IF NOT EXISTS derived_job_stage_links (
    job_remote_id TEXT NOT NULL,
    stage_remote_id TEXT NOT NULL,
    journey TEXT NOT NULL,
    position INTEGER NOT NULL,
    live INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (job_remote_id, stage_remote_id)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class StoredStage:
    """What the derived ledger remembers about one stage."""

    remote_id: str
    journey: str
    first_seen: str
    last_live_at: str | None
    live: bool


@dataclass(frozen=True)
class StoredLink:
    """One job-stage link as last emitted."""

    stage_remote_id: str
    journey: str
    position: int
    live: bool


class DerivedLedger:
    """Tables of the derived streams, on the main ledger's SQLite connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        """Use ``connection`` (the ledger's); creates the tables when they are missing."""
        self._db = connection
        # One statement at a time: executescript() would first COMMIT the run's pending
        # ledger changes, which must stay undoable until the run has finished.
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self._db.execute(statement)

    def reset(self) -> None:
        """Forget everything (the main ledger was new or foreign and forgot its records)."""
        for table in DERIVED_TABLES:
            self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # -- jobs ---------------------------------------------------------------------------------
    def mark_jobs(self, remote_ids: Iterable[str], *, from_feed: bool) -> None:
        """Record jobs as live; ``from_feed`` marks them as feed jobs for good."""
        rows = [(remote_id, int(from_feed)) for remote_id in remote_ids]
        self._db.executemany(
            "INSERT INTO derived_jobs (remote_id, from_feed, live) VALUES (?, ?, 1) "
            "ON CONFLICT (remote_id) DO UPDATE SET live = 1, "
            "from_feed = MAX(from_feed, excluded.from_feed)",
            rows,
        )

    def mark_job_deleted(self, remote_id: str) -> None:
        """Record that a job was tombstoned."""
        self._db.execute("UPDATE derived_jobs SET live = 0 WHERE remote_id = ?", (remote_id,))

    def feed_job_ids(self) -> set[str]:
        """Return every job id that has ever been in the feed."""
        rows = self._db.execute("SELECT remote_id FROM derived_jobs WHERE from_feed = 1")
        return {remote_id for (remote_id,) in rows}

    def is_feed_job(self, remote_id: str) -> bool:
        """Tell whether a job id has ever been in the feed."""
        row = self._db.execute(
            "SELECT from_feed FROM derived_jobs WHERE remote_id = ?", (remote_id,)
        ).fetchone()
        return bool(row and row[0])

    def live_job_ids(self) -> Iterator[str]:
        """Yield the ids of jobs (feed jobs and stubs) that are not tombstoned."""
        rows = self._db.execute("SELECT remote_id FROM derived_jobs WHERE live = 1")
        for (remote_id,) in rows:
            yield remote_id

    # -- stages -------------------------------------------------------------------------------
    def stages(self) -> dict[str, StoredStage]:
        """Return every stage the ledger knows, live or tombstoned, by remote id."""
        rows = self._db.execute(
            "SELECT remote_id, journey, first_seen, last_live_at, live FROM derived_stages"
        )
        return {row[0]: StoredStage(row[0], row[1], row[2], row[3], bool(row[4])) for row in rows}

    def save_stage(
        self, remote_id: str, journey: str, *, seen_at: str, has_applications: bool
    ) -> None:
        """Record a stage as live this run; ``first_seen`` is kept from its first observation."""
        live_at = seen_at if has_applications else None
        self._db.execute(
            "INSERT INTO derived_stages (remote_id, journey, first_seen, last_live_at, live) "
            "VALUES (?, ?, ?, ?, 1) ON CONFLICT (remote_id) DO UPDATE SET live = 1, "
            "last_live_at = COALESCE(excluded.last_live_at, last_live_at)",
            (remote_id, journey, seen_at, live_at),
        )

    def mark_stage_deleted(self, remote_id: str) -> None:
        """Record that a stage was tombstoned."""
        self._db.execute("UPDATE derived_stages SET live = 0 WHERE remote_id = ?", (remote_id,))

    def mark_journey_changed(self, journey: str, at: str) -> None:
        """Record that a journey's set of live stages changed in the run started at ``at``."""
        self._db.execute(
            "INSERT INTO derived_journeys (journey, stages_changed_at) VALUES (?, ?) "
            "ON CONFLICT (journey) DO UPDATE SET stages_changed_at = excluded.stages_changed_at",
            (journey, at),
        )

    def journeys_changed_at(self, at: str) -> set[str]:
        """Return the journeys whose live stages changed in the run started at ``at``."""
        rows = self._db.execute(
            "SELECT journey FROM derived_journeys WHERE stages_changed_at = ?", (at,)
        )
        return {journey for (journey,) in rows}

    # -- job stage links ----------------------------------------------------------------------
    def job_journeys(self) -> dict[str, str | None]:
        """Return each job's current journey as of the last run that computed it."""
        rows = self._db.execute("SELECT job_remote_id, journey FROM derived_job_journeys")
        return dict(rows.fetchall())

    def set_job_journey(self, job_remote_id: str, journey: str | None) -> None:
        """Remember a job's current journey."""
        self._db.execute(
            "INSERT INTO derived_job_journeys (job_remote_id, journey) VALUES (?, ?) "
            "ON CONFLICT (job_remote_id) DO UPDATE SET journey = excluded.journey",
            (job_remote_id, journey),
        )

    def links(self, job_remote_id: str) -> dict[str, StoredLink]:
        """Return the stored stage links of one job, live or tombstoned, by stage remote id."""
        rows = self._db.execute(
            "SELECT stage_remote_id, journey, position, live FROM derived_job_stage_links "
            "WHERE job_remote_id = ?",
            (job_remote_id,),
        )
        return {row[0]: StoredLink(row[0], row[1], row[2], bool(row[3])) for row in rows}

    def save_link(
        self, job_remote_id: str, stage_remote_id: str, journey: str, position: int, *, live: bool
    ) -> None:
        """Store a job-stage link's position and whether it is live."""
        self._db.execute(
            "INSERT INTO derived_job_stage_links "
            "(job_remote_id, stage_remote_id, journey, position, live) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (job_remote_id, stage_remote_id) DO UPDATE SET "
            "position = excluded.position, live = excluded.live",
            (job_remote_id, stage_remote_id, journey, position, int(live)),
        )

    def jobs_with_live_links(self) -> set[str]:
        """Return the jobs that have at least one live stage link."""
        rows = self._db.execute(
            "SELECT DISTINCT job_remote_id FROM derived_job_stage_links WHERE live = 1"
        )
        return {job for (job,) in rows}
