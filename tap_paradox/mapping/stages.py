"""Stage identity (journey, stage, status) and the stage records of model §2.4 and §2.6."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tap_paradox.ids import (
    StageTriple,
    hashed_id,
    job_stage_remote_key,
    normalise_stage_part,
)
from tap_paradox.mapping.coerce import candidate_of

if TYPE_CHECKING:
    from tap_paradox.mapping.settings import MappingSettings


def stage_name(triple: StageTriple, separator: str = ": ") -> str:
    """Return the ``candidate_journey_status`` text of a stage: stage, separator, status."""
    return f"{triple.stage}{separator}{triple.status}" if triple.status else triple.stage


def split_journey_status(text: object, separator: str = ": ") -> tuple[str, str]:
    """Split ``"<Stage>: <Status>"`` at the first separator; without one it is all stage."""
    value = "" if text is None else str(text)
    stage, found, status = value.partition(separator)
    if not found:
        return normalise_stage_part(value), ""
    return normalise_stage_part(stage), normalise_stage_part(status)


def stage_of_row(row: Mapping[str, Any], separator: str = ": ") -> StageTriple | None:
    """Return the row's stage triple (``row.stage`` first); ``None`` when it has no stage."""
    candidate = candidate_of(row)
    journey = normalise_stage_part(candidate.get("candidate_journey"))
    stage_object = row.get("stage")
    stage = status = ""
    if isinstance(stage_object, Mapping):
        stage = normalise_stage_part(stage_object.get("name"))
        status = normalise_stage_part(stage_object.get("status"))
    if not stage and not status:
        # row.stage null (or empty): the journey status text carries the same two parts.
        stage, status = split_journey_status(candidate.get("candidate_journey_status"), separator)
    if not stage and not status:
        return None
    return StageTriple(journey, stage, status)


def stage_id(tenant_id: str, triple: StageTriple) -> str:
    """Return H(application_stages, remote_id) of a stage."""
    return hashed_id(tenant_id, "application_stages", triple.remote_id)


def stage_custom_fields(triple: StageTriple) -> dict[str, str]:
    """Return the fixed custom fields of a stage."""
    return {"candidate_journey": triple.journey, "stage": triple.stage, "status": triple.status}


def map_application_stage(
    triple: StageTriple, first_row: Mapping[str, Any] | None, settings: MappingSettings
) -> dict[str, Any]:
    """Build an ``application_stages`` record (without ``changed_at``/``remote_deleted_at``)."""
    remote_data = None
    if first_row is not None and settings.include_remote_data:
        candidate = candidate_of(first_row)
        remote_data = {
            "/candidates": {
                "candidate_journey": candidate.get("candidate_journey"),
                "candidate_journey_status": candidate.get("candidate_journey_status"),
                "stage": first_row.get("stage"),
            }
        }
    return {
        "id": stage_id(settings.tenant_id, triple),
        "remote_id": triple.remote_id,
        "name": stage_name(triple, settings.journey_status_separator),
        "status": None,
        "custom_fields": stage_custom_fields(triple),
        "remote_data": remote_data,
    }


def map_job_stage(
    job_remote_id: str, triple: StageTriple, index: int, settings: MappingSettings
) -> dict[str, Any]:
    """Build a ``job_stages`` record linking a job to a stage at a 0-based position."""
    job_key = job_remote_id.strip()
    return {
        "id": hashed_id(
            settings.tenant_id, "job_stages", job_stage_remote_key(job_key, triple.remote_id)
        ),
        "job_id": hashed_id(settings.tenant_id, "jobs", job_key),
        "stage_id": stage_id(settings.tenant_id, triple),
        "index": index,
        "remote_id": triple.remote_id,
        "name": stage_name(triple, settings.journey_status_separator),
        "status": None,
        "custom_fields": stage_custom_fields(triple),
        "remote_data": None,
    }


def catalog_triples(
    stage_catalog: Mapping[str, Any] | None, separator: str = ": "
) -> list[StageTriple]:
    """Return the stages declared in ``stage_catalog`` (``{journey: ["Stage: Status", ...]}``)."""
    if not stage_catalog:
        return []
    if not isinstance(stage_catalog, Mapping):
        msg = "stage_catalog must be an object of journey name -> list of 'Stage: Status' texts"
        raise ValueError(msg)
    triples: list[StageTriple] = []
    for journey_name, entries in stage_catalog.items():
        if isinstance(entries, str) or not isinstance(entries, (list, tuple)):
            msg = f"stage_catalog[{journey_name!r}] must be a list of 'Stage: Status' texts"
            raise ValueError(msg)
        journey = normalise_stage_part(journey_name)
        for position, entry in enumerate(entries):
            stage, status = split_journey_status(entry, separator)
            if not stage and not status:
                msg = f"stage_catalog[{journey_name!r}][{position}] is empty"
                raise ValueError(msg)
            triple = StageTriple(journey, stage, status)
            if triple not in triples:
                triples.append(triple)
    return triples
