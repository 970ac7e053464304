"""Create candidate / application against the sandbox: bodies, outcomes, dead letter, replay."""

from __future__ import annotations

import base64
import json

from tap_paradox.ids import hashed_id, record_id
from tap_paradox.target.http import ParadoxClient, TransientPostError
from tests.target.helpers import (
    applicant,
    case_lines,
    run_target,
    singer_lines,
    target_config,
    tenant_of,
    writes,
)


def posts(sandbox):
    return [r for r in writes(sandbox) if r.method == "POST"]


def test_a_mixed_batch_writes_the_good_and_dead_letters_the_bad(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    config = target_config(sandbox, tmp_path, job_feed_url=sandbox.feed_url)
    result = run_target(config, case_lines("mixed_applicants.singer", job=job))

    statuses = [(o["seq"], o["status"]) for o in result.by_seq("applications")]
    assert statuses == [
        (1, "written"),
        (2, "written"),
        (3, "failed"),
        (4, "failed"),
        (5, "failed"),
        (6, "failed"),
    ]
    errors = {o["seq"]: o["error"] for o in result.outcomes if o["status"] == "failed"}
    assert errors[3]["field"] == "candidate.email_address"
    assert errors[4]["field"] == "candidate.first_name" and "given twice" in errors[4]["message"]
    assert errors[5]["message"] == "candidate.last_name is required"
    assert errors[6]["field"] == "attachments[0].content_type"
    assert {e["code"] for e in errors.values()} == {"PLATFORM.INPUT_INVALID"}
    assert result.error is not None  # failed records make the run fail

    lee = result.by_seq("applications")[1]
    assert [w["code"] for w in lee["warnings"]] == ["ATTACHMENT_IGNORED"]
    sam = result.by_seq("applications")[5]
    assert [w["code"] for w in sam["warnings"]] == ["FIELD_IGNORED"]

    # dead letter: one SCHEMA, then each failed input unchanged plus _paradox_error, bytes left out
    assert [m["type"] for m in result.dead_letter] == ["SCHEMA"] + ["RECORD"] * 4
    assert "_paradox_error" in result.dead_letter[0]["schema"]["properties"]
    dead = {m["record"]["_paradox_error"]["seq"]: m["record"] for m in result.dead_letter[1:]}
    assert dead[3]["candidate"]["email_address"] == "bad-email"
    assert dead[6]["attachments"][0]["data"].startswith("[omitted")
    assert dead[6]["_paradox_error"]["code"] == "PLATFORM.INPUT_INVALID"

    assert len(posts(sandbox)) == 2
    ana_body = next(r.json for r in posts(sandbox) if r.json["name"] == "Ana Ruiz")
    assert ana_body["email"] == "Ana.Ruiz@example.com"
    assert ana_body["phone"] == "+14695550142"
    assert ana_body["job_req_id"] == job and ana_body["job_title"]
    assert ana_body["candidate_journey"] == "Store Hourly"
    assert ana_body["candidate_journey_status"] == "Interview: Scheduled"
    assert ana_body["candidate_attribute_data"] == {
        "current_title": "Stocker",
        "city": "Dallas",
        "country": "US",
    }
    assert ana_body["candidate_location_info"] == "Dallas, US"
    assert ana_body["external_source_id"] == "campus-fair-2025"
    assert ana_body["resume_file_name"] == "ana.pdf"

    ana = result.by_seq("applications")[0]
    oid = int(ana["ids"]["remote_id"])
    tenant = tenant_of(sandbox)
    assert ana["ids"]["application_id"] == record_id(tenant, "applications", oid)
    assert ana["ids"]["job_id"] == hashed_id(tenant, "jobs", job)
    row = sandbox.store.get_row(oid)
    assert row["candidate"]["email"] == "Ana.Ruiz@example.com"
    assert row["stage"] == {"name": "Interview", "status": "Scheduled"}
    assert base64.b64decode(ana_body["resume"]).startswith(b"%PDF")


def test_replaying_the_same_input_creates_nothing(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    config = target_config(sandbox, tmp_path)
    lines = case_lines("mixed_applicants.singer", job=job)
    run_target(config, lines)
    before = len(sandbox.store.candidate_oids())
    sandbox.clear_requests()

    replay = run_target(config, lines)

    assert writes(sandbox) == []
    assert [r.method for r in sandbox.requests if "/auth/" not in r.path] == []
    assert len(sandbox.store.candidate_oids()) == before
    skipped = [o for o in replay.outcomes if o["status"] == "skipped"]
    assert {o["reason"] for o in skipped} == {"DUPLICATE_INPUT"} and len(skipped) == 2


def test_without_the_ledger_the_lookup_still_prevents_duplicates(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[1]
    run_target(
        target_config(sandbox, tmp_path / "a"),
        singer_lines("applications", [applicant("mia.wong@example.com", job)]),
    )
    created = len(sandbox.store.candidate_oids())
    sandbox.clear_requests()

    # a fresh ledger, and the address now in mixed case: its lower-cased lookup finds the record
    result = run_target(
        target_config(sandbox, tmp_path / "b"),
        singer_lines("applications", [applicant("Mia.Wong@example.com", job)]),
    )

    assert posts(sandbox) == []
    assert len(sandbox.store.candidate_oids()) == created
    (outcome,) = result.outcomes
    assert (outcome["status"], outcome["reason"]) == ("skipped", "ATS.APPLICATION_ALREADY_EXISTS")
    lookups = [r.query for r in sandbox.requests if r.method == "GET"]
    assert {"email": "mia.wong@example.com", "job_req_id": job} in [
        {k: q[k] for k in ("email", "job_req_id")} for q in lookups
    ]


def test_ex_id_is_looked_up_first(sandbox, tmp_path):
    oid = sandbox.store.candidate_oids()[0]
    existing = sandbox.store.get_row(oid)["candidate"]
    record = applicant(
        "someone.else@example.com",
        existing["job_req_id"],
        remote_fields={"paradox": {"ex_id": existing["ex_id"]}},
    )
    result = run_target(target_config(sandbox, tmp_path), singer_lines("candidates", [record]))
    (outcome,) = result.outcomes
    assert outcome["reason"] == "ATS.APPLICATION_ALREADY_EXISTS"
    assert outcome["ids"]["remote_id"] == str(oid)
    first_lookup = next(r for r in sandbox.requests if r.method == "GET")
    assert first_lookup.query["ex_id"] == existing["ex_id"]


def test_on_existing_fail_and_update(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    lines = singer_lines("applications", [applicant("ola@example.com", job)])
    run_target(target_config(sandbox, tmp_path / "a"), lines)

    failed = run_target(
        target_config(sandbox, tmp_path / "b", on_existing_application="fail"), lines
    )
    assert failed.outcomes[0]["error"]["code"] == "ATS.APPLICATION_ALREADY_EXISTS"
    assert (
        failed.dead_letter[1]["record"]["_paradox_error"]["code"]
        == "ATS.APPLICATION_ALREADY_EXISTS"
    )

    sandbox.clear_requests()
    changed = applicant("ola@example.com", job)
    changed["candidate"].update(first_name="Olga", title="Lead")
    updated = run_target(
        target_config(sandbox, tmp_path / "c", on_existing_application="update"),
        singer_lines("applications", [changed]),
    )
    assert updated.outcomes[0]["operation"] == "updated"
    assert [r.method for r in writes(sandbox)] == ["PUT", "PATCH"]
    oid = int(updated.outcomes[0]["ids"]["remote_id"])
    assert sandbox.store.get_row(oid)["candidate"]["first_name"] == "Olga"
    assert sandbox.store.get_row(oid)["attributes"]["current_title"] == "Lead"


def test_a_lost_post_answer_is_found_by_the_lookup_not_posted_again(sandbox, tmp_path, monkeypatch):
    real_post = ParadoxClient.post_once

    def post_then_lose_answer(self, path, budget, body):
        real_post(self, path, budget, body)
        raise TransientPostError(
            "REMOTE.SERVICE_UNAVAILABLE", "lost", status=None, retry_after=None
        )

    monkeypatch.setattr(ParadoxClient, "post_once", post_then_lose_answer)
    job = sandbox.store.feed_job_ids()[0]
    result = run_target(
        target_config(sandbox, tmp_path),
        singer_lines("applications", [applicant("lost@example.com", job)]),
    )
    assert len(posts(sandbox)) == 1
    assert result.outcomes[0]["operation"] == "created"
    oid = int(result.outcomes[0]["ids"]["remote_id"])
    assert sandbox.store.get_row(oid)["candidate"]["email"] == "lost@example.com"


def test_a_post_refused_for_now_is_retried_after_an_empty_lookup(sandbox, tmp_path, monkeypatch):
    real_post = ParadoxClient.post_once
    calls = []

    def unavailable_once(self, path, budget, body):
        calls.append(path)
        if len(calls) == 1:
            raise TransientPostError(
                "REMOTE.SERVICE_UNAVAILABLE", "503", status=503, retry_after=None
            )
        return real_post(self, path, budget, body)

    monkeypatch.setattr(ParadoxClient, "post_once", unavailable_once)
    job = sandbox.store.feed_job_ids()[0]
    result = run_target(
        target_config(sandbox, tmp_path),
        singer_lines("applications", [applicant("retry@example.com", job)]),
    )
    assert len(calls) == 2 and len(posts(sandbox)) == 1
    assert result.outcomes[0]["status"] == "written"
    lookups = [r for r in sandbox.requests if r.method == "GET" and r.query.get("email")]
    assert len(lookups) == 2  # before the first POST, and again before the second


def test_jobs_outside_the_feed(sandbox, tmp_path):
    lines = singer_lines("applications", [applicant("x1@example.com", "REQ-NOT-IN-FEED")])
    config = target_config(sandbox, tmp_path / "a", job_feed_url=sandbox.feed_url)
    warned = run_target(config, lines)
    assert warned.outcomes[0]["status"] == "written"
    assert [w["code"] for w in warned.outcomes[0]["warnings"]] == ["JOB_NOT_IN_FEED"]

    strict = target_config(
        sandbox, tmp_path / "b", job_feed_url=sandbox.feed_url, require_job_in_feed=True
    )
    refused = run_target(
        strict, singer_lines("applications", [applicant("x2@example.com", "REQ-NOT-IN-FEED")])
    )
    assert refused.outcomes[0]["error"]["code"] == "ATS.JOB_CLOSED"


def test_hashed_job_ids_resolve_through_the_feed_or_need_a_sync(sandbox, tmp_path):
    tenant = tenant_of(sandbox)
    job = sandbox.store.feed_job_ids()[2]
    record = applicant("hashed@example.com", job)
    record["application"]["job_id"] = hashed_id(tenant, "jobs", job)

    pending = run_target(
        target_config(sandbox, tmp_path / "a"), singer_lines("applications", [record])
    )
    assert pending.outcomes[0]["error"]["code"] == "INTEGRATION.SETUP_SYNC_PENDING"

    with_feed = target_config(sandbox, tmp_path / "b", job_feed_url=sandbox.feed_url)
    resolved = run_target(with_feed, singer_lines("applications", [record]))
    assert resolved.outcomes[0]["status"] == "written"
    assert posts(sandbox)[-1].json["job_req_id"] == job


def test_dry_run_validates_and_resolves_but_writes_nothing(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    config = target_config(sandbox, tmp_path, dry_run=True)
    result = run_target(config, case_lines("mixed_applicants.singer", job=job))
    assert writes(sandbox) == []
    reasons = [o.get("reason") for o in result.by_seq("applications")[:2]]
    assert reasons == ["DRY_RUN", "DRY_RUN"]
    assert [o["status"] for o in result.by_seq("applications")[2:]] == ["failed"] * 4


def test_a_connection_reset_after_the_write_creates_one_record(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    sandbox.set_faults(reset_after_write_rate=1.0, fail_paths=["/candidates"])
    result = run_target(
        target_config(sandbox, tmp_path),
        singer_lines("applications", [applicant("reset@example.com", job)]),
    )
    assert [r.status for r in posts(sandbox)] == [0]  # written, but the answer never came
    assert result.outcomes[0]["operation"] == "created"
    sandbox.set_faults()
    matches = [
        o
        for o in sandbox.store.candidate_oids()
        if sandbox.store.get_row(o)["candidate"].get("email") == "reset@example.com"
    ]
    assert [str(o) for o in matches] == [result.outcomes[0]["ids"]["remote_id"]]


def test_the_dead_letter_file_can_be_fed_back_once_fixed(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    first = run_target(
        target_config(sandbox, tmp_path / "a"), case_lines("mixed_applicants.singer", job=job)
    )
    fixed = []
    for message in first.dead_letter:
        record = message.get("record")
        if record is not None and record["_paradox_error"]["field"] == "candidate.email_address":
            record["candidate"]["email_address"] = "fixed.email@example.com"
        fixed.append(json.dumps(message))
    sandbox.clear_requests()
    again = run_target(target_config(sandbox, tmp_path / "b"), fixed)
    assert [o["status"] for o in again.by_seq("applications")] == [
        "written",
        "failed",
        "failed",
        "failed",
    ]
    (post,) = posts(sandbox)
    assert post.json["email"] == "fixed.email@example.com"
