"""The seeded data: every shape the contract says clients must survive (§5, §7)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from sandbox_http import Api

FORMS = {
    "iso_z": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"),
    "offset": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"),
    "fraction": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}(Z|[+-]\d\d:\d\d)$"),
    "naive_space": re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"),
}


def _form(text: str) -> str:
    return next(name for name, pattern in FORMS.items() if pattern.match(text))


@pytest.fixture
def rows(api):
    return api.all_rows(
        include_attributes="Yes", note="true", conversation="true", interviews="true"
    )


def test_every_timestamp_form_appears_in_created_and_updated_at(rows):
    for key in ("created_at", "updated_at"):
        assert {_form(r["candidate"][key]) for r in rows} == set(FORMS), key


def test_other_timestamp_fields_also_use_contract_forms(rows):
    hired = [r["candidate"]["hired_date"] for r in rows if r["candidate"].get("hired_date")]
    messages = [m["created_at"] for r in rows for m in r["conversation"]]
    assert hired and messages
    assert len({_form(t) for t in hired}) >= 2
    assert {_form(t) for t in messages} == set(FORMS)


def test_about_ten_percent_of_candidates_are_on_jobs_the_feed_lacks(rows, sandbox):
    in_feed = set(sandbox.store.feed_job_ids())
    unknown = [r for r in rows if r["candidate"]["job_req_id"] not in in_feed]
    assert 0.04 <= len(unknown) / len(rows) <= 0.18


def test_absent_null_and_empty_keys_and_loose_types_occur(rows):
    cands = [r["candidate"] for r in rows]
    assert any("email" not in c for c in cands)
    assert any(c.get("email", 0) is None for c in cands)
    assert any(c.get("email") == "" for c in cands)
    assert any(isinstance(c.get("status"), str) for c in cands)
    assert any(isinstance(c.get("location_id"), str) for c in cands)
    assert any(isinstance(c.get("viewed"), bool) for c in cands)
    assert any(r["stage"] is None for r in rows)
    assert any(r["note"] for r in rows) and any(r["note"] == "" for r in rows)


def test_names_in_several_scripts(rows):
    names = " ".join(r["candidate"]["name"] for r in rows)
    for script in ("[\u00c0-\u00ff]", "[\u0400-\u04ff]", "[\u4e00-\u9fff]", "[\u0600-\u06ff]"):
        assert re.search(script, names), script


def test_attributes_are_strings_with_tenant_keys(rows, sandbox):
    keys = {k for r in rows for k in r["attributes"]}
    assert all(isinstance(v, str) for r in rows for v in r["attributes"].values())
    assert {"current_title", "address", "city", "zip_code", "country"} <= keys
    assert any(k.startswith("__") for k in keys)
    assert set(sandbox.store.tenant.tenant_keys) <= keys


def test_journeys_and_stage_objects(rows, sandbox):
    journeys = sandbox.store.journeys
    assert len(journeys) == 3
    assert all(5 <= len(statuses) <= 10 for statuses in journeys.values())
    assert all(": " not in s.split(": ", 1)[0] for v in journeys.values() for s in v)
    for row in rows:
        status = row["candidate"].get("candidate_journey_status")
        if status:
            stage, rest = status.split(": ", 1)
            assert row["stage"] == {"name": stage, "status": rest}
            assert status in journeys[row["candidate"]["candidate_journey"]]


def test_same_seed_gives_identical_pages_and_another_seed_differs(sandbox_factory):
    def first_page(seed):
        sandbox = sandbox_factory(seed=seed, candidates=120, jobs=10, locations=3)
        return Api(sandbox).get("/candidates", include_attributes="Yes", note="true").content

    assert first_page(11) == first_page(11)
    assert first_page(11) != first_page(12)


def test_a_row_reads_the_same_whichever_render_path_built_it(sandbox_factory):
    params = {"limit": 50, "include_attributes": "Yes", "note": "true"}
    fresh = Api(sandbox_factory(seed=4, candidates=60, jobs=8, locations=3))
    warmed = Api(sandbox_factory(seed=4, candidates=60, jobs=8, locations=3))
    warmed.get("/candidates", conversation="true", **params)  # renders the rows' pieces first
    assert warmed.get("/candidates", **params).content == fresh.get("/candidates", **params).content


def test_store_python_api_matches_http_semantics(sandbox, api):
    store = sandbox.store
    oid = store.create_candidate({"name": "Api User", "phone": "+442071234567"})
    row = store.get_row(oid)
    assert row["candidate"]["formatted_number"] == "+442071234567"
    store.update_candidate(oid, {"note": "via python"})
    store.set_attributes(oid, {"a": "1"})
    store.set_attributes(oid, {"b": "2"})
    served = api.get(f"/candidates/{oid}").json()
    assert served["note"] == "via python"
    assert served["attributes"] == {"a": "1", "b": "2"}
    store.set_attributes(oid, {"c": "3"}, replace=True)
    assert store.get_row(oid)["attributes"] == {"c": "3"}
    store.delete_candidate(oid)
    assert oid not in store.candidate_oids()
    assert api.get(f"/candidates/{oid}").status_code == 400


def test_updated_at_is_wall_clock_so_a_bookmark_catches_later_writes(api, sandbox):
    bookmark = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert api.page(start_date=bookmark)["count"] == 0
    oid = sandbox.store.candidate_oids()[5]
    sandbox.store.update_candidate(oid, {"job_title": "Changed"})
    recent = api.page(start_date=bookmark)["candidates"]
    assert [r["candidate"]["OID"] for r in recent] == [oid]


@pytest.mark.slow
def test_two_hundred_thousand_candidates_generate(sandbox_factory):
    sandbox = sandbox_factory(candidates=200_000)
    body = Api(sandbox).page(limit=50, offset=199_950)
    assert body["count"] == 200_000 and len(body["candidates"]) == 50
