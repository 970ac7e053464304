"""Where the ledger lives: the SQLite file, its tables, and fetching/writing back fsspec URLs."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
import time
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import fsspec

from tap_paradox.timestamps import format_timestamp, parse_timestamp

LOGGER = logging.getLogger("tap_paradox.ledger")
FORMAT_VERSION = "1"
BUSY_TIMEOUT_S = 60

# Candidates and applications are keyed by their integer OID in `people`; every other stream
# by its 24-character id in `records`. Names (job remote ids, stage remote ids, journeys) are
# stored once in `names` and referenced by number from `applications`.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS people (
    stream INTEGER NOT NULL, oid INTEGER NOT NULL, fp BLOB NOT NULL,
    changed_at INTEGER NOT NULL, last_seen INTEGER NOT NULL, deleted_at INTEGER,
    updated_at INTEGER, PRIMARY KEY (stream, oid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
    stream TEXT NOT NULL, id TEXT NOT NULL, remote_key TEXT NOT NULL, fp BLOB NOT NULL,
    changed_at INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
    deleted_at INTEGER, snapshot BLOB, PRIMARY KEY (stream, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS applications (
    oid INTEGER PRIMARY KEY, job INTEGER, stage INTEGER, journey INTEGER, created_at INTEGER);
CREATE INDEX IF NOT EXISTS applications_by_job ON applications (job);
CREATE TABLE IF NOT EXISTS stage_seen (stage INTEGER PRIMARY KEY, first_seen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS full_syncs (source TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS id_index (
    id TEXT PRIMARY KEY, stream TEXT NOT NULL, remote_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, outcome TEXT NOT NULL) WITHOUT ROWID;
"""

_FACTS_SELECT = (
    "SELECT a.oid, j.text, s.text, r.text, a.created_at FROM applications a"
    " LEFT JOIN names j ON j.id = a.job LEFT JOIN names s ON s.id = a.stage"
    " LEFT JOIN names r ON r.id = a.journey"
)
_FACTS_QUERIES = {
    "all": _FACTS_SELECT + " ORDER BY a.oid",
    "job": _FACTS_SELECT + " WHERE j.text = ? ORDER BY a.oid",
    "oid": _FACTS_SELECT + " WHERE a.oid = ?",
}


def to_ms(moment: datetime) -> int:
    """Return a datetime as integer epoch milliseconds (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def from_ms(value: int | None) -> str | None:
    """Return epoch milliseconds in the unified timestamp form, or ``None``."""
    if value is None:
        return None
    return format_timestamp(datetime.fromtimestamp(value / 1000, tz=timezone.utc))


def timestamp_ms(value: object) -> int | None:
    """Parse any Paradox timestamp to epoch milliseconds, or ``None``."""
    parsed = parse_timestamp(value)
    return to_ms(parsed) if parsed is not None else None


def key_digest(key: str) -> str:
    """Digest an idempotency key: keys may embed input values, so only digests are stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApplicationFact:
    """What the derived streams need to know about one live application."""

    oid: int
    job_remote_id: str | None
    stage_remote_id: str | None
    journey: str | None
    remote_created_at: str | None


class LedgerStore:
    """An open SQLite ledger file and, for a URL ledger, where to write it back."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        local_path: Path,
        *,
        was_created: bool,
        remote: tuple[fsspec.AbstractFileSystem, str] | None = None,
        discard: bool = False,
    ) -> None:
        """Wrap an open connection; use :func:`open_store`."""
        self.connection = connection
        self.local_path = local_path
        self.was_created = was_created
        self._remote = remote
        self._dirty = False
        # A private copy (URL ledger or dry run) is deleted at close; a discarded one is
        # never written back. A copy left open by a run that never finished goes at exit.
        self.discard = discard
        private = remote is not None or discard
        self._cleanup = weakref.finalize(self, _remove_copy, local_path) if private else None
        self._names: dict[str, int] = {}

    def meta(self, key: str) -> str | None:
        """Return a meta value."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a meta value."""
        self.connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def name_id(self, text: str | None) -> int | None:
        """Return the number of a stored name, adding it when new."""
        if text is None:
            return None
        if text not in self._names:
            db = self.connection
            db.execute("INSERT OR IGNORE INTO names (text) VALUES (?)", (text,))
            self._names[text] = db.execute(
                "SELECT id FROM names WHERE text = ?", (text,)
            ).fetchone()[0]
        return self._names[text]

    def put_application(
        self,
        oid: int,
        job: str | None,
        stage: str | None,
        journey: str | None,
        *,
        created_ms: int | None,
        run_ms: int,
    ) -> None:
        """Upsert one application's facts; remember when its stage was first seen."""
        stage_id = self.name_id(stage)
        self.connection.execute(
            "INSERT INTO applications (oid, job, stage, journey, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (oid) DO UPDATE SET job = excluded.job,"
            " stage = excluded.stage, journey = excluded.journey, created_at = excluded.created_at",
            (oid, self.name_id(job), stage_id, self.name_id(journey), created_ms),
        )
        if stage_id is not None:
            self.connection.execute(
                "INSERT OR IGNORE INTO stage_seen (stage, first_seen) VALUES (?, ?)",
                (stage_id, run_ms),
            )

    def application(self, oid: int) -> ApplicationFact | None:
        """Return one application's facts, or ``None``."""
        return next(self._facts("oid", (oid,)), None)

    def applications(self, job: str | None) -> Iterator[ApplicationFact]:
        """Yield the facts of every live application, or of one job's."""
        if job is None:
            return self._facts("all", ())
        return self._facts("job", (job,))

    def _facts(self, where: str, params: tuple) -> Iterator[ApplicationFact]:
        cursor = self.connection.execute(_FACTS_QUERIES[where], params)
        for oid, job, stage, journey, created_ms in cursor:
            yield ApplicationFact(oid, job, stage, journey, from_ms(created_ms))

    def stage_first_seen(self, stage: str) -> int | None:
        """Return the epoch milliseconds a stage was first seen, or ``None``."""
        row = self.connection.execute(
            "SELECT s.first_seen FROM stage_seen s JOIN names n ON n.id = s.stage WHERE n.text = ?",
            (stage,),
        ).fetchone()
        return None if row is None else int(row[0])

    def commit(self) -> None:
        """Commit the open transaction."""
        self.connection.commit()
        self._dirty = True

    def close(self) -> None:
        """Close; upload a URL ledger atomically when something was committed."""
        self.connection.close()
        if self._remote is None and not self.discard:
            return
        try:
            if self._dirty and self._remote is not None and not self.discard:
                _write_back(self.local_path, *self._remote)
        finally:
            self.local_path.unlink(missing_ok=True)


