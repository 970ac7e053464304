"""``jobs`` and ``job_postings`` records from XML feed jobs, and stub jobs (model §2.1, §2.2)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from tap_paradox.ids import hashed_id
from tap_paradox.mapping.coerce import as_text, first_value
from tap_paradox.mapping.location import feed_location
from tap_paradox.mapping.salary import parse_salary
from tap_paradox.timestamps import normalise_timestamp

if TYPE_CHECKING:
    from tap_paradox.mapping.settings import MappingSettings


class FeedJobLike(Protocol):
    """What the mapping needs of a parsed ``<job>``: its children by element name."""

    fields: Mapping[str, str | list[str]]


# Feed elements that a unified job field consumes; every other child is a custom field.
# `company`, `education` and the raw `salary` text are kept as custom fields as well.
CONSUMED_ELEMENTS = frozenset(
    {
        "title",
        "referencenumber",
        "requisitionid",
        "description",
        "jobtype",
        "category",
        "url",
        "experience",
        "remotetype",
        "streetaddress",
        "city",
        "state",
        "postalcode",
        "country",
        "date",
    }
)
REPEAT_JOINER = "; "  # a repeated element is one custom-field text; remote_data keeps the list

_EMPLOYMENT_TYPES = {
    "full time": "FULL_TIME",
    "fulltime": "FULL_TIME",
    "part time": "PART_TIME",
    "parttime": "PART_TIME",
    "contract": "CONTRACT",
    "contractor": "CONTRACT",
    "seasonal": "SEASONAL",
    "intern": "INTERNSHIP",
    "internship": "INTERNSHIP",
}
_REMOTE_STATUSES = {
    "remote": "REMOTE",
    "fully remote": "REMOTE",
    "hybrid": "HYBRID",
    "temporarily remote": "TEMPORARY",
    "on site": "ON_SITE",
    "onsite": "ON_SITE",
    "in person": "ON_SITE",
}
_JOB_FIELD_NAMES = (
    "id remote_id name job_code description confidential weekly_hours employment_type status "
    "visibility category department post_url experience_level remote_work_status salary_amount "
    "salary_amount_from salary_amount_to salary_currency salary_period location custom_fields "
    "integration_fields remote_url opened_at closed_at remote_created_at remote_updated_at "
    "contact_id remote_data"
)
_JOB_FIELDS = tuple(_JOB_FIELD_NAMES.split())


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.casefold()).split())


def employment_type(value: object) -> str | None:
    """Map ``jobtype`` text to the unified employment type, else keep the text."""
    text = as_text(value)
    return _EMPLOYMENT_TYPES.get(_fold(text), text) if text else None


def remote_work_status(value: object) -> str | None:
    """Map ``remotetype`` text to the unified remote work status, else keep the text."""
    text = as_text(value)
    return _REMOTE_STATUSES.get(_fold(text), text) if text else None


def feed_text(fields: Mapping[str, Any], name: str) -> str | None:
    """Return a child's stripped text (the first one if repeated); ``None`` when empty."""
    return as_text(first_value(fields.get(name)))


def feed_custom_value(value: object) -> str | None:
    """Return a feed child as one custom-field text (repeats joined)."""
    if isinstance(value, list):
        texts = [text for text in (as_text(item) for item in value) if text]
        return REPEAT_JOINER.join(texts) or None
    return as_text(value)


