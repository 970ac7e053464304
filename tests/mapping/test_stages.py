"""Stage identity, application stages and job stages (model §2.4, §2.6)."""

from __future__ import annotations

import pytest
from paradox_payloads import ANA_ROW, TENANT, row, settings

from tap_paradox.ids import StageTriple, hashed_id
from tap_paradox.mapping.stages import (
    catalog_triples,
    map_application_stage,
    map_job_stage,
    stage_of_row,
)

TRIPLES = [
    (
        "stage-object",
        {"name": "Screening", "status": "Capture Complete"},
        {},
        ("Store Hourly", "Screening", "Capture Complete"),
    ),
    (
        "null-stage-uses-text",
        None,
        {"candidate_journey_status": "Interview: Scheduled"},
        ("Store Hourly", "Interview", "Scheduled"),
    ),
    (
        "split-at-first-separator",
        None,
        {"candidate_journey_status": "Offer: Sent: Late"},
        ("Store Hourly", "Offer", "Sent: Late"),
    ),
    (
        "text-without-separator",
        None,
        {"candidate_journey_status": "Hired"},
        ("Store Hourly", "Hired", ""),
    ),
    (
        "whitespace-folded",
        {"name": "  Phone   Screen ", "status": "\tDone"},
        {},
        ("Store Hourly", "Phone Screen", "Done"),
    ),
    (
        "case-kept",
        {"name": "INTERVIEW", "status": "scheduled"},
        {},
        ("Store Hourly", "INTERVIEW", "scheduled"),
    ),
    (
        "no-journey",
        {"name": "Interview", "status": "Scheduled"},
        {"candidate_journey": None},
        ("", "Interview", "Scheduled"),
    ),
    ("status-only", {"name": None, "status": "Scheduled"}, {}, ("Store Hourly", "", "Scheduled")),
    (
        "empty-stage-object-uses-text",
        {"name": "", "status": None},
        {"candidate_journey_status": "A: B"},
        ("Store Hourly", "A", "B"),
    ),
]


@pytest.mark.parametrize(
    ("stage", "candidate", "expected"), [c[1:] for c in TRIPLES], ids=[c[0] for c in TRIPLES]
)
def test_stage_of_row(stage, candidate, expected):
    assert stage_of_row(row(stage=stage, **candidate)) == StageTriple(*expected)


@pytest.mark.parametrize(
    "candidate",
    [
        {"candidate_journey_status": None},
        {"candidate_journey_status": ""},
        {"candidate_journey_status": ...},
    ],
    ids=["null", "empty", "absent"],
)
def test_no_stage(candidate):
    assert stage_of_row(row(stage=None, **candidate)) is None


def test_custom_separator():
    payload = row(stage=None, candidate_journey_status="Interview - Scheduled")
    assert stage_of_row(payload, " - ") == StageTriple("Store Hourly", "Interview", "Scheduled")


@pytest.mark.parametrize(
    ("triple", "remote_id"),
    [
        (("J", "Interview", "Scheduled"), "J|Interview|Scheduled"),
        (("", "Interview", "Scheduled"), "|Interview|Scheduled"),
        (("A|B", "C\\D", ""), "A\\|B|C\\\\D|"),
    ],
    ids=["plain", "missing-journey", "escaped"],
)
def test_remote_id_escaping(triple, remote_id):
    record = map_application_stage(StageTriple(*triple), None, settings())
    assert record["remote_id"] == remote_id
    assert StageTriple.from_remote_id(remote_id) == StageTriple(*triple)


def test_application_stage_whole_record():
    triple = stage_of_row(ANA_ROW)
    assert map_application_stage(triple, ANA_ROW, settings()) == {
        "id": hashed_id(TENANT, "application_stages", "Store Hourly|Screening|Capture Complete"),
        "remote_id": "Store Hourly|Screening|Capture Complete",
        "name": "Screening: Capture Complete",
        "status": None,
        "custom_fields": {
            "candidate_journey": "Store Hourly",
            "stage": "Screening",
            "status": "Capture Complete",
        },
        "remote_data": {
            "/candidates": {
                "candidate_journey": "Store Hourly",
                "candidate_journey_status": "Screening: Capture Complete",
                "stage": {"name": "Screening", "status": "Capture Complete"},
            }
        },
    }


@pytest.mark.parametrize(
    ("first_row", "config"),
    [(None, {}), (ANA_ROW, {"include_remote_data": False})],
    ids=["catalog-only", "remote-data-off"],
)
def test_application_stage_without_remote_data(first_row, config):
    record = map_application_stage(StageTriple("J", "Hired", ""), first_row, settings(**config))
    assert record["remote_data"] is None
    assert record["name"] == "Hired"


def test_job_stage_whole_record_matches_the_model_vector():
    triple = StageTriple("Hourly Journey", "Interview", "Scheduled")
    assert map_job_stage(" REQ-1001 ", triple, 3, settings()) == {
        "id": "U6my6GfQ9dDpOehLRwm0EzOT",
        "job_id": "ccIIIJBqpaWh215oE713kPaj",
        "stage_id": "JfPluRdsLaoYe33TVsc6gla0",
        "index": 3,
        "remote_id": "Hourly Journey|Interview|Scheduled",
        "name": "Interview: Scheduled",
        "status": None,
        "custom_fields": {
            "candidate_journey": "Hourly Journey",
            "stage": "Interview",
            "status": "Scheduled",
        },
        "remote_data": None,
    }


def test_catalog_triples_keep_order_and_drop_repeats():
    catalog = {
        "Store Hourly": ["Screening: Capture Complete", "Interview:  Scheduled", "Hired", "Hired"],
        " Corporate ": ["Offer: Sent"],
    }
    assert catalog_triples(catalog) == [
        StageTriple("Store Hourly", "Screening", "Capture Complete"),
        StageTriple("Store Hourly", "Interview", "Scheduled"),
        StageTriple("Store Hourly", "Hired", ""),
        StageTriple("Corporate", "Offer", "Sent"),
    ]


@pytest.mark.parametrize(
    ("catalog", "message"),
    [
        ({"J": "Interview: Scheduled"}, r"stage_catalog\['J'\] must be a list"),
        ({"J": ["Interview: Scheduled", "  "]}, r"stage_catalog\['J'\]\[1\] is empty"),
        (["J"], "must be an object"),
    ],
    ids=["text-not-list", "empty-entry", "not-an-object"],
)
def test_bad_catalog_names_the_entry(catalog, message):
    with pytest.raises(ValueError, match=message):
        catalog_triples(catalog)


def test_empty_catalog():
    assert catalog_triples({}) == []
    assert catalog_triples(None) == []
