"""Our stream schemas and target inputs against Kombo's published field definitions.

The Kombo side is transcribed in ``kombo_fields.py`` (sources cited there); the deliberate
differences below are the ones the unified model states (``docs/kombo-compatibility.md``).
Renaming, dropping or retyping a Kombo field in a stream schema makes these tests fail.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError
from kombo_fields import (
    EMPLOYMENT_TYPES,
    KOMBO_INPUTS,
    KOMBO_MODELS,
    NESTED,
    REMOTE_WORK_STATUSES,
    SALARY_PERIODS,
    KomboField,
)
from paradox_payloads import ANA_ROW, settings

from tap_paradox.feed import iter_feed_jobs
from tap_paradox.mapping import jobs as job_mapping
from tap_paradox.mapping import salary
from tap_paradox.mapping.candidates import map_candidate
from tap_paradox.mapping.jobs import employment_type, map_feed_job, remote_work_status
from tap_paradox.mapping.schemas import STREAM_FIELDS, stream_schema
from tap_paradox.target.inputs import prepare_input
from tap_paradox.target.schemas import ACTION_SCHEMAS
from tap_paradox.timestamps import normalise_timestamp

SYNC = ("changed_at", "remote_deleted_at")
# stream -> (Kombo model, Kombo field -> our column when renamed, Kombo fields not emitted with
# the model's reason, our columns Kombo lacks with the model's reason).
STREAMS = {
    "jobs": (
        "Job",
        {},
        {
            "stages": "own stream job_stages (§2.6)",
            "job_postings": "own stream job_postings (§2.2)",
            "screening_questions": "Paradox exposes none (§2.1)",
            "hiring_team": "Paradox exposes none (§2.1)",
        },
        {},
    ),
    "job_postings": (
        "JobPosting",
        {},
        {},
        {
            "job_id": "flattened join to jobs (§2.2)",
            "remote_created_at": "feed date (§2.2)",
            "changed_at": "sync field of a flattened stream (§2.2)",
            "remote_deleted_at": "sync field of a flattened stream (§2.2)",
        },
    ),
    "candidates": (
        "Candidate",
        {},
        {
            "applications": "own stream applications, joined on candidate_id (§2.3)",
            "tags": "Paradox has no tags (§2.3)",
        },
        {},
    ),
    "applications": (
        "Application",
        {},
        {
            "candidate": "embedded copy; join on candidate_id (§2.5)",
            "current_stage": "embedded copy; join on current_stage_id (§2.5)",
            "job": "embedded copy; join on job_id (§2.5)",
            "interviews": "no Paradox source in the model (§2.5)",
            "offers": "no Paradox source in the model (§2.5)",
            "screening_question_answers": "no Paradox source in the model (§2.5)",
        },
        {},
    ),
    "application_stages": (
        "ApplicationStage",
        {},
        {},
        {"status": "model §2.4 (ACTIVE/INACTIVE, always null: Paradox has no stage state)"},
    ),
    "job_stages": (
        "Job.stages[]",
        {"id": "stage_id"},
        {},
        {
            "id": "id of the job-stage link; Kombo's stages[].id is our stage_id (§2.6)",
            "job_id": "join to jobs (§2.6)",
            "status": "model §2.6 (always null)",
            "changed_at": "sync field of a flattened stream (§2.6)",
            "remote_deleted_at": "sync field of a flattened stream (§2.6)",
        },
    ),
}
FEED_JOBS = list(
    iter_feed_jobs(io.BytesIO((Path(__file__).parent / "data" / "contract_feed.xml").read_bytes()))
)


def _types(prop: dict) -> set[str]:
    kinds = prop["type"]
    return set(kinds) if isinstance(kinds, list) else {kinds}


def assert_compatible(prop: dict, kombo: KomboField, where: str) -> None:
    """Our property carries Kombo's kind, is null only where Kombo allows it, same closed enum."""
    if kombo.kind == "any":
        return
    kind = "string" if kombo.kind == "date-time" else kombo.kind
    assert _types(prop) - {"null"} == {kind}, f"{where}: {prop['type']} is not Kombo's {kind}"
    if kombo.kind == "date-time":
        assert prop.get("format") == "date-time", f"{where}: no date-time format"
    if not kombo.nullable:
        assert "null" not in _types(prop), f"{where}: nullable, Kombo's is not"
    if kombo.enum and not kombo.open_enum:
        assert set(prop["enum"]) - {None} == set(kombo.enum), f"{where}: enum differs from Kombo"
    if kombo.open_enum:
        assert "enum" not in prop, f"{where}: an open enum must be a plain string (model §1.5)"


