"""End-to-end: application_stages and job_stages against the sandbox (model §2.4, §2.6, §3)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tap_paradox.ids import StageTriple, hashed_id, job_stage_remote_key
from tap_paradox.ledger import Ledger
from tap_paradox.sync_run import tenant_id_of
from tests.tap.tap_runner import run_tap, sandbox_config

CATALOG = {"Store Hourly": ["Talent Pool: Silver Medalist", "Application: New"]}


@pytest.fixture
def config(sandbox, tmp_path):
    return sandbox_config(sandbox, tmp_path / "ledger.sqlite")


def _live_stage_names(sandbox) -> set[tuple[str, str]]:
    pairs = set()
    for oid in sandbox.store.candidate_oids():
        candidate = sandbox.store.get_row(oid)["candidate"]
        if candidate.get("candidate_journey_status"):
            pairs.add((candidate["candidate_journey"], candidate["candidate_journey_status"]))
    return pairs


def _remote_id(journey: str, name: str) -> str:
    stage, _, status = name.partition(": ")
    return StageTriple(journey, stage, status).remote_id


def _links_by_job(records) -> dict[str, dict[str, dict]]:
    links: dict[str, dict[str, dict]] = defaultdict(dict)
    for record in records:
        links[record["job_id"]][record["remote_id"]] = record
    return links


def test_stages_are_the_live_triples_plus_the_catalog(sandbox, config):
    output = run_tap({**config, "stage_catalog": CATALOG})
    stages = output.by_remote_id("application_stages")
    expected = {_remote_id(journey, name) for journey, name in _live_stage_names(sandbox)}
    expected.add(_remote_id("Store Hourly", "Talent Pool: Silver Medalist"))
    assert set(stages) == expected
    tenant = tenant_id_of(config)
    pool = stages["Store Hourly|Talent Pool|Silver Medalist"]
    assert pool["name"] == "Talent Pool: Silver Medalist"
    assert pool["remote_data"] is None  # known only from the catalog
    assert pool["custom_fields"] == {
        "candidate_journey": "Store Hourly", "stage": "Talent Pool", "status": "Silver Medalist"
    }  # fmt: skip
    ledger = Ledger.open(config["ledger_path"], tenant)
    for remote_id, stage in stages.items():
        assert stage["id"] == hashed_id(tenant, "application_stages", remote_id)
        assert ledger.resolve_id(stage["id"]) == ("application_stages", remote_id)
    # Every application's current_stage_id is an emitted stage.
    stage_ids = {stage["id"] for stage in stages.values()}
    assert {a["current_stage_id"] for a in output.of("applications")} - {None} <= stage_ids
    for link in output.of("job_stages"):
        assert ledger.resolve_id(link["id"]) == (
            "job_stages", job_stage_remote_key(link_job(output, link), link["remote_id"])
        )  # fmt: skip
    ledger.close()


def link_job(output, link) -> str:
    return {job["id"]: job["remote_id"] for job in output.of("jobs")}[link["job_id"]]


def test_delta_run_without_changes_emits_no_stages(sandbox, config):
    first = run_tap(config)
    assert first.of("application_stages") and first.of("job_stages")
    second = run_tap(config, first.state)
    assert second.of("application_stages") == []
    assert second.of("job_stages") == []


def test_emptied_stage_is_tombstoned_only_by_a_full_sync_after_retention(sandbox, config):
    config = {**config, "stage_retention_days": 0}
    first = run_tap(config)
    journey, name = "Store Hourly", "Interview: No Show"
    movers = [
        oid for oid in sandbox.store.candidate_oids()
        if sandbox.store.get_row(oid)["candidate"].get("candidate_journey_status") == name
        and sandbox.store.get_row(oid)["candidate"].get("candidate_journey") == journey
    ]  # fmt: skip
    assert movers
    for oid in movers:
        sandbox.store.update_candidate(oid, {"candidate_journey_status": "Interview: Scheduled"})
    gone = _remote_id(journey, name)
    delta = run_tap(config, first.state)
    assert not [s for s in delta.of("application_stages") if s["remote_deleted_at"]]
    full = run_tap(config, delta.state, full_refresh=True)
    tombstones = [s for s in full.of("application_stages") if s["remote_deleted_at"]]
    assert [s["remote_id"] for s in tombstones] == [gone]
    # The links of every job to the gone stage go with it.
    dead_links = [link for link in full.of("job_stages") if link["remote_deleted_at"]]
    assert dead_links
    assert {link["remote_id"] for link in dead_links} == {gone}
    again = run_tap(config, full.state, full_refresh=True)
    assert gone not in again.by_remote_id("application_stages")


def test_retention_keeps_an_emptied_stage_through_full_syncs(sandbox, config):
    first = run_tap(config)
    name = "Offer: Offer Expired"
    for oid in sandbox.store.candidate_oids():
        candidate = sandbox.store.get_row(oid)["candidate"]
        if candidate.get("candidate_journey_status") == name:
            sandbox.store.update_candidate(oid, {"candidate_journey_status": "Hired: Hired"})
    full = run_tap(config, first.state, full_refresh=True)
    stage = full.by_remote_id("application_stages")[_remote_id("Store Hourly", name)]
    assert stage["remote_deleted_at"] is None  # within stage_retention_days (30)


def test_job_stage_indexes_follow_the_catalog_then_stay_put(sandbox, config):
    first = run_tap({**config, "stage_catalog": CATALOG})
    links = _links_by_job(first.of("job_stages"))
    jobs = {job["id"]: job for job in first.of("jobs")}
    store_hourly_jobs = [
        job_id for job_id, job_links in links.items()
        if all(remote_id.startswith("Store Hourly|") for remote_id in job_links)
    ]  # fmt: skip
    assert store_hourly_jobs
    for job_id in store_hourly_jobs:
        by_index = sorted(links[job_id].values(), key=lambda link: link["index"])
        assert [link["index"] for link in by_index] == list(range(len(by_index)))
        # stage_catalog order first.
        assert by_index[0]["remote_id"] == "Store Hourly|Talent Pool|Silver Medalist"
        assert by_index[1]["remote_id"] == "Store Hourly|Application|New"
        for link in by_index:
            assert link["stage_id"] == hashed_id(
                tenant_id_of(config), "application_stages", link["remote_id"]
            )
        assert jobs[job_id]  # every link points at an emitted job
    catalog = {"Store Hourly": [*CATALOG["Store Hourly"], "Talent Pool: Gold Medalist"]}
    second = run_tap({**config, "stage_catalog": catalog}, first.state)
    new_links = _links_by_job(second.of("job_stages"))
    for job_id in store_hourly_jobs:
        # Only the new stage is emitted, appended after the existing indexes.
        assert list(new_links[job_id]) == ["Store Hourly|Talent Pool|Gold Medalist"]
        appended = new_links[job_id]["Store Hourly|Talent Pool|Gold Medalist"]
        assert appended["index"] == len(links[job_id])
    full = run_tap({**config, "stage_catalog": catalog}, second.state, full_refresh=True)
    full_links = _links_by_job(full.of("job_stages"))
    for job_id in store_hourly_jobs:
        for remote_id, link in links[job_id].items():
            assert full_links[job_id][remote_id]["index"] == link["index"]


def test_journey_switch_tombstones_old_links_and_creates_new_ones(sandbox, config):
    first = run_tap(config)
    links = _links_by_job(first.of("job_stages"))
    jobs = {job["id"]: job["remote_id"] for job in first.of("jobs")}
    job_id, job_links = next(
        (job_id, job_links) for job_id, job_links in links.items()
        if all(remote_id.startswith("Store Hourly|") for remote_id in job_links)
    )  # fmt: skip
    sandbox.store.create_candidate(
        {
            "first_name": "Test", "last_name": "Switch", "email": "switch@example.com",
            "phone_number": "2145550100", "job_req_id": jobs[job_id],
            "candidate_journey": "Warehouse Fast Track",
            "candidate_journey_status": "Apply: Started",
        }
    )  # fmt: skip
    second = run_tap(config, first.state)
    changed = [link for link in second.of("job_stages") if link["job_id"] == job_id]
    dead = {link["remote_id"] for link in changed if link["remote_deleted_at"]}
    born = {link["remote_id"] for link in changed if not link["remote_deleted_at"]}
    assert dead == set(job_links)
    assert born
    assert all(remote_id.startswith("Warehouse Fast Track|") for remote_id in born)
    assert sorted(link["index"] for link in changed if not link["remote_deleted_at"]) == list(
        range(len(born))
    )
    # Other jobs are untouched in a delta run.
    assert {link["job_id"] for link in second.of("job_stages")} == {job_id}
