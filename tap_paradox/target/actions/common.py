"""What every action shares: the run's context, the result type and small Paradox helpers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tap_paradox.ids import StageTriple, record_id
from tap_paradox.mapping.stages import stage_of_row
from tap_paradox.target import errors as codes
from tap_paradox.target.downloads import Download
from tap_paradox.target.errors import ActionError, ActionSkipped
from tap_paradox.target.http import CallBudget, ParadoxClient
from tap_paradox.target.inputs import PreparedInput
from tap_paradox.target.resolve import IdIndex, IdResolver
from tap_paradox.target.run_settings import WriteSettings

PAGE_SIZE = 50
# A stage scan reads at most this many rows of one job: enough to see its journeys' stages
# without turning one unknown stage id into a crawl of a 100 000-applicant requisition.
SCAN_MAX_ROWS = 1000


@dataclass
class RunCreations:
    """Applications this run created, by (ex_id | email, job): seen before Paradox lists them."""

    _by_key: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, oid: int, job_req_id: str, *, email: str | None, ex_id: str | None) -> None:
        """Remember a created record under each of its lookup keys."""
        with self._lock:
            if email:
                self._by_key[("email", email.strip().lower(), job_req_id)] = oid
            if ex_id:
                self._by_key[("ex_id", ex_id, job_req_id)] = oid

    def find(self, kind: str, value: str, job_req_id: str) -> int | None:
        """Return the OID created in this run for this key, if any."""
        if kind == "email":
            value = value.strip().lower()
        with self._lock:
            return self._by_key.get((kind, value, job_req_id))


@dataclass
class WriteContext:
    """Everything an action needs, built once per run."""

    settings: WriteSettings
    client: ParadoxClient
    resolver: IdResolver
    ledger: IdIndex
    fetch: Callable[[str], Download]
    feed_titles: Callable[[], Mapping[str, str] | None]
    creations: RunCreations = field(default_factory=RunCreations)


@dataclass
class ActionResult:
    """A written record: the operation and the ids it concerns."""

    operation: str
    ids: dict


def record_ids(tenant_id: str, oid: int, **extra: str | None) -> dict:
    """Return the outcome ``ids`` of a Paradox record."""
    return {
        "candidate_id": record_id(tenant_id, "candidates", oid),
        "application_id": record_id(tenant_id, "applications", oid),
        "remote_id": str(oid),
        **{k: v for k, v in extra.items() if v is not None},
    }


def warn(prepared: PreparedInput, code: str, message: str) -> None:
    """Add a warning to the record's outcome."""
    prepared.warnings.append({"code": code, "message": message})


def stop_if_dry_run(ctx: WriteContext, ids: dict) -> None:
    """Skip with DRY_RUN right before the first write call."""
    if ctx.settings.dry_run:
        raise ActionSkipped("DRY_RUN", ids=ids)


def remote_body(prepared: PreparedInput) -> dict:
    """Return ``remote_fields.paradox``, merged last into Paradox request bodies."""
    extra = (prepared.data.get("remote_fields") or {}).get("paradox") or {}
    return dict(extra)


def get_row(ctx: WriteContext, oid: int, budget: CallBudget, *, note: bool = False) -> dict:
    """GET /candidates/{OID}; the row shape (or a bare candidate object) is accepted."""
    answer = ctx.client.get(f"/candidates/{oid}", budget, {"note": "true"} if note else None)
    if not isinstance(answer, dict):
        msg = f"GET /candidates/{oid} answered something other than a JSON object"
        raise ActionError(codes.UNKNOWN_ERROR, msg)
    if "candidate" not in answer:  # tolerate a bare candidate object (contract §8 #8)
        answer = {"candidate": answer, "stage": None}
    return answer


def iter_rows(
    ctx: WriteContext, params: Mapping[str, str], budget: CallBudget, max_rows: int = PAGE_SIZE
) -> Iterator[dict]:
    """Yield up to ``max_rows`` rows of GET /candidates with these filters."""
    offset = 0
    while offset < max_rows:
        answer = ctx.client.get(
            "/candidates", budget, {**params, "limit": PAGE_SIZE, "offset": offset}
        )
        rows = answer.get("candidates") if isinstance(answer, dict) else None
        if not isinstance(rows, list):
            msg = "GET /candidates answered without a candidates list"
            raise ActionError(codes.UNKNOWN_ERROR, msg)
        yield from (row for row in rows if isinstance(row, dict))
        if len(rows) < PAGE_SIZE:
            return
        offset += PAGE_SIZE


def row_oid(row: Mapping[str, Any]) -> int | None:
    """Return the OID of a list row, or None when it has none."""
    candidate = row.get("candidate")
    oid = candidate.get("OID") if isinstance(candidate, Mapping) else None
    return int(oid) if str(oid).strip().isdigit() else None


def scan_job_stages(ctx: WriteContext, job_req_id: str, budget: CallBudget) -> list[StageTriple]:
    """Return the stages seen on a job's own candidates (for stage id resolution)."""
    if not ctx.settings.allow_scan_resolution or not job_req_id:
        return []
    separator = ctx.settings.journey_status_separator
    rows = iter_rows(ctx, {"job_req_id": job_req_id}, budget, SCAN_MAX_ROWS)
    triples = {triple for row in rows if (triple := stage_of_row(row, separator))}
    return sorted(triples, key=lambda t: t.remote_id)


def current_triple(ctx: WriteContext, row: Mapping[str, Any]) -> StageTriple | None:
    """Return the stage a record sits in now."""
    return stage_of_row(row, ctx.settings.journey_status_separator)