def _cases():
    for stream, (model, renamed, omitted, _) in STREAMS.items():
        for name, field in KOMBO_MODELS[model].items():
            if name not in omitted:
                column = renamed.get(name, name)
                yield pytest.param(stream, name, column, field, id=f"{stream}.{column}")


@pytest.mark.parametrize(("stream", "kombo_name", "column", "field"), list(_cases()))
def test_every_mapped_kombo_field_is_a_column_of_compatible_type(stream, kombo_name, column, field):
    properties = stream_schema(stream)["properties"]
    assert column in properties, f"{stream}: Kombo field {kombo_name} missing (as {column})"
    assert column in STREAM_FIELDS[stream]
    assert_compatible(properties[column], field, f"{stream}.{column}")


@pytest.mark.parametrize("stream", STREAMS)
def test_kombo_fields_are_mapped_or_listed_as_not_emitted(stream):
    model, renamed, omitted, _ = STREAMS[stream]
    kombo = set(KOMBO_MODELS[model])
    missing = {renamed.get(n, n) for n in kombo - set(omitted)} - set(
        stream_schema(stream)["properties"]
    )
    assert not missing
    assert set(omitted) <= kombo, "a 'not emitted' entry names no Kombo field"


@pytest.mark.parametrize("stream", STREAMS)
def test_columns_beyond_kombo_are_the_deliberate_additions(stream):
    model, renamed, omitted, additions = STREAMS[stream]
    from_kombo = {renamed.get(name, name) for name in KOMBO_MODELS[model]} - set(omitted)
    extra = set(stream_schema(stream)["properties"]) - from_kombo
    assert extra == set(additions)


@pytest.mark.parametrize(("stream", "column"), list(NESTED))
def test_nested_value_objects_have_kombos_keys_and_types(stream, column):
    prop = stream_schema(stream)["properties"][column]
    shape = prop["items"] if "array" in _types(prop) else prop
    kombo = NESTED[stream, column]
    assert set(shape["properties"]) == set(kombo)
    assert shape["additionalProperties"] is False  # model §1.5: "no other keys"
    # Every key is always present (model §1.5), so a consumer never meets a missing key.
    assert set(shape["required"]) == set(kombo)
    for key, field in kombo.items():
        assert_compatible(shape["properties"][key], field, f"{stream}.{column}.{key}")


@pytest.mark.parametrize(
    ("column", "item"),
    [
        ("email_addresses", {"email_address": "ana.ruiz@example.com"}),
        ("phone_numbers", {"phone_number": "+14695550142"}),
    ],
)
def test_contact_items_without_their_type_key_are_refused(column, item):
    record = {**map_candidate(ANA_ROW, settings()), **dict.fromkeys(SYNC), column: [item]}
    record["changed_at"] = "2025-03-02T00:00:00.000Z"
    validator = Draft202012Validator(stream_schema("candidates"))
    with pytest.raises(ValidationError, match="'type' is a required property"):
        validator.validate(record)
    validator.validate({**record, column: [{**item, "type": None}]})


def test_open_enum_values_we_map_to_are_kombo_values():
    assert set(job_mapping._EMPLOYMENT_TYPES.values()) <= set(EMPLOYMENT_TYPES)
    assert set(job_mapping._REMOTE_STATUSES.values()) <= set(REMOTE_WORK_STATUSES)
    assert {name for name, _ in salary._PERIODS} <= set(SALARY_PERIODS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("full-time", "FULL_TIME"),
        ("Full Time", "FULL_TIME"),
        ("part-time", "PART_TIME"),
        ("Contractor", "CONTRACT"),
        ("seasonal", "SEASONAL"),
        ("Internship", "INTERNSHIP"),
    ],
)
def test_employment_type_texts_reach_kombo_values(text, expected):
    assert employment_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fully Remote", "REMOTE"),
        ("hybrid", "HYBRID"),
        ("Temporarily remote", "TEMPORARY"),
        ("On-site", "ON_SITE"),
        ("in person", "ON_SITE"),
    ],
)
def test_remote_work_texts_reach_kombo_values(text, expected):
    assert remote_work_status(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$15.00 - $18.00 per hour", "HOUR"),
        ("$120 a day", "DAY"),
        ("$600 weekly", "WEEK"),
        ("$1,200 bi-weekly", "TWO_WEEKS"),
        ("$3,000 per month", "MONTH"),
        ("$45k per year", "YEAR"),
    ],
)
def test_salary_periods_reach_kombo_values(text, expected):
    assert salary.parse_salary(text).period == expected


