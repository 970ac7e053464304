"""``applications`` records: the same Paradox row seen as a candidacy for one job (model §2.5)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tap_paradox.ids import hashed_id, record_id
from tap_paradox.mapping.candidates import remote_data, remote_url
from tap_paradox.mapping.coerce import as_text, candidate_of, oid_of
from tap_paradox.mapping.fields import custom_fields_for_row
from tap_paradox.mapping.outcome import outcome_for
from tap_paradox.mapping.stages import stage_id, stage_of_row
from tap_paradox.timestamps import normalise_timestamp

if TYPE_CHECKING:
    from tap_paradox.mapping.settings import MappingSettings


def job_id_for(job_req_id: object, tenant_id: str) -> str | None:
    """Return H(jobs, job_req_id trimmed), or ``None`` when the row names no job."""
    key = as_text(job_req_id)
    return hashed_id(tenant_id, "jobs", key) if key else None


def map_application(row: Mapping[str, Any], settings: MappingSettings) -> dict[str, Any]:
    """Build an ``applications`` record (all fields but ``changed_at``/``remote_deleted_at``)."""
    candidate = candidate_of(row)
    oid = oid_of(row)
    separator = settings.journey_status_separator
    triple = stage_of_row(row, separator)
    return {
        "id": record_id(settings.tenant_id, "applications", oid),
        "remote_id": str(oid),
        "outcome": outcome_for(triple, candidate.get("status"), settings.outcome_rules, separator),
        "rejection_reason_name": None,
        "rejected_at": None,
        "current_stage_id": stage_id(settings.tenant_id, triple) if triple else None,
        "job_id": job_id_for(candidate.get("job_req_id"), settings.tenant_id),
        "candidate_id": record_id(settings.tenant_id, "candidates", oid),
        "custom_fields": custom_fields_for_row(row, settings.custom_field_sources("applications")),
        "integration_fields": [],
        "remote_url": remote_url(candidate, settings),
        "remote_created_at": normalise_timestamp(candidate.get("created_at")),
        "remote_updated_at": normalise_timestamp(candidate.get("updated_at")),
        "remote_data": remote_data(row, settings),
    }
