"""users and locations: page paging, envelopes or bare arrays, OID as id, bad entries skipped."""

from __future__ import annotations

import pytest

from tap_paradox.streams.directory import (
    LocationsStream,
    UsersStream,
    entries_of,
    map_location,
    map_user,
)
from tests.tap.candidate_helpers import person_catalog, run_streams
from tests.tap.tap_runner import sandbox_config


def test_users_and_locations_streams_read_the_whole_directory(sandbox, tmp_path) -> None:
    config = sandbox_config(sandbox, tmp_path / "ledger.sqlite")
    catalog = person_catalog(config, streams=("users", "locations"))
    sandbox.clear_requests()
    output = run_streams(config, catalog)

    assert len(output.of("users")) == 25
    assert len(output.of("locations")) == 5
    assert len({record["id"] for record in output.of("users")}) == 25
    user_pages = [r.query for r in sandbox.requests if r.path.rstrip("/").endswith("/users")]
    assert user_pages == [{"limit": "50", "page": "1"}]
    assert [r.path for r in sandbox.requests if "locations" in r.path] == [
        "/api/v1/public/company/locations"
    ]
    assert not [r for r in sandbox.requests if "candidates" in r.path]
    for record in output.of("locations"):
        assert record["id"] == record["remote_id"]
        assert isinstance(record["custom_fields"], dict)


def test_users_page_until_a_short_page(sandbox_factory, tmp_path) -> None:
    sandbox = sandbox_factory(candidates=10, jobs=2, locations=2, users=120)
    config = sandbox_config(sandbox, tmp_path / "ledger.sqlite")
    output = run_streams(config, person_catalog(config, streams=("users",)))
    assert len(output.of("users")) == 120
    pages = [r.query["page"] for r in sandbox.requests if "/users" in r.path]
    assert pages == ["1", "2", "3"]


def test_map_user_reads_the_contract_example_and_odd_shapes() -> None:
    user = {
        "OID": "7001",
        "name": "Dana Fox",
        "email": "dana.fox@example.com",
        "role": "Recruiter",
        "location_ids": [55, "56", None, "x"],
        "location_codes": ["DAL07", ""],
        "area_ids": None,
        "external_role_id": None,
        "timezone": "",
    }
    record = map_user(user)
    assert record["id"] == record["remote_id"] == "7001"
    assert record["location_ids"] == [55, 56]
    assert record["location_codes"] == ["DAL07"]
    assert record["area_ids"] == []
    assert record["timezone"] is None and record["external_role_id"] is None
    assert record["remote_data"] == user
    assert map_user(user, include_remote_data=False)["remote_data"] is None


def test_map_location_renames_address_keys() -> None:
    location = {
        "OID": 55,
        "name": "Dallas Uptown",
        "addr_1": "2400 McKinney Ave",
        "addr_2": None,
        "city": "Dallas",
        "state_code": "TX",
        "zip_code": 75201,
        "parent_id": "",
        "custom_locations_attributes": {"district": "North"},
    }
    record = map_location(location)
    assert record["street_1"] == "2400 McKinney Ave"
    assert record["street_2"] is None
    assert record["state"] == "TX"
    assert record["zip_code"] == "75201"
    assert record["parent_id"] is None
    assert record["custom_fields"] == {"district": "North"}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"users": [{"OID": 1}]}, [{"OID": 1}]),
        ([{"OID": 2}], [{"OID": 2}]),
        ({"limit": 50, "users": []}, []),
    ],
)
def test_entries_of_accepts_an_envelope_or_a_bare_array(payload, expected) -> None:
    assert entries_of(payload, "users") == expected


def test_entries_of_refuses_an_answer_without_the_list() -> None:
    with pytest.raises(ValueError, match="'users'"):
        entries_of({"message": "nope"}, "users")


@pytest.mark.parametrize(
    ("stream_type", "mapper"), [(UsersStream, map_user), (LocationsStream, map_location)]
)
def test_mapped_directory_records_carry_exactly_the_schema_fields(stream_type, mapper) -> None:
    record = mapper({"OID": 1})
    assert list(record) == list(stream_type.schema["properties"])
