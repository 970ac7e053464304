"""Fingerprints move only when a unified field other than the excluded ones changes (model §1.2)."""

from __future__ import annotations

import pytest
from paradox_payloads import ANA_ROW, row, settings

from tap_paradox.mapping.candidates import map_candidate
from tap_paradox.mapping.fingerprint import canonical_json, fingerprint

BASE = map_candidate(ANA_ROW, settings())


@pytest.mark.parametrize(
    "field",
    ["id", "changed_at", "remote_updated_at", "remote_data"],
)
def test_excluded_fields_do_not_move_it(field):
    changed = {**BASE, field: "something else"}
    assert fingerprint(changed) == fingerprint(BASE)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "Anna"),
        ("remote_deleted_at", "2025-03-02T00:00:00.000Z"),
        ("custom_fields", {"shift_preference": "mornings", "__birthdate": "1999-04-02"}),
        ("location", {"city": "Dallas"}),
        ("social_media", []),
    ],
    ids=["name", "tombstone", "custom-field", "location", "null-becomes-empty-list"],
)
def test_other_fields_move_it(field, value):
    assert fingerprint({**BASE, field: value}) != fingerprint(BASE)


def test_key_order_does_not_matter():
    reordered = dict(reversed(list(BASE.items())))
    assert fingerprint(reordered) == fingerprint(BASE)
    assert canonical_json(reordered) == canonical_json(BASE)


def test_update_time_alone_keeps_the_fingerprint():
    later = map_candidate(row(updated_at="2025-04-01T00:00:00Z"), settings())
    assert fingerprint(later) == fingerprint(BASE)


def test_digest_is_sha256_hex_of_the_canonical_json():
    assert canonical_json({"b": 1, "a": "é", "id": "x"}) == '{"a":"é","b":1}'
    assert len(fingerprint(BASE)) == 64
