"""The change ledger (model §3): what the tap has seen, so a delta run emits only what changed.

SQLite at ``ledger_path`` (a local file, or an fsspec URL fetched to a temp file at open and
written back atomically at close). Singer state holds only bookmarks and ``ledger_id``.

Kept small on purpose: a 16-byte fingerprint per record instead of a copy, candidates and
applications keyed by their integer OID, names (jobs, stages, journeys) stored once and
referenced by number. Candidates and applications are personal data, so the ledger keeps no copy
of them: their tombstones carry only the id, remote_id, timestamps and the non-personal join keys
(candidate_id, job_id, current_stage_id), and every other field is null. Non-personal streams
(jobs, job_postings, application_stages, job_stages) keep a compressed copy so a tombstone
carries the last known values.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from tap_paradox.ids import (
    RECORD_MODEL_TAGS,
    InvalidIdError,
    decode_record_id,
    hashed_id,
    record_id,
)
from tap_paradox.ledger_store import (
    ApplicationFact,
    LedgerStore,
    from_ms,
    key_digest,
    open_store,
    timestamp_ms,
    to_ms,
)
from tap_paradox.mapping.fingerprint import fingerprint

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["ApplicationFact", "Ledger"]

LOGGER = logging.getLogger(__name__)
SNAPSHOT_STREAMS = frozenset({"jobs", "job_postings", "application_stages", "job_stages"})
FINGERPRINT_BYTES = 16


def _fingerprint_bytes(record: Mapping[str, Any]) -> bytes:
    # remote_deleted_at is the ledger's own output, so it never takes part in the comparison.
    kept = {key: value for key, value in record.items() if key != "remote_deleted_at"}
    return bytes.fromhex(fingerprint(kept))[:FINGERPRINT_BYTES]


class Ledger:
    """Per-record fingerprints, application facts, full-sync times, id index, idempotency."""

    def __init__(self, store: LedgerStore, tenant_id: str) -> None:
        """Wrap an opened store; use :meth:`open`."""
        self._store = store
        self._db = store.connection
        self.tenant_id = tenant_id

    @classmethod
    def open(cls, location: str, tenant_id: str, *, scratch: bool = False) -> Ledger:
        """Open (or create) the ledger at a local path or fsspec URL.

        ``scratch`` opens a private copy that is never written back (a dry run).
        """
        return cls(open_store(location, tenant_id, scratch=scratch), tenant_id)

    @property
    def ledger_id(self) -> str:
        """The ledger's uuid; Singer state stores it, so a mismatch reveals a foreign ledger."""
        return self._store.meta("ledger_id") or ""

    @property
    def was_created(self) -> bool:
        """True when the ledger was missing or unusable and starts empty now."""
        return self._store.was_created

    @property
    def generation(self) -> int:
        """How many tap runs completed into this ledger."""
        return int(self._store.meta("generation") or 0)

    def set_generation(self, value: int) -> None:
        """Record that a tap run completed (committed with the run's other changes)."""
        self._store.set_meta("generation", str(value))

    def reset_tracking(self) -> None:
        """Forget every tracked record (foreign ledger); keep the id index and idempotency."""
        for table in ("people", "records", "applications", "stage_seen", "full_syncs"):
            self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        # From here on the ledger behaves as a new one (derived streams reset their tables too).
        self._store.was_created = True

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection, for streams that keep their own tables in the same file."""
        return self._db

    # Change detection

    def observe(
        self, stream: str, record: dict[str, Any], *, remote_key: str, run_start: datetime
    ) -> bool:
        """Set ``changed_at``/``remote_deleted_at`` on a found record; True when new or changed."""
        digest = _fingerprint_bytes(record)
        run_ms = to_ms(run_start)
        if stream in RECORD_MODEL_TAGS:
            changed_ms = self._observe_person(stream, int(remote_key), digest, record, run_ms)
        else:
            changed_ms = self._observe_record(stream, record, remote_key, digest, run_ms)
        record["changed_at"] = from_ms(changed_ms)
        record["remote_deleted_at"] = None
        return changed_ms == run_ms

    def _observe_person(
        self, stream: str, oid: int, digest: bytes, record: Mapping[str, Any], run_ms: int
    ) -> int:
        tag = RECORD_MODEL_TAGS[stream]
        row = self._db.execute(
            "SELECT fp, changed_at, deleted_at FROM people WHERE stream = ? AND oid = ?",
            (tag, oid),
        ).fetchone()
        unchanged = row is not None and row[0] == digest and row[2] is None
        changed_ms = row[1] if unchanged else run_ms
        self._db.execute(
            "INSERT INTO people (stream, oid, fp, changed_at, last_seen, deleted_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (stream, oid) DO UPDATE SET"
            " fp = excluded.fp, changed_at = excluded.changed_at, last_seen = excluded.last_seen,"
            " deleted_at = NULL, updated_at = excluded.updated_at",
            (tag, oid, digest, changed_ms, run_ms, timestamp_ms(record.get("remote_updated_at"))),
        )
        return changed_ms

    def _observe_record(
        self, stream: str, record: Mapping[str, Any], remote_key: str, digest: bytes, run_ms: int
    ) -> int:
        record_key = str(record["id"])
        row = self._db.execute(
            "SELECT fp, changed_at, deleted_at FROM records WHERE stream = ? AND id = ?",
            (stream, record_key),
        ).fetchone()
        unchanged = row is not None and row[0] == digest and row[2] is None
        changed_ms = row[1] if unchanged else run_ms
        snapshot = None
        if stream in SNAPSHOT_STREAMS:
            kept = {key: value for key, value in record.items() if key != "remote_data"}
            snapshot = zlib.compress(json.dumps(kept, sort_keys=True, default=str).encode())
        self._db.execute(
            "INSERT INTO records (stream, id, remote_key, fp, changed_at, first_seen, last_seen,"
            " deleted_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)"
            " ON CONFLICT (stream, id) DO UPDATE SET remote_key = excluded.remote_key,"
            " fp = excluded.fp, changed_at = excluded.changed_at,"
            " last_seen = excluded.last_seen, deleted_at = NULL, snapshot = excluded.snapshot",
            (stream, record_key, remote_key, digest, changed_ms, run_ms, run_ms, snapshot),
        )
        return changed_ms

    def mark_seen(self, stream: str, remote_key: str, *, run_start: datetime) -> None:
        """Count a live person record as seen this run without re-emitting it."""
        self._db.execute(
            "UPDATE people SET last_seen = ? WHERE stream = ? AND oid = ?",
            (to_ms(run_start), RECORD_MODEL_TAGS[stream], int(remote_key)),
        )

    def live_unseen(self, stream: str, *, run_start: datetime) -> Iterator[tuple[str, str]]:
        """Yield ``(id, remote_key)`` of live records not seen in this run."""
        run_ms = to_ms(run_start)
        if stream in RECORD_MODEL_TAGS:
            oids = [
                oid
                for (oid,) in self._db.execute(
                    "SELECT oid FROM people WHERE stream = ? AND deleted_at IS NULL"
                    " AND last_seen < ? ORDER BY oid",
                    (RECORD_MODEL_TAGS[stream], run_ms),
                )
            ]
            for oid in oids:
                yield record_id(self.tenant_id, stream, oid), str(oid)
            return
        rows = self._db.execute(
            "SELECT id, remote_key FROM records WHERE stream = ? AND deleted_at IS NULL"
            " AND last_seen < ? ORDER BY id",
            (stream, run_ms),
        ).fetchall()
        yield from ((str(row[0]), str(row[1])) for row in rows)

    def tombstone(self, stream: str, record_id: str, *, run_start: datetime) -> dict | None:
        """Mark a record deleted; return the tombstone to emit, or ``None`` if already deleted."""
        run_ms = to_ms(run_start)
        if stream in RECORD_MODEL_TAGS:
            return self._tombstone_person(stream, record_id, run_ms)
        row = self._db.execute(
            "SELECT remote_key, snapshot, deleted_at FROM records WHERE stream = ? AND id = ?",
            (stream, record_id),
        ).fetchone()
        if row is None or row[2] is not None:
            return None
        self._db.execute(
            "UPDATE records SET deleted_at = ?, changed_at = ? WHERE stream = ? AND id = ?",
            (run_ms, run_ms, stream, record_id),
        )
        record = json.loads(zlib.decompress(row[1])) if row[1] else {"remote_id": row[0]}
        record.update(id=record_id, changed_at=from_ms(run_ms), remote_deleted_at=from_ms(run_ms))
        return record

    def _tombstone_person(self, stream: str, value: str, run_ms: int) -> dict | None:
        oid = self._oid_of(stream, value)
        tag = RECORD_MODEL_TAGS[stream]
        row = self._db.execute(
            "SELECT deleted_at, updated_at FROM people WHERE stream = ? AND oid = ?", (tag, oid)
        ).fetchone()
        if row is None or row[0] is not None:
            return None
        self._db.execute(
            "UPDATE people SET deleted_at = ?, changed_at = ? WHERE stream = ? AND oid = ?",
            (run_ms, run_ms, tag, oid),
        )
        record: dict[str, Any] = {
            "id": value,
            "remote_id": str(oid),
            "remote_updated_at": from_ms(row[1]),
            "custom_fields": {},
            "integration_fields": [],
            "changed_at": from_ms(run_ms),
            "remote_deleted_at": from_ms(run_ms),
        }
        if stream == "applications":
            record.update(self._application_join_keys(oid))
        return record

    def _application_join_keys(self, oid: int) -> dict[str, Any]:
        keys: dict[str, Any] = {"candidate_id": record_id(self.tenant_id, "candidates", oid)}
        fact = self._store.application(oid)
        if fact is not None:
            keys["remote_created_at"] = fact.remote_created_at
            if fact.job_remote_id:
                keys["job_id"] = hashed_id(self.tenant_id, "jobs", fact.job_remote_id)
            if fact.stage_remote_id:
                keys["current_stage_id"] = hashed_id(
                    self.tenant_id, "application_stages", fact.stage_remote_id
                )
        return keys

    def _oid_of(self, stream: str, value: str) -> int:
        model, oid = decode_record_id(self.tenant_id, value)
        if model != stream:
            msg = f"a {model} id was given where a {stream} id was expected"
            raise InvalidIdError(msg)
        return oid

    def is_deleted(self, stream: str, record_id: str) -> bool | None:
        """Tell whether a record is tombstoned; ``None`` when the ledger does not know it."""
        if stream in RECORD_MODEL_TAGS:
            row = self._db.execute(
                "SELECT deleted_at FROM people WHERE stream = ? AND oid = ?",
                (RECORD_MODEL_TAGS[stream], self._oid_of(stream, record_id)),
            ).fetchone()
        else:
            row = self._db.execute(
                "SELECT deleted_at FROM records WHERE stream = ? AND id = ?", (stream, record_id)
            ).fetchone()
        return None if row is None else row[0] is not None

    def count_live(self, stream: str) -> int:
        """Count the stream's records that are not tombstoned."""
        if stream in RECORD_MODEL_TAGS:
            query = "SELECT COUNT(*) FROM people WHERE stream = ? AND deleted_at IS NULL"
            return int(self._db.execute(query, (RECORD_MODEL_TAGS[stream],)).fetchone()[0])
        query = "SELECT COUNT(*) FROM records WHERE stream = ? AND deleted_at IS NULL"
        return int(self._db.execute(query, (stream,)).fetchone()[0])

    # Application facts (derived streams read them)

    def put_application(
        self,
        oid: int,
        *,
        job_remote_id: str | None,
        stage_remote_id: str | None,
        journey: str | None,
        remote_created_at: str | None,
        run_start: datetime,
    ) -> None:
        """Store the job, stage, journey and creation time of one live application."""
        self._store.put_application(
            oid,
            job_remote_id,
            stage_remote_id,
            journey,
            created_ms=timestamp_ms(remote_created_at),
            run_ms=to_ms(run_start),
        )

    def drop_application(self, oid: int) -> None:
        """Forget a deleted application's facts."""
        self._db.execute("DELETE FROM applications WHERE oid = ?", (oid,))

    def live_applications(self, job_remote_id: str | None = None) -> Iterator[ApplicationFact]:
        """Yield the facts of every live application (of one job when given)."""
        return self._store.applications(job_remote_id)

    def application_fact(self, oid: int) -> ApplicationFact | None:
        """Return one live application's facts, or ``None``."""
        return self._store.application(oid)

    def stage_first_seen(self, stage_remote_id: str) -> str | None:
        """Return when a stage was first seen on an application, or ``None``."""
        return from_ms(self._store.stage_first_seen(stage_remote_id))

    # Id index

    def index_ids(self, entries: Iterable[tuple[str, str, str]]) -> None:
        """Remember ``(id, stream, remote_id)`` so the target can resolve hashed ids."""
        self._db.executemany(
            "INSERT INTO id_index (id, stream, remote_id) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET stream = excluded.stream,"
            " remote_id = excluded.remote_id",
            entries,
        )

    def resolve_id(self, value: str) -> tuple[str, str] | None:
        """Return ``(stream, remote_id)`` of an id; candidate/application ids decode directly."""
        row = self._db.execute(
            "SELECT stream, remote_id FROM id_index WHERE id = ?", (value,)
        ).fetchone()
        if row is not None:
            return str(row[0]), str(row[1])
        try:
            model, oid = decode_record_id(self.tenant_id, value)
        except InvalidIdError:
            return None
        return model, str(oid)

    # Sync history

    def has_completed_sync(self) -> bool:
        """Tell whether any tap run has completed into this ledger."""
        return self.generation > 0

    def last_full_sync(self, source: str) -> datetime | None:
        """Return when the last full sync of ``source`` started, or ``None``."""
        row = self._db.execute("SELECT at FROM full_syncs WHERE source = ?", (source,)).fetchone()
        return None if row is None else datetime.fromtimestamp(row[0] / 1000, tz=timezone.utc)

    def mark_full_sync(self, source: str, at: datetime) -> None:
        """Record the start time of a completed full sync of ``source``."""
        self._db.execute(
            "INSERT INTO full_syncs (source, at) VALUES (?, ?)"
            " ON CONFLICT (source) DO UPDATE SET at = excluded.at",
            (source, to_ms(at)),
        )

    # Target idempotency

    def idempotency_outcome(self, key: str) -> dict | None:
        """Return the stored outcome of an idempotency key, or ``None``."""
        row = self._db.execute(
            "SELECT outcome FROM idempotency WHERE key = ?", (key_digest(key),)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def record_idempotency(self, key: str, outcome: Mapping[str, Any]) -> None:
        """Store the outcome written for an idempotency key."""
        self._db.execute(
            "INSERT INTO idempotency (key, outcome) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET outcome = excluded.outcome",
            (key_digest(key), json.dumps(outcome, sort_keys=True, default=str)),
        )

    # Lifecycle

    def commit(self) -> None:
        """Make every change so far durable (a URL ledger is uploaded at close)."""
        self._store.commit()

    def rollback(self) -> None:
        """Drop the changes since the last commit (a failed run)."""
        self._db.rollback()

    def close(self) -> None:
        """Close the database; a URL ledger with committed changes is written back first."""
        self._store.close()

    @property
    def local_path(self) -> Path:
        """The SQLite file actually open (the temp copy for a URL ledger)."""
        return self._store.local_path
