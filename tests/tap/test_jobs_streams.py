"""End-to-end: the jobs and job_postings streams against the sandbox (model §2.1, §2.2, §3)."""

from __future__ import annotations

from collections import Counter

import pytest

from tap_paradox.ids import hashed_id
from tap_paradox.sync_run import MassDeletionError, tenant_id_of
from tests.tap.feed_server import feed_server, job_xml
from tests.tap.tap_runner import discover, run_tap, sandbox_config

__all__ = ["feed_server"]  # the fixture
STUB_FIELDS_SET = {"id", "remote_id", "changed_at", "remote_deleted_at", "custom_fields",
                   "integration_fields"}  # fmt: skip


def _feed_calls(sandbox) -> list:
    return [request for request in sandbox.requests if request.path.startswith("/feeds/")]


def _application_job_ids(sandbox) -> set[str]:
    job_ids = set()
    for oid in sandbox.store.candidate_oids():
        job_id = (sandbox.store.get_row(oid)["candidate"].get("job_req_id") or "").strip()
        if job_id:
            job_ids.add(job_id)
    return job_ids


def _oids_of_job(sandbox, job_id: str) -> list[int]:
    return [
        oid
        for oid in sandbox.store.candidate_oids()
        if (sandbox.store.get_row(oid)["candidate"].get("job_req_id") or "").strip() == job_id
    ]


@pytest.fixture
def config(sandbox, tmp_path):
    return sandbox_config(sandbox, tmp_path / "ledger.sqlite")


def test_full_run_emits_feed_jobs_stubs_and_postings(sandbox, config):
    catalog = discover(config)
    sandbox.clear_requests()
    output = run_tap(config, catalog=catalog)
    feed_ids = set(sandbox.store.feed_job_ids())
    stub_ids = _application_job_ids(sandbox) - feed_ids
    assert stub_ids, "the sandbox dataset has jobs known only from candidates"
    jobs = output.by_remote_id("jobs")
    assert set(jobs) == feed_ids | stub_ids
    assert len(output.of("jobs")) == len(jobs)  # one record per job
    tenant = tenant_id_of(config)
    for remote_id, job in jobs.items():
        assert job["id"] == hashed_id(tenant, "jobs", remote_id)
        assert job["remote_deleted_at"] is None
        assert job["changed_at"]
    for remote_id in feed_ids:
        assert jobs[remote_id]["status"] == "OPEN"
        assert jobs[remote_id]["name"]
    for remote_id in stub_ids:
        stub = jobs[remote_id]
        assert stub["custom_fields"] == {}
        assert stub["integration_fields"] == []
        assert {key for key, value in stub.items() if value is not None} <= STUB_FIELDS_SET
    postings = output.by_remote_id("job_postings")
    assert set(postings) == feed_ids
    for remote_id, posting in postings.items():
        assert posting["job_id"] == hashed_id(tenant, "jobs", remote_id)
        assert posting["status"] == "ACTIVE"
    # One download serves both feed streams, without any auth header.
    assert len(_feed_calls(sandbox)) == 1
    assert _feed_calls(sandbox)[0].auth_scheme is None


def test_delta_run_emits_only_changes_and_tombstones_a_job_once(sandbox, config):
    first = run_tap(config)
    gone = sorted(set(sandbox.store.feed_job_ids()) & _application_job_ids(sandbox))[0]
    sandbox.store.remove_feed_job(gone)
    catalog = discover(config)
    sandbox.clear_requests()
    second = run_tap(config, first.state, catalog=catalog)
    assert [job["remote_id"] for job in second.of("jobs")] == [gone]
    tombstone = second.of("jobs")[0]
    assert tombstone["remote_deleted_at"] == tombstone["changed_at"]
    assert tombstone["name"] == first.by_remote_id("jobs")[gone]["name"]  # last known values
    assert [posting["remote_id"] for posting in second.of("job_postings")] == [gone]
    assert second.of("job_postings")[0]["remote_deleted_at"] is not None
    assert len(_feed_calls(sandbox)) == 1
    # Applications still point at it, yet it stays a tombstone and is not emitted again.
    assert _oids_of_job(sandbox, gone)
    third = run_tap(config, second.state)
    assert third.of("jobs") == []
    assert third.of("job_postings") == []
    # A full sync emits every live job again, but a tombstone only ever once.
    full = run_tap(config, third.state, full_refresh=True)
    assert gone not in full.by_remote_id("jobs")
    assert set(full.by_remote_id("jobs")) == set(first.by_remote_id("jobs")) - {gone}


def test_stub_is_tombstoned_when_its_last_application_is_gone(sandbox, config):
    first = run_tap(config)
    stub_ids = _application_job_ids(sandbox) - set(sandbox.store.feed_job_ids())
    stub = min(stub_ids, key=lambda job_id: len(_oids_of_job(sandbox, job_id)))
    for oid in _oids_of_job(sandbox, stub):
        sandbox.store.delete_candidate(oid)
    # Only a full sync finds deleted candidates, and with them the stub's loss.
    second = run_tap(config, first.state, full_refresh=True)
    tombstones = [job for job in second.of("jobs") if job["remote_deleted_at"]]
    assert [job["remote_id"] for job in tombstones] == [stub]
    third = run_tap(config, second.state)
    assert third.of("jobs") == []


