"""Stream schemas (model §1.5): every field present, nullability, enums, value objects."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError
from paradox_payloads import ANA_ROW, LEE_ROW, row, settings

from tap_paradox.feed import iter_feed_jobs
from tap_paradox.ids import StageTriple
from tap_paradox.mapping.applications import map_application
from tap_paradox.mapping.candidates import map_candidate
from tap_paradox.mapping.enums import STREAMS
from tap_paradox.mapping.jobs import map_feed_job, map_job_posting, map_stub_job
from tap_paradox.mapping.schemas import STREAM_FIELDS, stream_schema
from tap_paradox.mapping.stages import map_application_stage, map_job_stage, stage_of_row

FEED_JOBS = list(
    iter_feed_jobs(io.BytesIO((Path(__file__).parent / "data" / "contract_feed.xml").read_bytes()))
)
SYNC = {"changed_at": "2025-03-02T00:00:00.000Z", "remote_deleted_at": None}
TOMBSTONE = {
    "changed_at": "2025-03-09T00:00:00.000Z",
    "remote_deleted_at": "2025-03-09T00:00:00.000Z",
}
RICH_ROW = row(
    candidate_location_info="Dallas, TX 75201",
    viewed=True,
    hired_date="2025-03-05",
    location_id="12",
)
RICH_ROW["attributes"] = {"current_title": "Lead", "city": "Dallas", "country": "United States"}


def records():
    config = settings(candidate_url_template="https://console.example/{OID}")
    triple = StageTriple("Store Hourly", "Screening", "Capture Complete")
    for payload in (ANA_ROW, LEE_ROW, RICH_ROW):
        yield "candidates", map_candidate(payload, config)
        yield "applications", map_application(payload, config)
    yield "application_stages", map_application_stage(stage_of_row(ANA_ROW), ANA_ROW, config)
    yield "application_stages", map_application_stage(StageTriple("J", "Hired", ""), None, config)
    yield "job_stages", map_job_stage("REQ-2207", triple, 0, config)
    for job in FEED_JOBS:
        yield "jobs", map_feed_job(job, config)
        yield "job_postings", map_job_posting(job, job.reference_number, config)
    yield "jobs", map_stub_job("REQ-9999", config)


RECORDS = list(records())


@pytest.mark.parametrize("sync", [SYNC, TOMBSTONE], ids=["live", "tombstone"])
@pytest.mark.parametrize(
    ("stream", "record"), RECORDS, ids=[f"{stream}-{n}" for n, (stream, _) in enumerate(RECORDS)]
)
def test_every_mapped_record_validates_and_has_exactly_the_schema_fields(stream, record, sync):
    full = {**record, **sync}
    schema = stream_schema(stream, full.get("custom_fields", {}))
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(full)
    assert set(full) == set(schema["properties"]) == set(STREAM_FIELDS[stream])


@pytest.mark.parametrize("stream", STREAMS)
def test_non_null_fields(stream):
    schema = stream_schema(stream)
    non_null = {name for name, prop in schema["properties"].items() if "null" not in prop["type"]}
    expected = {"id", "changed_at"} | ({"custom_fields"} if stream != "job_postings" else set())
    expected |= (
        {"integration_fields"} if stream in ("jobs", "candidates", "applications") else set()
    )
    expected |= {"remote_id"} if stream in ("jobs", "candidates") else set()
    expected |= {"job_id", "stage_id"} if stream == "job_stages" else set()
    assert non_null == expected


@pytest.mark.parametrize(
    ("stream", "field", "bad"),
    [
        ("applications", "outcome", "WON"),
        ("job_postings", "status", "OPEN"),
        ("job_postings", "visibility", "PRIVATE"),
        ("application_stages", "status", "CLOSED"),
        ("candidates", "location", {"city": "Dallas"}),
        ("candidates", "phone_numbers", [{"number": "1"}]),
        ("candidates", "email_addresses", [{"email_address": None, "type": None}]),
        (
            "candidates",
            "integration_fields",
            [{"id": "x", "key": "k", "type": "OTHER", "value": None, "label": None}],
        ),
        ("candidates", "custom_fields", None),
        ("jobs", "salary_amount", "15"),
        ("candidates", "remote_created_at", 20250301),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_schema_rejects_values_outside_the_model(stream, field, bad):
    name, record = next((s, r) for s, r in RECORDS if s == stream)
    full = {**record, **SYNC, field: bad}
    validator = Draft202012Validator(
        stream_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    with pytest.raises(ValidationError):
        validator.validate(full)


def test_closed_enums_allow_null():
    schema = stream_schema("applications")
    assert schema["properties"]["outcome"]["enum"] == ["PENDING", "HIRED", "DECLINED", None]


def test_discovered_custom_fields_become_string_columns_and_new_keys_still_pass():
    schema = stream_schema("candidates", ["shift_preference", "__birthdate"])["properties"][
        "custom_fields"
    ]
    assert schema["properties"] == {
        "__birthdate": {"type": ["string", "null"]},
        "shift_preference": {"type": ["string", "null"]},
    }
    assert schema["additionalProperties"] is True


def test_application_default_custom_fields_are_typed():
    properties = stream_schema("applications", ["viewed", "anything"])["properties"][
        "custom_fields"
    ]["properties"]
    assert properties["viewed"] == {"type": ["integer", "null"]}
    assert properties["location_id"] == {"type": ["integer", "null"]}
    assert properties["hired_date"] == {"type": ["string", "null"], "format": "date-time"}
    assert properties["paradox_status"] == {"type": ["string", "null"]}
    assert properties["anything"] == {"type": ["string", "null"]}


def test_settings_mapping_types_named_candidate_keys():
    config = settings(
        custom_field_mapping={"candidates": {"*": "attributes.*", "seen": "candidate.viewed"}}
    )
    properties = stream_schema("candidates", ["seen", "city"], config)["properties"][
        "custom_fields"
    ]["properties"]
    assert properties == {
        "city": {"type": ["string", "null"]},
        "seen": {"type": ["integer", "null"]},
    }


def test_stage_custom_fields_are_fixed_columns():
    properties = stream_schema("job_stages")["properties"]["custom_fields"]["properties"]
    assert set(properties) == {"candidate_journey", "stage", "status"}


def test_unknown_stream_is_an_error():
    with pytest.raises(ValueError, match="unknown stream 'users'"):
        stream_schema("users")
