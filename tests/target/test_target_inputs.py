"""Input preparation: unflattening, JSON text, conflicts, ignored fields, validation messages."""

from __future__ import annotations

import pytest

from tap_paradox.target.errors import InputInvalidError
from tap_paradox.target.inputs import prepare_input, unflatten

NESTED = {
    "candidate": {
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email_address": "ana@example.com",
        "location": {"city": "Dallas", "country": "US"},
    },
    "application": {"job_id": "remote:REQ-1"},
    "attachments": [{"type": "CV", "data": "eA==", "content_type": "text/plain"}],
}
FLAT = {
    "candidate__first_name": "Ana",
    "candidate__last_name": "Ruiz",
    "candidate__email_address": "ana@example.com",
    "candidate__location__city": "Dallas",
    "candidate__location__country": "US",
    "application__job_id": "remote:REQ-1",
    "attachments": '[{"type": "CV", "data": "eA==", "content_type": "text/plain"}]',
    "_sdc_extracted_at": "2025-01-01T00:00:00Z",
    "loaded_by": "warehouse",
}


def test_flattened_and_nested_inputs_prepare_to_the_same_data_and_key():
    nested = prepare_input(NESTED, "create_application")
    flat = prepare_input(FLAT, "create_application")
    assert flat.data == nested.data
    assert flat.idempotency_key == nested.idempotency_key
    assert "loaded_by" not in flat.data


def test_the_same_leaf_given_both_ways_with_equal_values_is_accepted():
    both = {**NESTED, "candidate__first_name": "Ana"}
    assert prepare_input(both, "create_application").data["candidate"]["first_name"] == "Ana"


def test_nested_and_flat_values_that_disagree_are_input_invalid():
    conflicting = {**NESTED, "candidate__first_name": "Bob"}
    with pytest.raises(InputInvalidError) as raised:
        prepare_input(conflicting, "create_application")
    assert raised.value.field == "candidate.first_name"
    assert "given twice" in raised.value.message
    assert raised.value.code == "PLATFORM.INPUT_INVALID"


def test_a_leaf_conflicting_with_an_object_is_input_invalid():
    with pytest.raises(InputInvalidError) as raised:
        unflatten({"candidate": "Ana", "candidate__first_name": "Ana"}, "__")
    assert raised.value.field == "candidate"


def test_kombo_top_level_job_id_means_application_job_id():
    record = {k: v for k, v in NESTED.items() if k != "application"}
    record["job_id"] = "remote:REQ-9"
    prepared = prepare_input(record, "create_application")
    assert prepared.data["application"] == {"job_id": "remote:REQ-9"}


def test_kombo_only_fields_are_dropped_with_field_ignored_warnings():
    record = {
        **NESTED,
        "candidate": {**NESTED["candidate"], "gender": "F", "additional_email_addresses": []},
        "gdpr_consent": {"given": True},
        "source": {"id": "x1", "name": "Job board"},
    }
    prepared = prepare_input(record, "create_application")
    ignored = sorted(w["message"].split(" ")[0] for w in prepared.warnings)
    assert ignored == [
        "candidate.additional_email_addresses",
        "candidate.gender",
        "gdpr_consent",
        "source.id",
    ]
    assert {w["code"] for w in prepared.warnings} == {"FIELD_IGNORED"}
    assert prepared.data["source"] == {"name": "Job board"}


def test_null_columns_count_as_absent():
    record = {**FLAT, "candidate__title": None, "source__name": None}
    assert "title" not in prepare_input(record, "create_application").data["candidate"]


def test_an_explicit_idempotency_key_is_used_as_given():
    prepared = prepare_input({**NESTED, "idempotency_key": "batch-7-row-1"}, "create_application")
    assert prepared.idempotency_key == "batch-7-row-1"


def test_the_default_key_changes_with_the_content_and_the_action():
    base = prepare_input(NESTED, "create_application").idempotency_key
    other = {**NESTED, "candidate": {**NESTED["candidate"], "first_name": "Anna"}}
    assert prepare_input(other, "create_application").idempotency_key != base
    assert prepare_input(NESTED, "create_candidate").idempotency_key != base


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"candidate__email_address": "not-an-email"}, "candidate.email_address", "e-mail"),
        ({"candidate__first_name": "   "}, "candidate.first_name", "non-empty"),
        ({"candidate__phone_number": "call me"}, "candidate.phone_number", "digits"),
        ({"candidate__location__country": "USA"}, "candidate.location.country", "alpha-2"),
        ({"candidate__title": "x" * 256}, "candidate.title", "255"),
        ({"attachments": '[{"type": "PHOTO", "data": "eA=="}]'}, "attachments[0].type", "CV"),
        ({"attachments": "[not json"}, "attachments", "not valid JSON"),
        ({"application__job_id": ""}, "application.job_id", "job id"),
        ({"source__name": 7}, "source.name", "string"),
    ],
)
def test_each_bad_value_is_reported_with_its_field(change, field, words):
    with pytest.raises(InputInvalidError) as raised:
        prepare_input({**FLAT, **change}, "create_application")
    assert raised.value.field == field
    assert words in raised.value.message


def test_a_missing_required_field_names_the_full_path():
    record = {k: v for k, v in FLAT.items() if k != "candidate__last_name"}
    with pytest.raises(InputInvalidError) as raised:
        prepare_input(record, "create_application")
    assert raised.value.message == "candidate.last_name is required"


def test_location_needs_a_country():
    record = {k: v for k, v in FLAT.items() if k != "candidate__location__country"}
    with pytest.raises(InputInvalidError) as raised:
        prepare_input(record, "create_application")
    assert raised.value.field == "candidate.location.country"


def test_messages_never_quote_the_personal_value():
    with pytest.raises(InputInvalidError) as raised:
        prepare_input({**FLAT, "candidate__email_address": "ana.secret@"}, "create_application")
    assert "ana.secret" not in raised.value.message


@pytest.mark.parametrize(
    ("action", "record", "field"),
    [
        ("add_note", {"application_id": "remote:1"}, "content"),
        (
            "add_note",
            {"application_id": "remote:1", "content": "x", "content_type": "HTML"},
            "content_type",
        ),
        ("move_stage", {"application_id": "remote:1"}, "stage_id"),
        ("add_result_link", {"application_id": "remote:1", "label": "L", "url": "ftp://x"}, "url"),
        ("add_attachment", {"application_id": "remote:1"}, "attachment"),
        (
            "add_attachment",
            {
                "application_id": "remote:1",
                "attachment": {"type": "OTHER", "data": "eA==", "content_type": "image/svg+xml"},
            },
            "attachment.content_type",
        ),
        (
            "add_result_link",
            {
                "application_id": "remote:1",
                "label": "L",
                "url": "https://x.io",
                "details__attributes": '[{"key": "k"}]',
                "details__custom_field_name_prefix": "p",
            },
            "details.attributes[0].value",
        ),
    ],
)
def test_other_action_schemas_name_the_bad_field(action, record, field):
    with pytest.raises(InputInvalidError) as raised:
        prepare_input(record, action)
    assert raised.value.field == field