def test_gzip_feed_gives_the_same_jobs(sandbox, config):
    plain = run_tap(config)
    config = {
        **config,
        "job_feed_url": sandbox.feed_gzip_url,
        "ledger_path": config["ledger_path"] + "2",
    }
    packed = run_tap(config)
    assert packed.by_remote_id("jobs").keys() == plain.by_remote_id("jobs").keys()
    assert [job["id"] for job in packed.of("job_postings")] == [
        job["id"] for job in plain.of("job_postings")
    ]


def test_without_feed_url_jobs_are_stubs_and_postings_empty(sandbox, config):
    config = {key: value for key, value in config.items() if key != "job_feed_url"}
    output = run_tap(config)
    jobs = output.by_remote_id("jobs")
    assert set(jobs) == _application_job_ids(sandbox)
    for job in jobs.values():
        assert job["status"] is None
        assert job["name"] is None
    assert output.of("job_postings") == []
    assert _feed_calls(sandbox) == []


def test_repeated_references_give_numbered_postings(sandbox, config, feed_server):
    feed_server.set_jobs(
        job_xml("REQ-1", "Cashier"), job_xml("REQ-2"), job_xml("REQ-1", "Cashier (night)"),
        job_xml("REQ-1", "Cashier (weekend)"),
    )  # fmt: skip
    output = run_tap({**config, "job_feed_url": feed_server.url})
    postings = output.by_remote_id("job_postings")
    assert {"REQ-1", "REQ-1#2", "REQ-1#3", "REQ-2"} == set(postings)
    assert postings["REQ-1#3"]["title"] == "Cashier (weekend)"
    assert postings["REQ-1#2"]["job_id"] == postings["REQ-1"]["job_id"]
    jobs = output.by_remote_id("jobs")
    assert jobs["REQ-1"]["name"] == "Cashier"  # the first <job> supplies the job
    assert Counter(job["remote_id"] for job in output.of("jobs"))["REQ-1"] == 1


def test_changed_feed_job_is_emitted_again_with_a_new_changed_at(sandbox, config, feed_server):
    config = {**config, "job_feed_url": feed_server.url}
    feed_server.set_jobs(job_xml("REQ-1", "Cashier"), job_xml("REQ-2", "Stocker"))
    first = run_tap(config)
    feed_server.set_jobs(job_xml("REQ-1", "Head Cashier"), job_xml("REQ-2", "Stocker"))
    second = run_tap(config, first.state)
    feed_jobs = [job for job in second.of("jobs") if job["remote_id"] in {"REQ-1", "REQ-2"}]
    assert [(job["remote_id"], job["name"]) for job in feed_jobs] == [("REQ-1", "Head Cashier")]
    assert feed_jobs[0]["changed_at"] > first.by_remote_id("jobs")["REQ-1"]["changed_at"]


def test_unparseable_feed_fails_the_feed_streams_only(sandbox, config, feed_server):
    config = {**config, "job_feed_url": feed_server.url}
    feed_server.set_jobs(job_xml("REQ-1"), job_xml("REQ-2"))
    first = run_tap(config)
    feed_server.body = b"<?xml version='1.0'?><source><job><title>Cashier</title><referencen"
    second = run_tap(config, first.state, expect_failure=True)
    assert "not well-formed" in str(second.error)
    assert "secret-feed-token" not in str(second.error)
    # Nothing of the feed is tombstoned; the candidate streams still emitted.
    assert not [job for job in second.of("jobs") if job["remote_deleted_at"]]
    assert second.of("job_postings") == []
    assert second.schemas.keys() >= {"candidates", "applications", "job_stages"}
    feed_server.set_jobs(job_xml("REQ-1"), job_xml("REQ-2"))
    third = run_tap(config, second.state)
    assert not [job for job in third.of("jobs") if job["remote_deleted_at"]]


@pytest.mark.parametrize("allowed_by", ["flag", "setting"])
def test_truncated_feed_stops_before_any_tombstone(sandbox, config, allowed_by):
    first = run_tap(config)
    feed_ids = sorted(sandbox.store.feed_job_ids())
    for job_id in feed_ids[: len(feed_ids) // 2]:
        sandbox.store.remove_feed_job(job_id)
    stopped = run_tap(config, first.state, expect_failure=True)
    assert isinstance(stopped.error, MassDeletionError)
    assert str(stopped.error).split(":")[0] in {"jobs", "job_postings"}
    assert "max_deletion_ratio" in str(stopped.error)
    assert not [job for job in stopped.of("jobs") if job["remote_deleted_at"]]
    if allowed_by == "flag":
        accepted = run_tap(config, first.state, allow_mass_delete=True)
    else:
        accepted = run_tap({**config, "allow_mass_delete": True}, first.state)
    tombstoned = {job["remote_id"] for job in accepted.of("jobs") if job["remote_deleted_at"]}
    assert tombstoned == set(feed_ids[: len(feed_ids) // 2])
