"""Less common paths: contested notes, append mode, field maps, remote_fields, time-outs."""

from __future__ import annotations

from datetime import datetime, timezone

from tap_paradox.ids import hashed_id, record_id
from tap_paradox.ledger import Ledger
from tap_paradox.target.http import ParadoxClient, TransientPostError
from tests.target.file_server import PDF
from tests.target.helpers import (
    applicant,
    run_target,
    singer_lines,
    target_config,
    tenant_of,
    writes,
)


def app_of(sandbox, index: int = 0) -> tuple[int, str]:
    oid = sandbox.store.candidate_oids()[index]
    return oid, record_id(tenant_of(sandbox), "applications", oid)


def test_a_note_replaced_by_another_writer_is_appended_again_then_fails(
    sandbox, tmp_path, monkeypatch
):
    oid, app_id = app_of(sandbox)
    sandbox.store.update_candidate(oid, {"note": "original"})
    real_put = ParadoxClient.put

    def put_then_someone_overwrites(self, path, budget, body):
        answer = real_put(self, path, budget, body)
        sandbox.store.update_candidate(oid, {"note": "someone else's note"})
        return answer

    monkeypatch.setattr(ParadoxClient, "put", put_then_someone_overwrites)
    result = run_target(
        target_config(sandbox, tmp_path),
        singer_lines("application_notes", [{"application_id": app_id, "content": "mine"}]),
    )
    assert result.outcomes[0]["error"]["code"] == "REMOTE.UNKNOWN_HTTP_ERROR"
    bodies = [r.json["note"] for r in writes(sandbox)]
    assert len(bodies) == 3  # the first append and two more, never a fourth
    assert bodies[0].startswith("original\n\n[") and bodies[1].startswith(
        "someone else's note\n\n["
    )
    assert all(b.endswith("] mine") for b in bodies)


def test_note_mode_append_sends_only_the_new_entry(sandbox, tmp_path):
    oid, app_id = app_of(sandbox)
    sandbox.store.update_candidate(oid, {"note": "original"})
    config = target_config(
        sandbox, tmp_path, note_mode="append", note_header_template="{utc:%Y} | "
    )
    run_target(
        config, singer_lines("application_notes", [{"application_id": app_id, "content": "new"}])
    )
    (put,) = writes(sandbox)
    assert put.json["note"].endswith(" | new") and "original" not in put.json["note"]


def test_result_link_field_map_also_sets_the_candidate_link_field(sandbox, tmp_path):
    oid, app_id = app_of(sandbox)
    config = target_config(
        sandbox,
        tmp_path,
        result_link_field_map={"HireVue": "hirevue_link"},
        result_link_prefix="Acme Corp",
    )
    link = {"application_id": app_id, "label": "HireVue", "url": "https://hv.example.com/i/9"}
    result = run_target(config, singer_lines("application_result_links", [link]))
    assert result.outcomes[0]["operation"] == "merged_attributes"
    assert [(r.method, sorted(r.json)) for r in writes(sandbox)] == [
        ("PATCH", ["attributes"]),
        ("PUT", ["hirevue_link"]),
    ]
    row = sandbox.store.get_row(oid)
    assert row["attributes"]["acme_corp_hirevue_url"] == "https://hv.example.com/i/9"
    assert row["candidate"]["hirevue_link"] == "https://hv.example.com/i/9"


