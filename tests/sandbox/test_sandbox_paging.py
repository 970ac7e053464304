"""Contract §4.1 paging: bounds, 400 bodies with their field, count/offset echo, last page."""

from __future__ import annotations

import pytest
from sandbox_http import error_fields


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 51}, ["limit"]),
        ({"limit": "x"}, ["limit"]),
        ({"limit": "2.5"}, ["limit"]),
        ({"offset": -1}, ["offset"]),
        ({"offset": "x"}, ["offset"]),
        ({"limit": 0, "offset": -1}, ["limit", "offset"]),
        ({"location_id": "north"}, ["location_id"]),
        ({"status": "approved"}, ["status"]),
    ],
)
def test_bad_paging_and_integer_params_answer_400_naming_the_field(api, params, fields):
    response = api.get("/candidates", **params)
    assert error_fields(response) == fields
    assert {e["code"] for e in response.json()["errors"]} == {1015}


def test_limit_bounds_one_and_fifty_are_accepted(api):
    assert len(api.page(limit=1)["candidates"]) == 1
    assert len(api.page(limit=50)["candidates"]) == 50


def test_default_limit_is_50_and_offset_0(api):
    body = api.page()
    assert (body["limit"], body["offset"], len(body["candidates"])) == (50, 0, 50)


def test_count_is_the_total_and_limit_offset_are_echoed(api, sandbox):
    body = api.page(limit=7, offset=21)
    assert body["count"] == 300 == len(sandbox.store.candidate_oids())
    assert (body["limit"], body["offset"]) == (7, 21)
    oids = [row["candidate"]["OID"] for row in body["candidates"]]
    assert oids == sandbox.store.candidate_oids()[21:28]


def test_offset_is_an_item_offset_and_pages_walk_in_ascending_oid(api, sandbox):
    rows = api.all_rows()
    oids = [row["candidate"]["OID"] for row in rows]
    assert oids == sorted(set(oids)) == sandbox.store.candidate_oids()
    assert api.page(limit=10, offset=5)["candidates"][0]["candidate"]["OID"] == oids[5]


def test_last_page_is_short_and_offset_past_the_end_is_empty(api):
    last = api.page(limit=50, offset=280)
    assert len(last["candidates"]) == 20
    assert last["count"] == 300
    for offset in (300, 301, 10_000):
        past = api.page(limit=50, offset=offset)
        assert past["candidates"] == []
        assert past["count"] == 300


def test_unknown_and_documented_but_unused_params_are_ignored(api):
    plain = api.page(limit=5)
    noisy = api.page(limit=5, page=3, source="1", group_name="Retail", whatever="x")
    assert noisy["candidates"] == plain["candidates"]


def test_rows_carry_candidate_and_stage_and_only_requested_add_ons(api):
    row = api.page(limit=1)["candidates"][0]
    assert set(row) == {"candidate", "stage"}
    full = api.page(
        limit=1, include_attributes="Yes", note="true", conversation="true", interviews="true"
    )["candidates"][0]
    assert set(full) == {"candidate", "stage", "attributes", "note", "conversation", "interview"}
    assert isinstance(full["conversation"], list)
    assert set(full["interview"]) >= {"scheduled_at", "interviewed", "scheduled_by"}


@pytest.mark.parametrize("value", ["yes", "YES", "Yes", "true", "True", "1"])
def test_flags_accept_yes_true_1_in_any_case(api, value):
    row = api.page(
        limit=1, include_attributes=value, note=value, conversation=value, interviews=value
    )["candidates"][0]
    assert {"attributes", "note", "conversation", "interview"} <= set(row)


@pytest.mark.parametrize("value", ["no", "false", "0", ""])
def test_other_flag_values_leave_add_ons_off(api, value):
    row = api.page(limit=1, include_attributes=value, note=value)["candidates"][0]
    assert "attributes" not in row and "note" not in row
