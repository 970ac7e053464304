"""Contract §4.6: PATCH merges, PUT replaces, both answer the full set and bump updated_at."""

from __future__ import annotations

import pytest
from sandbox_http import error_fields


@pytest.fixture
def oid(sandbox):
    return sandbox.store.candidate_oids()[7]


def _write(api, method, oid, attributes):
    return api.request(method, f"/candidate/attributes/{oid}", json={"attributes": attributes})


def test_patch_merges_and_put_replaces(api, oid):
    before = api.get(f"/candidates/{oid}").json()
    merged = _write(api, "PATCH", oid, {"shift_preference": "mornings", "uniform_size": "M"})
    assert merged.status_code == 200
    expected = {**before["attributes"], "shift_preference": "mornings", "uniform_size": "M"}
    assert merged.json() == {"success": True, "attributes": expected}
    replaced = _write(api, "PUT", oid, {"only": "this"})
    assert replaced.json() == {"success": True, "attributes": {"only": "this"}}
    after = api.get(f"/candidates/{oid}").json()
    assert after["attributes"] == {"only": "this"}
    assert after["candidate"]["updated_at"] != before["candidate"]["updated_at"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"attributes": "x"},
        {"attributes": {"k": 1}},
        {"attributes": {"": "v"}},
        {"attributes": {"k": "v" * 256}},
        {"attributes": None},
    ],
)
def test_bad_attribute_bodies_answer_field_attributes(api, oid, body):
    response = api.request("PATCH", f"/candidate/attributes/{oid}", json=body)
    assert error_fields(response) == ["attributes"]


def test_unknown_oid_answers_1004_field_oid(api, sandbox):
    for ident in (
        "123",
        sandbox.store.get_row(sandbox.store.candidate_oids()[0])["candidate"]["external_oid"],
    ):
        response = _write(api, "PATCH", ident, {"k": "v"})
        assert response.json()["errors"] == [
            {"code": 1004, "message": "Candidate not found.", "field": "OID"}
        ]