def test_feed_job_status_and_visibility_are_kombo_values():
    for feed_job in FEED_JOBS:
        record = map_feed_job(feed_job, settings())
        assert record["status"] == "OPEN"
        assert record["visibility"] == "PUBLIC"


@pytest.mark.parametrize(
    "raw", ["2025-02-27 14:02:11", "2025-03-01T11:00:00+02:00", "Mon, 02 Jan 2025 15:04:05 GMT"]
)
def test_timestamps_use_kombos_millisecond_utc_form(raw):
    # Kombo documents date-times as YYYY-MM-DDTHH:mm:ss.sssZ.
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", normalise_timestamp(raw))


# --- write inputs: the target must take every Kombo field the model maps --------------------


def _resolve(schema: dict, dotted: str) -> tuple[dict, dict]:
    """Return (parent schema, property schema) at a dotted path; ``[]`` steps into items."""
    parent, prop = schema, schema
    for step in dotted.split("."):
        array = step.endswith("[]")
        parent = prop
        prop = prop["properties"][step.removesuffix("[]")]
        if array:
            assert prop["type"] == "array", f"{dotted}: {step} is not an array"
            prop = prop["items"]
    return parent, prop


INPUT_CASES = [
    pytest.param(action, path, spec, id=f"{action}.{path}")
    for action, table in KOMBO_INPUTS.items()
    for path, spec in table.items()
]


@pytest.mark.parametrize(("action", "path", "spec"), INPUT_CASES)
def test_target_input_declares_kombo_field(action, path, spec):
    kind, kombo_required, enum = spec
    parent, prop = _resolve(ACTION_SCHEMAS[action], path)
    if "type" in prop:
        assert prop["type"] == kind, f"{action}.{path}: {prop['type']} is not Kombo's {kind}"
    if enum:
        assert set(prop["enum"]) == set(enum)
    leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
    if leaf in parent.get("required", ()):
        # The target may require only what Kombo requires, or a Kombo body would be refused.
        assert kombo_required, f"{action}.{path} is required by the target, optional in Kombo"


KOMBO_BODIES = {
    "create_candidate": {
        "candidate": {
            "first_name": "Ana",
            "last_name": "Ruiz",
            "email_address": "ana@example.com",
            "title": "Stocker",
            "phone_number": "+1 469 555 0142",
            "location": {"city": "Dallas", "country": "US", "state": "TX", "zip_code": "75201"},
            "gender": "FEMALE",
            "social_links": [{"url": "https://example.com/ana"}],
        },
        "application": {"job_id": "remote:REQ-2207", "stage_id": "remote:J|Screening|New"},
        "attachments": [
            {"name": "cv.pdf", "content_type": "application/pdf", "data": "JVBERi0=", "type": "CV"}
        ],
        "source": {"name": "Example Board"},
        "screening_question_answers": [],
    },
    "create_application": {
        "job_id": "remote:REQ-2207",
        "stage_id": "remote:J|Screening|New",
        "candidate": {"first_name": "Ana", "last_name": "Ruiz", "email_address": "a@example.com"},
    },
    "add_attachment": {
        "application_id": "remote:481516",
        "attachment": {"name": "cv.pdf", "data_url": "https://files.example/cv.pdf", "type": "CV"},
    },
    "move_stage": {"application_id": "remote:481516", "stage_id": "remote:J|Interview|Booked"},
    "add_result_link": {
        "application_id": "remote:481516",
        "label": "Assessment report",
        "url": "https://assess.example/r/1",
        "details": {
            "custom_field_name_prefix": "acme",
            "attributes": [{"key": "Score", "value": "87"}],
        },
    },
    "add_note": {
        "application_id": "remote:481516",
        "content": "Called back",
        "content_type": "PLAIN_TEXT",
    },
}


@pytest.mark.parametrize("action", list(KOMBO_BODIES))
def test_kombo_shaped_bodies_are_accepted_by_the_target(action):
    prepared = prepare_input(KOMBO_BODIES[action], action)
    if action == "create_application":
        assert prepared.data["application"]["job_id"] == "remote:REQ-2207"
    if action == "create_candidate":  # Kombo-only fields are taken and reported (model §4.1)
        ignored = {w["message"].split()[0] for w in prepared.warnings}
        assert ignored == {
            "candidate.gender",
            "candidate.social_links",
            "screening_question_answers",
        }
