"""JSON Schemas of the six unified streams (model §1.5, §2), usable as singer-sdk schemas."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tap_paradox.mapping.enums import (
    INTEGRATION_FIELD_TYPES,
    JOB_POSTING_STATUSES,
    JOB_POSTING_VISIBILITIES,
    OUTCOMES,
    STAGE_STATUSES,
)
from tap_paradox.mapping.fields import CANDIDATE_KEY_TYPES
from tap_paradox.mapping.location import LOCATION_KEYS
from tap_paradox.mapping.settings import DEFAULT_CUSTOM_FIELD_MAPPING

if TYPE_CHECKING:
    from tap_paradox.mapping.settings import MappingSettings

Schema = dict[str, Any]


def _nullable(kind: str) -> Schema:
    if kind == "date-time":
        return {"type": ["string", "null"], "format": "date-time"}
    return {"type": [kind, "null"]}


def _enum(values: Iterable[str]) -> Schema:
    return {"type": ["string", "null"], "enum": [*values, None]}


def _closed_object(properties: Mapping[str, Schema], required: Iterable[str] = ()) -> Schema:
    return {
        "type": "object",
        "properties": dict(properties),
        "required": list(required),
        "additionalProperties": False,
    }


STRING, NUMBER, BOOLEAN, INTEGER, DATE_TIME = (
    _nullable(kind) for kind in ("string", "number", "boolean", "integer", "date-time")
)
ID: Schema = {"type": "string"}
CHANGED_AT: Schema = {"type": "string", "format": "date-time"}
REMOTE_DATA: Schema = {"type": ["object", "null"], "additionalProperties": True}
LOCATION: Schema = {
    **_closed_object({key: STRING for key in LOCATION_KEYS}, LOCATION_KEYS),
    "type": ["object", "null"],
}
# Both keys of a phone / e-mail item are always present (model §1.5; Kombo's EmailAddress
# requires `type` too), `type` being null because Paradox does not type its one phone and e-mail.
PHONE_NUMBERS: Schema = {
    "type": ["array", "null"],
    "items": _closed_object(
        {"phone_number": {"type": "string"}, "type": STRING}, ["phone_number", "type"]
    ),
}
EMAIL_ADDRESSES: Schema = {
    "type": ["array", "null"],
    "items": _closed_object(
        {"email_address": {"type": "string"}, "type": STRING}, ["email_address", "type"]
    ),
}
SOCIAL_MEDIA: Schema = {  # Paradox has no social links: always null, shaped like Kombo's
    "type": ["array", "null"],
    "items": _closed_object(
        {"link": STRING, "type": STRING, "username": STRING}, ["link", "type", "username"]
    ),
}
INTEGRATION_FIELDS: Schema = {
    "type": "array",
    "items": _closed_object(
        {
            "id": {"type": "string"},
            "key": {"type": "string"},
            "type": {"type": "string", "enum": list(INTEGRATION_FIELD_TYPES)},
            "value": STRING,
            "label": STRING,
        },
        ["id", "key", "type", "value", "label"],
    ),
}
STAGE_CUSTOM_FIELDS = {"candidate_journey": STRING, "stage": STRING, "status": STRING}
SYNC_FIELDS: Schema = {"changed_at": CHANGED_AT, "remote_deleted_at": DATE_TIME}

_PROPERTIES: dict[str, Schema] = {
    "jobs": {
        "id": ID,
        "remote_id": ID,
        **{name: STRING for name in ("name", "job_code", "description")},
        "confidential": BOOLEAN,
        "weekly_hours": NUMBER,
        **{
            name: STRING
            for name in (
                "employment_type",
                "status",
                "visibility",
                "category",
                "department",
                "post_url",
                "experience_level",
                "remote_work_status",
            )
        },
        **{name: NUMBER for name in ("salary_amount", "salary_amount_from", "salary_amount_to")},
        "salary_currency": STRING,
        "salary_period": STRING,
        "location": LOCATION,
        "custom_fields": None,
        "integration_fields": INTEGRATION_FIELDS,
        "remote_url": STRING,
        **{
            name: DATE_TIME
            for name in ("opened_at", "closed_at", "remote_created_at", "remote_updated_at")
        },
        "contact_id": STRING,
        "remote_data": REMOTE_DATA,
    },
    "job_postings": {
        "id": ID,
        "remote_id": STRING,
        "title": STRING,
        "description_html": STRING,
        "status": _enum(JOB_POSTING_STATUSES),
        "visibility": _enum(JOB_POSTING_VISIBILITIES),
        "url": STRING,
        "job_id": STRING,
        "remote_created_at": DATE_TIME,
        "remote_data": REMOTE_DATA,
    },
    "candidates": {
        "id": ID,
        "remote_id": ID,
        **{name: STRING for name in ("first_name", "last_name", "company", "title")},
        "confidential": BOOLEAN,
        "source": STRING,
        "phone_numbers": PHONE_NUMBERS,
        "email_addresses": EMAIL_ADDRESSES,
        "social_media": SOCIAL_MEDIA,
        "location": LOCATION,
        "custom_fields": None,
        "integration_fields": INTEGRATION_FIELDS,
        "remote_url": STRING,
        "remote_created_at": DATE_TIME,
        "remote_updated_at": DATE_TIME,
        "remote_data": REMOTE_DATA,
    },
    "application_stages": {
        "id": ID,
        "remote_id": STRING,
        "name": STRING,
        "status": _enum(STAGE_STATUSES),
        "custom_fields": None,
        "remote_data": REMOTE_DATA,
    },
    "applications": {
        "id": ID,
        "remote_id": STRING,
        "outcome": _enum(OUTCOMES),
        "rejection_reason_name": STRING,
        "rejected_at": DATE_TIME,
        **{name: STRING for name in ("current_stage_id", "job_id", "candidate_id")},
        "custom_fields": None,
        "integration_fields": INTEGRATION_FIELDS,
        "remote_url": STRING,
        "remote_created_at": DATE_TIME,
        "remote_updated_at": DATE_TIME,
        "remote_data": REMOTE_DATA,
    },
    "job_stages": {
        "id": ID,
        "job_id": ID,
        "stage_id": ID,
        "index": INTEGER,
        "remote_id": STRING,
        "name": STRING,
        "status": _enum(STAGE_STATUSES),
        "custom_fields": None,
        "remote_data": REMOTE_DATA,
    },
}
# Every field is required as a key (nullable fields are present with null, model §1.5).
STREAM_FIELDS = {name: (*properties, *SYNC_FIELDS) for name, properties in _PROPERTIES.items()}


def mapped_custom_field_types(
    stream: str, settings: MappingSettings | None = None
) -> dict[str, str]:
    """Return the JSON type of each named custom field a stream's mapping produces."""
    if stream in ("application_stages", "job_stages"):
        return dict.fromkeys(STAGE_CUSTOM_FIELDS, "string")
    sources = (
        settings.custom_field_sources(stream)
        if settings is not None
        else DEFAULT_CUSTOM_FIELD_MAPPING.get(stream, {})
    )
    types: dict[str, str] = {}
    for key, path in sources.items():
        source, _, name = path.partition(".")
        if "*" not in key:
            is_candidate = source == "candidate" and name != "status"
            types[key] = CANDIDATE_KEY_TYPES.get(name, "string") if is_candidate else "string"
    return types


