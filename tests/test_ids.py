"""Unified ids: the published hashed-id vectors and the decodable record ids."""

import pytest

from tap_paradox.ids import (
    InvalidIdError,
    StageTriple,
    decode_record_id,
    hashed_id,
    integration_field_remote_key,
    is_id,
    job_stage_remote_key,
    record_id,
    split_remote_reference,
)

STAGE = "Hourly Journey|Interview|Scheduled"


@pytest.mark.parametrize(
    ("model", "remote_key", "expected"),
    [
        ("jobs", "REQ-1001", "ccIIIJBqpaWh215oE713kPaj"),
        ("job_postings", "REQ-1001", "bVZZmVzdsuzzxR4KthsBU3JN"),
        ("application_stages", STAGE, "JfPluRdsLaoYe33TVsc6gla0"),
        ("job_stages", job_stage_remote_key("REQ-1001", STAGE), "U6my6GfQ9dDpOehLRwm0EzOT"),
        (
            "integration_fields",
            integration_field_remote_key("CUSTOM", "city"),
            "d6R8WfC2MYAzifKFgez1ktDJ",
        ),
    ],
    ids=["job", "job_posting", "stage", "job_stage", "integration_field"],
)
def test_hashed_id_matches_published_vector(model, remote_key, expected):
    assert hashed_id("acme", model, remote_key) == expected


# Our own vectors for the decodable ids: changing them breaks every id users stored.
@pytest.mark.parametrize(
    ("model", "oid", "expected"),
    [
        ("candidates", 481516, "000ixsifOqBsc2t3hLfZWUAp"),
        ("applications", 481516, "0019Un8Bzg7fMj6EAjuQsIQY"),
    ],
)
def test_record_id_vector_is_stable(model, oid, expected):
    assert record_id("acme", model, oid) == expected


@pytest.mark.parametrize("oid", [0, 1, 481516, 2**40 + 7, 2**64 - 1])
@pytest.mark.parametrize("model", ["candidates", "applications"])
def test_record_id_round_trips(model, oid):
    value = record_id("acme", model, oid)
    assert is_id(value)
    assert decode_record_id("acme", value) == (model, oid)


def test_candidate_and_application_ids_differ_for_the_same_oid():
    assert record_id("acme", "candidates", 5) != record_id("acme", "applications", 5)


def test_record_id_of_another_tenant_is_refused():
    with pytest.raises(InvalidIdError):
        decode_record_id("globex", record_id("acme", "candidates", 5))


def test_hashed_id_never_decodes_as_a_record_id():
    for number in range(200):
        with pytest.raises(InvalidIdError):
            decode_record_id("acme", hashed_id("acme", "jobs", f"REQ-{number}"))


@pytest.mark.parametrize("value", ["", "short", "x" * 25, "!" * 24])
def test_malformed_record_id_is_refused(value):
    with pytest.raises(InvalidIdError):
        decode_record_id("acme", value)


def test_record_ids_are_not_sequential():
    first, second = record_id("acme", "candidates", 100), record_id("acme", "candidates", 101)
    assert first[-6:] != second[-6:]


@pytest.mark.parametrize(
    ("triple", "remote_id", "name"),
    [
        (StageTriple("Hourly Journey", "Interview", "Scheduled"), STAGE, "Interview: Scheduled"),
        (StageTriple("", "Interview", "Scheduled"), "|Interview|Scheduled", "Interview: Scheduled"),
        (StageTriple("J", "Applied", ""), "J|Applied|", "Applied"),
        (StageTriple("A|B", "C\\D", "E"), "A\\|B|C\\\\D|E", "C\\D: E"),
    ],
    ids=["plain", "no_journey", "no_status", "escaped"],
)
def test_stage_remote_id_escapes_and_round_trips(triple, remote_id, name):
    assert triple.remote_id == remote_id
    assert triple.name == name
    assert StageTriple.from_remote_id(remote_id) == triple


@pytest.mark.parametrize("remote_id", ["a|b", "a|b|c|d", "a|b\\x|c"])
def test_malformed_stage_remote_id_is_refused(remote_id):
    with pytest.raises(InvalidIdError):
        StageTriple.from_remote_id(remote_id)


def test_remote_reference_is_split_only_with_its_prefix():
    assert split_remote_reference("remote:REQ-1001") == "REQ-1001"
    assert split_remote_reference("REQ-1001") is None