def job_custom_fields(fields: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
    """Resolve ``{unified_key: "feed.<k>" | "feed.*"}`` against a feed job's children."""
    custom: dict[str, Any] = {}
    ordered = sorted(sources.items(), key=lambda item: not item[1].endswith(".*"))
    for unified_key, path in ordered:
        key = path.partition(".")[2]
        if key == "*":
            for name, value in fields.items():
                if name not in CONSUMED_ELEMENTS:
                    custom[unified_key.replace("*", name)] = feed_custom_value(value)
        elif key in fields:
            custom[unified_key] = feed_custom_value(fields[key])
    return custom


def job_remote_id(feed_job: FeedJobLike) -> str:
    """Return the trimmed ``referencenumber`` of a feed job; raise if it has none."""
    reference = feed_text(feed_job.fields, "referencenumber")
    if reference is None:
        raise ValueError("feed job has no referencenumber")
    return reference


def posting_remote_id(reference: str, occurrence: int) -> str:
    """Return a posting's remote id: the reference, then ``#2``, ``#3``… for repeats."""
    return reference if occurrence <= 1 else f"{reference}#{occurrence}"


def map_feed_job(feed_job: FeedJobLike, settings: MappingSettings) -> dict[str, Any]:
    """Build a ``jobs`` record from a feed job (without ``changed_at``/``remote_deleted_at``)."""
    fields = feed_job.fields
    remote_id = job_remote_id(feed_job)
    salary = parse_salary(
        feed_text(fields, "salary"), settings.default_currency, settings.salary_range_amount
    )
    posted = normalise_timestamp(feed_text(fields, "date"))
    return {
        "id": hashed_id(settings.tenant_id, "jobs", remote_id),
        "remote_id": remote_id,
        "name": feed_text(fields, "title"),
        "job_code": feed_text(fields, "requisitionid") or remote_id,
        "description": _html(fields.get("description")),
        "confidential": None,
        "weekly_hours": None,
        "employment_type": employment_type(first_value(fields.get("jobtype"))),
        "status": "OPEN",
        "visibility": "PUBLIC",
        "category": feed_text(fields, "category"),
        "department": None,
        "post_url": feed_text(fields, "url"),
        "experience_level": feed_text(fields, "experience"),
        "remote_work_status": remote_work_status(first_value(fields.get("remotetype"))),
        **salary.as_record_fields(),
        "location": feed_location(fields),
        "custom_fields": job_custom_fields(fields, settings.custom_field_sources("jobs")),
        "integration_fields": [],
        "remote_url": None,
        "opened_at": posted,
        "closed_at": None,
        "remote_created_at": posted,
        "remote_updated_at": None,
        "contact_id": None,
        "remote_data": _remote_data(fields, settings),
    }


def map_stub_job(job_req_id: str, settings: MappingSettings) -> dict[str, Any]:
    """Build the id-only ``jobs`` record of a job that applications name but the feed lacks."""
    remote_id = as_text(job_req_id)
    if remote_id is None:
        raise ValueError("a stub job needs a non-empty job_req_id")
    record: dict[str, Any] = dict.fromkeys(_JOB_FIELDS)
    record.update(
        id=hashed_id(settings.tenant_id, "jobs", remote_id),
        remote_id=remote_id,
        custom_fields={},
        integration_fields=[],
    )
    return record


def map_job_posting(
    feed_job: FeedJobLike, posting_remote_id: str, settings: MappingSettings
) -> dict[str, Any]:
    """Build a ``job_postings`` record for one ``<job>`` element."""
    fields = feed_job.fields
    return {
        "id": hashed_id(settings.tenant_id, "job_postings", posting_remote_id),
        "remote_id": posting_remote_id,
        "title": feed_text(fields, "title"),
        "description_html": _html(fields.get("description")),
        "status": "ACTIVE",
        "visibility": "PUBLIC",
        "url": feed_text(fields, "url"),
        "job_id": hashed_id(settings.tenant_id, "jobs", job_remote_id(feed_job)),
        "remote_created_at": normalise_timestamp(feed_text(fields, "date")),
        "remote_data": _remote_data(fields, settings),
    }


def _html(value: object) -> str | None:
    """Return the description as given (HTML kept, not stripped); ``None`` when blank."""
    text = first_value(value)
    return text if isinstance(text, str) and text.strip() else None


def _remote_data(fields: Mapping[str, Any], settings: MappingSettings) -> dict[str, Any] | None:
    if not settings.include_remote_data:
        return None
    return {"job_feed": {name: list(v) if isinstance(v, list) else v for name, v in fields.items()}}