def custom_fields_schema(types: Mapping[str, str]) -> Schema:
    """Return the ``custom_fields`` object schema: typed known keys, any other key allowed."""
    return {
        "type": "object",
        "properties": {key: _nullable(kind) for key, kind in sorted(types.items())},
        "additionalProperties": True,
    }


def stream_schema(
    stream_name: str,
    custom_field_keys: Iterable[str] = (),
    settings: MappingSettings | None = None,
) -> Schema:
    """Return the JSON Schema of a unified stream; discovered custom-field keys become columns.

    Discovered keys are ``[string, null]`` unless the stream's custom field mapping (from
    ``settings``, else the default) gives the key a type (e.g. ``viewed`` is an integer).
    """
    if stream_name not in _PROPERTIES:
        msg = f"unknown stream {stream_name!r}; expected one of {sorted(_PROPERTIES)}"
        raise ValueError(msg)
    known = mapped_custom_field_types(stream_name, settings)
    types = {key: "string" for key in custom_field_keys if key not in known}
    types.update(known)
    properties = {**_PROPERTIES[stream_name], **SYNC_FIELDS}
    if "custom_fields" in properties:  # job_postings has none
        properties["custom_fields"] = custom_fields_schema(types)
    return {
        "type": "object",
        "properties": properties,
        "required": list(STREAM_FIELDS[stream_name]),
        "additionalProperties": False,
    }