def open_store(location: str, tenant_id: str, *, scratch: bool = False) -> LedgerStore:
    """Open the ledger at a local path or fsspec URL, creating it when missing or unusable.

    A ``scratch`` store is a private copy that is never written back (dry runs).
    """
    if "://" in location and not location.startswith("file://"):
        return _open_remote(location, tenant_id, scratch=scratch)
    path = Path(location.removeprefix("file://")).expanduser()
    if scratch:
        return _open_scratch_copy(path, tenant_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _open_local(path, tenant_id, wal=True)


def _temp_path() -> Path:
    handle, name = tempfile.mkstemp(prefix="paradox-ledger-", suffix=".sqlite")
    os.close(handle)
    local = Path(name)
    local.unlink()
    return local


def _open_scratch_copy(path: Path, tenant_id: str) -> LedgerStore:
    local = _temp_path()
    if path.exists() and path.stat().st_size > 0:
        try:
            # The backup API copies a consistent snapshot, WAL included, without blocking writers.
            with sqlite3.connect(path, timeout=BUSY_TIMEOUT_S) as source:
                destination = sqlite3.connect(local)
                source.backup(destination)
                destination.close()
        except sqlite3.DatabaseError:
            local.unlink(missing_ok=True)
    return _open_local(local, tenant_id, wal=False, discard=True)


def _open_local(
    path: Path, tenant_id: str, *, wal: bool, remote: tuple | None = None, discard: bool = False
) -> LedgerStore:
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        problem = _check_existing(path, tenant_id)
        if problem:
            aside = path.with_name(f"{path.name}.unusable-{int(time.time())}")
            LOGGER.warning(
                "The ledger at %s %s; moved it to %s, starting a new one (this run is a full sync)",
                path.name,
                problem,
                aside.name,
            )
            path.replace(aside)
            existed = False
    connection = _connect(path, wal=wal)
    connection.executescript(SCHEMA)
    store = LedgerStore(connection, path, was_created=not existed, remote=remote, discard=discard)
    if not existed:
        store.set_meta("format", FORMAT_VERSION)
        store.set_meta("tenant_id", tenant_id)
        store.set_meta("ledger_id", uuid.uuid4().hex)
        store.set_meta("generation", "0")
        connection.commit()
    return store


def _check_existing(path: Path, tenant_id: str) -> str | None:
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            values = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return "is not a readable ledger"
    if values.get("format") != FORMAT_VERSION or not values.get("ledger_id"):
        return "has an unknown format"
    if values.get("tenant_id") != tenant_id:
        return "belongs to another tenant_id"
    return None


def _connect(path: Path, *, wal: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    connection.execute("PRAGMA journal_mode = " + ("WAL" if wal else "DELETE"))
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def _open_remote(location: str, tenant_id: str, *, scratch: bool) -> LedgerStore:
    filesystem, remote_path = fsspec.core.url_to_fs(location)
    local = _temp_path()
    if filesystem.exists(remote_path):
        filesystem.get_file(remote_path, str(local))
    # A temp copy needs no WAL: nobody else opens it, and one file is what gets uploaded.
    return _open_local(
        local, tenant_id, wal=False, remote=(filesystem, remote_path), discard=scratch
    )


def _remove_copy(path: Path) -> None:
    path.unlink(missing_ok=True)


def _write_back(local: Path, filesystem: fsspec.AbstractFileSystem, remote_path: str) -> None:
    # Upload beside the target first, then move it into place, so a reader never sees half.
    staging = f"{remote_path}.upload-{uuid.uuid4().hex}"
    filesystem.put_file(str(local), staging)
    filesystem.mv(staging, remote_path)