def test_remote_fields_paradox_are_merged_last_into_the_create_body(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    record = applicant(
        "rf@example.com",
        job,
        remote_fields={"paradox": {"ex_id": "CRM-77", "language_preference": "es"}},
    )
    run_target(target_config(sandbox, tmp_path), singer_lines("applications", [record]))
    (post,) = [r for r in writes(sandbox) if r.method == "POST"]
    assert post.json["ex_id"] == "CRM-77" and post.json["language_preference"] == "es"
    ex_lookup = next(r for r in sandbox.requests if r.method == "GET")
    assert ex_lookup.query["ex_id"] == "CRM-77"


def test_a_slow_action_is_task_timed_out(sandbox, tmp_path):
    _, app_id = app_of(sandbox)
    sandbox.set_faults(rate_429=1.0, retry_after_s=2, fail_paths=["/candidates/"])
    config = target_config(sandbox, tmp_path, action_timeout_s=1, backoff_cap_s=5, max_retries=5)
    result = run_target(
        config, singer_lines("application_notes", [{"application_id": app_id, "content": "x"}])
    )
    assert result.outcomes[0]["error"]["code"] == "PLATFORM.TASK_TIMED_OUT"


def test_a_wrong_api_url_stops_the_run_as_setup_incomplete(sandbox, tmp_path):
    _, app_id = app_of(sandbox)
    config = target_config(
        sandbox, tmp_path, api_url=sandbox.api_url + "/api/v1/public", auth_method="basic"
    )
    result = run_target(
        config, singer_lines("application_notes", [{"application_id": app_id, "content": "x"}])
    )
    assert type(result.error).__name__ == "RunStoppedError"
    assert result.outcomes[0]["error"]["code"] == "INTEGRATION.SETUP_INCOMPLETE"


def test_a_cv_downloaded_from_an_allowed_host_replaces_the_stored_one(
    sandbox, tmp_path, file_server
):
    oid, app_id = app_of(sandbox)
    record = {
        "application_id": app_id,
        "attachment": {"type": "CV", "data_url": file_server.url("/cv.pdf")},
    }
    refused = run_target(
        target_config(sandbox, tmp_path / "a"), singer_lines("application_attachments", [record])
    )
    assert refused.outcomes[0]["error"]["field"] == "attachment.data_url"
    assert file_server.paths == []

    config = target_config(sandbox, tmp_path / "b", allowed_download_hosts=["127.0.0.1"])
    result = run_target(config, singer_lines("application_attachments", [record]))
    assert result.outcomes[0]["operation"] == "replaced_cv"
    assert sandbox.store.resume(oid) == ("CV.pdf", PDF)


def test_several_matches_use_the_lowest_oid_with_a_warning(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    person = {
        "first_name": "Dup",
        "last_name": "Licate",
        "email": "dup@example.com",
        "job_req_id": job,
    }
    oids = sorted(sandbox.store.create_candidate(dict(person)) for _ in range(2))
    result = run_target(
        target_config(sandbox, tmp_path),
        singer_lines("applications", [applicant("dup@example.com", job)]),
    )
    (outcome,) = result.outcomes
    assert outcome["reason"] == "ATS.APPLICATION_ALREADY_EXISTS"
    assert outcome["ids"]["remote_id"] == str(oids[0])
    assert [w["code"] for w in outcome["warnings"]] == ["MULTIPLE_MATCHES"]


def test_a_job_tombstoned_in_the_ledger_is_closed(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    config = target_config(sandbox, tmp_path)
    tenant = tenant_of(sandbox)
    job_id = hashed_id(tenant, "jobs", job)
    ledger = Ledger.open(config["ledger_path"], tenant)
    now = datetime.now(timezone.utc)
    ledger.observe("jobs", {"id": job_id, "remote_id": job}, remote_key=job, run_start=now)
    ledger.tombstone("jobs", job_id, run_start=now)
    ledger.commit()
    ledger.close()
    result = run_target(config, singer_lines("applications", [applicant("late@example.com", job)]))
    assert result.outcomes[0]["error"]["code"] == "ATS.JOB_CLOSED"
    assert writes(sandbox) == []


def test_without_a_dedupe_lookup_a_lost_post_is_not_repeated(sandbox, tmp_path, monkeypatch):
    calls = []

    def unavailable(self, path, budget, body):
        calls.append(path)
        raise TransientPostError("REMOTE.SERVICE_UNAVAILABLE", "503", status=503, retry_after=None)

    monkeypatch.setattr(ParadoxClient, "post_once", unavailable)
    job = sandbox.store.feed_job_ids()[0]
    result = run_target(
        target_config(sandbox, tmp_path, dedupe_lookup=[]),
        singer_lines("applications", [applicant("blind@example.com", job)]),
    )
    assert calls == ["/candidates"]
    assert result.outcomes[0]["error"]["code"] == "REMOTE.SERVICE_UNAVAILABLE"


def test_a_cv_url_is_fetched_only_when_the_cv_is_sent(sandbox, tmp_path, file_server):
    job = sandbox.store.feed_job_ids()[0]
    cv = [{"type": "CV", "data_url": file_server.url("/cv.pdf")}]
    config = target_config(sandbox, tmp_path / "a", allowed_download_hosts=["127.0.0.1"])
    created = run_target(
        config, singer_lines("applications", [applicant("cv@example.com", job, attachments=cv)])
    )
    assert created.outcomes[0]["operation"] == "created" and file_server.paths == ["/cv.pdf"]

    again = target_config(sandbox, tmp_path / "b", allowed_download_hosts=["127.0.0.1"])
    skipped = run_target(
        again, singer_lines("applications", [applicant("cv@example.com", job, attachments=cv)])
    )
    assert skipped.outcomes[0]["reason"] == "ATS.APPLICATION_ALREADY_EXISTS"
    assert file_server.paths == ["/cv.pdf"]  # not downloaded again for a record not sent
