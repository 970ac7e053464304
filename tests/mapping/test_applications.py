"""Applications from the same GET /candidates rows (model §2.5)."""

from __future__ import annotations

import pytest
from paradox_payloads import ANA_ROW, LEE_ROW, TENANT, row, settings

from tap_paradox.ids import hashed_id, record_id
from tap_paradox.mapping.applications import map_application


def test_contract_example_row_maps_to_the_whole_record():
    assert map_application(ANA_ROW, settings()) == {
        "id": record_id(TENANT, "applications", 481516),
        "remote_id": "481516",
        "outcome": "PENDING",
        "rejection_reason_name": None,
        "rejected_at": None,
        "current_stage_id": hashed_id(
            TENANT, "application_stages", "Store Hourly|Screening|Capture Complete"
        ),
        "job_id": hashed_id(TENANT, "jobs", "REQ-2207"),
        "candidate_id": record_id(TENANT, "candidates", 481516),
        "custom_fields": {
            "candidate_journey": "Store Hourly",
            "candidate_journey_status": "Screening: Capture Complete",
            "job_title": "Overnight Stocker",
            "job_loc_code": "DAL07",
            "paradox_status": "APPROVED",
            "viewed": 1,
            "completed": 1,
        },
        "integration_fields": [],
        "remote_url": None,
        "remote_created_at": "2025-02-27T14:02:11.000Z",
        "remote_updated_at": "2025-03-01T09:15:00.250Z",
        "remote_data": {"/candidates": ANA_ROW},
    }


def test_sparse_row_has_no_stage_job_or_outcome():
    record = map_application(LEE_ROW, settings())
    assert record["outcome"] is None
    assert record["current_stage_id"] is None
    assert record["job_id"] is None
    assert record["custom_fields"] == {}
    assert record["candidate_id"] == record_id(TENANT, "candidates", 481519)
    assert record["id"] != record["candidate_id"]


def test_job_id_matches_the_model_vector_and_is_trimmed():
    record = map_application(row(job_req_id="  REQ-1001 "), settings())
    assert record["job_id"] == "ccIIIJBqpaWh215oE713kPaj"


def test_stage_id_matches_the_model_vector():
    payload = row(
        candidate_journey="Hourly Journey", stage={"name": "Interview", "status": "Scheduled"}
    )
    assert map_application(payload, settings())["current_stage_id"] == "JfPluRdsLaoYe33TVsc6gla0"


@pytest.mark.parametrize(
    "job_req_id", ["", "   ", None, ...], ids=["empty", "blank", "null", "absent"]
)
def test_no_job(job_req_id):
    assert map_application(row(job_req_id=job_req_id), settings())["job_id"] is None


OUTCOMES = [
    ("pending", {"name": "Screening", "status": "Capture Complete"}, {}, "PENDING"),
    ("hired", {"name": "Hired", "status": "Completed"}, {}, "HIRED"),
    ("not-hired-is-declined", {"name": "Review", "status": "Not Hired"}, {}, "DECLINED"),
    ("offer-expired", {"name": "Offer", "status": "Offer Expired"}, {}, "DECLINED"),
    ("offer-accepted", {"name": "Offer", "status": "Offer Accepted"}, {}, "HIRED"),
    (
        "from-journey-status-text",
        None,
        {"candidate_journey_status": "Onboarding: Started"},
        "HIRED",
    ),
    ("no-stage", None, {"candidate_journey_status": None}, None),
]


@pytest.mark.parametrize(
    ("stage", "candidate", "expected"), [c[1:] for c in OUTCOMES], ids=[c[0] for c in OUTCOMES]
)
def test_outcome(stage, candidate, expected):
    assert map_application(row(stage=stage, **candidate), settings())["outcome"] == expected


CUSTOM = [
    ("flags-from-booleans", {"viewed": True, "completed": False}, {"viewed": 1, "completed": 0}),
    ("flags-from-strings", {"viewed": "1", "completed": "0"}, {"viewed": 1, "completed": 0}),
    (
        "ambiguous-flag-is-null",
        {"viewed": "maybe", "completed": 2},
        {"viewed": None, "completed": None},
    ),
    ("location-id-numeric-string", {"location_id": "77"}, {"location_id": 77}),
    (
        "hired-date-normalised",
        {"hired_date": "2025-03-05 08:00:00"},
        {"hired_date": "2025-03-05T08:00:00.000Z"},
    ),
    ("hired-date-unparseable", {"hired_date": "soon"}, {"hired_date": None}),
    ("unknown-status-digits", {"status": 9}, {"paradox_status": "9"}),
    ("status-numeric-string", {"status": "5"}, {"paradox_status": "SPAM"}),
    (
        "ex-keys-when-present",
        {"ex_status": "open", "ex_step": "", "ex_reason": None},
        {"ex_status": "open", "ex_step": None, "ex_reason": None},
    ),
]


@pytest.mark.parametrize(
    ("candidate", "expected"), [c[1:] for c in CUSTOM], ids=[c[0] for c in CUSTOM]
)
def test_custom_field_values(candidate, expected):
    fields = map_application(row(**candidate), settings())["custom_fields"]
    assert {key: fields[key] for key in expected} == expected


def test_custom_field_keys_exist_only_when_the_source_key_exists():
    fields = map_application(LEE_ROW, settings())["custom_fields"]
    assert fields == {}
    fields = map_application(row(LEE_ROW, location_id=None), settings())["custom_fields"]
    assert fields == {"location_id": None}


def test_remote_url_is_the_candidates():
    config = settings(candidate_url_template="https://console.example/c/{OID}")
    assert map_application(ANA_ROW, config)["remote_url"] == "https://console.example/c/481516"
