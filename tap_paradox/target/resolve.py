"""Resolve the ids a target input carries to Paradox keys (model §4.3).

* ``remote:<x>`` is used as is (OID, job_req_id or a stage remote id).
* A candidate or application id is decoded to its OID; no lookup, no ledger needed.
* A job or stage id is looked up in the ledger's id index; a miss refreshes the index (the
  feed for jobs; ``stage_catalog`` and, with ``allow_scan_resolution``, the journeys seen on
  the job's own candidates for stages). Still unknown: ``PLATFORM.INPUT_INVALID``, or
  ``INTEGRATION.SETUP_SYNC_PENDING`` when no tap sync ever completed into the ledger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tap_paradox.ids import (
    InvalidIdError,
    StageTriple,
    decode_record_id,
    hashed_id,
    is_id,
    split_remote_reference,
)
from tap_paradox.mapping.stages import catalog_triples
from tap_paradox.target import errors as codes
from tap_paradox.target.errors import ActionError, InputInvalidError

_UNIT_SEPARATOR = "\x1f"


class IdIndex(Protocol):
    """The part of the shared ledger (``tap_paradox.ledger.Ledger``) the target uses."""

    def resolve_id(self, record_id: str) -> tuple[str, str] | None: ...
    def index_ids(self, entries: Iterable[tuple[str, str, str]]) -> None: ...
    def has_completed_sync(self) -> bool: ...
    def is_deleted(self, stream: str, record_id: str) -> bool | None: ...
    def idempotency_outcome(self, key: str) -> dict | None: ...
    def record_idempotency(self, key: str, outcome: dict) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True)
class ResolvedJob:
    """A job as Paradox knows it (``job_req_id``) and its unified id."""

    remote_id: str
    id: str


class IdResolver:
    """Turns input ids into OIDs, job_req_ids and stage triples."""

    def __init__(
        self,
        tenant_id: str,
        ledger: IdIndex,
        *,
        stage_catalog: Mapping[str, Any] | None = None,
        separator: str = ": ",
        feed_job_ids: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        """``feed_job_ids`` returns the feed's referencenumbers (None: no feed configured)."""
        self.tenant_id = tenant_id
        self.ledger = ledger
        self._stage_catalog = stage_catalog or {}
        self._separator = separator
        self._feed_job_ids = feed_job_ids
        self._catalog_indexed = False
        self._feed_indexed = False

    def application_oid(self, value: str, field: str) -> int:
        """Return the OID of an application (or candidate: the same Paradox record)."""
        remote = split_remote_reference(value)
        if remote is not None:
            if not remote.strip().isdigit():
                msg = f"{field}: remote:<OID> needs a numeric Paradox OID"
                raise InputInvalidError(msg, field=field)
            return int(remote.strip())
        try:
            _model, oid = decode_record_id(self.tenant_id, value)
        except InvalidIdError as error:
            hint = self._other_kind(value)
            msg = f"{field} is not an application id of this tenant{hint}"
            raise InputInvalidError(msg, field=field) from error
        return oid

    def job(self, value: str, field: str) -> ResolvedJob:
        """Return the job_req_id of a job id or ``remote:<job_req_id>``."""
        remote = split_remote_reference(value)
        if remote is not None:
            job_req_id = remote.strip()
            if not job_req_id:
                raise InputInvalidError(f"{field}: remote: needs a job_req_id", field=field)
            return ResolvedJob(job_req_id, hashed_id(self.tenant_id, "jobs", job_req_id))
        entry = self._lookup(value, field, "jobs", self._index_feed)
        return ResolvedJob(entry, value)

    def stage(
        self,
        value: str,
        field: str,
        scan: Callable[[], Iterable[StageTriple]] | None = None,
    ) -> StageTriple:
        """Return the (journey, stage, status) of a stage id or ``remote:<remote_id>``."""
        remote = split_remote_reference(value)
        if remote is not None:
            try:
                return StageTriple.from_remote_id(remote)
            except InvalidIdError as error:
                msg = f"{field}: remote: needs journey|stage|status ({error})"
                raise InputInvalidError(msg, field=field) from error

        def refresh() -> None:
            self._index_catalog()
            if scan is not None:
                self._index_triples(scan())

        remote_id = self._lookup(value, field, "application_stages", refresh)
        return StageTriple.from_remote_id(remote_id)

    def stage_id(self, triple: StageTriple) -> str:
        """Return the unified id of a stage."""
        return hashed_id(self.tenant_id, "application_stages", triple.remote_id)

    def remember_stage(self, triple: StageTriple) -> None:
        """Add a stage the target has seen to the id index."""
        self._index_triples([triple])

    def _lookup(self, value: str, field: str, stream: str, refresh: Callable[[], None]) -> str:
        if not is_id(value):
            msg = f"{field} must be a 24-character id or a remote: reference"
            raise InputInvalidError(msg, field=field)
        found = self._found(value, stream, field)
        if found is None:
            refresh()
            found = self._found(value, stream, field)
        if found is not None:
            return found
        if not self.ledger.has_completed_sync():
            msg = (
                f"{field} cannot be resolved yet: run tap-paradox once with the same ledger_path "
                "so the target learns the ids (or use remote: references)"
            )
            raise ActionError(codes.SETUP_SYNC_PENDING, msg, field=field)
        noun = "job" if stream == "jobs" else "stage"
        msg = f"{field} is not a known {noun} id (not in the ledger, the feed or the catalog)"
        raise InputInvalidError(msg, field=field)

    def _found(self, value: str, stream: str, field: str) -> str | None:
        entry = self.ledger.resolve_id(value)
        if entry is None:
            return None
        found_stream, remote_id = entry
        if stream == "application_stages" and found_stream == "job_stages":
            # A job-stage link names its stage after the job: job remote id US stage remote id.
            return remote_id.split(_UNIT_SEPARATOR, 1)[-1]
        if found_stream != stream:
            msg = f"{field} is an id of {found_stream}, not of {stream}"
            raise InputInvalidError(msg, field=field)
        return remote_id

    def _other_kind(self, value: str) -> str:
        entry = self.ledger.resolve_id(value) if is_id(value) else None
        return f" (it is a {entry[0]} id)" if entry else ""

    def _index_feed(self) -> None:
        if self._feed_indexed or self._feed_job_ids is None:
            return
        self._feed_indexed = True
        self.ledger.index_ids(
            (hashed_id(self.tenant_id, "jobs", ref), "jobs", ref) for ref in self._feed_job_ids()
        )

    def _index_catalog(self) -> None:
        if self._catalog_indexed:
            return
        self._catalog_indexed = True
        self._index_triples(catalog_triples(self._stage_catalog, self._separator))

    def _index_triples(self, triples: Iterable[StageTriple]) -> None:
        entries = [(self.stage_id(t), "application_stages", t.remote_id) for t in triples]
        if entries:
            self.ledger.index_ids(entries)
