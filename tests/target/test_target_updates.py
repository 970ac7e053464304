"""Attachments, stage moves, result links and notes on existing applications (sandbox)."""

from __future__ import annotations

import pytest

from tap_paradox.ids import StageTriple, hashed_id, record_id
from tests.target.helpers import (
    case_lines,
    run_target,
    seed_ledger,
    singer_lines,
    target_config,
    tenant_of,
    writes,
)


@pytest.fixture
def application(sandbox):
    """A Store Hourly application not yet in Interview: Scheduled, with a note."""
    for oid in sandbox.store.candidate_oids():
        row = sandbox.store.get_row(oid)
        if (
            row["candidate"].get("candidate_journey") == "Store Hourly"
            and row["candidate"].get("candidate_journey_status") != "Interview: Scheduled"
        ):
            sandbox.store.update_candidate(oid, {"note": "Earlier recruiter text"})
            return oid, record_id(tenant_of(sandbox), "applications", oid)
    raise AssertionError("the sandbox seed has no Store Hourly application")


def run_updates(sandbox, tmp_path, application, **overrides):
    oid, app_id = application
    config = target_config(sandbox, tmp_path, **overrides)
    lines = case_lines(
        "application_updates.singer", app_id=app_id, oid=str(oid), journey="Store Hourly"
    )
    return config, lines, run_target(config, lines)


def test_every_update_action_writes_what_the_model_says(sandbox, tmp_path, application):
    oid, _ = application
    _, _, result = run_updates(sandbox, tmp_path, application)
    ops = {
        (o["stream"], o["seq"]): o.get("operation") or o["error"]["code"] for o in result.outcomes
    }
    assert ops == {
        ("application_notes", 1): "appended_note",
        ("application_notes", 2): "appended_note",
        ("application_stage_changes", 1): "moved",
        ("application_result_links", 1): "merged_attributes",
        ("application_attachments", 1): "replaced_cv",
        ("application_attachments", 2): "PLATFORM.INPUT_INVALID",
    }
    row = sandbox.store.get_row(oid)
    note = row["note"]
    assert note.startswith("Earlier recruiter text\n\n[")
    assert note.index("Called, left a voicemail") < note.index("Confirmed the interview")
    assert row["stage"] == {"name": "Interview", "status": "Scheduled"}
    assert row["attributes"]["acme_assessment_report_url"] == "https://assess.example.com/r/77"
    assert row["attributes"]["acme_score"] == "87"
    assert sandbox.store.resume(oid)[0] == "new-cv.pdf"
    refused = next(o for o in result.outcomes if o["status"] == "failed")
    assert "only CV" in refused["error"]["message"]
    moved = next(o for o in result.outcomes if o.get("operation") == "moved")
    triple = StageTriple("Store Hourly", "Interview", "Scheduled")
    assert moved["ids"]["stage_id"] == hashed_id(
        tenant_of(sandbox), "application_stages", triple.remote_id
    )


def test_the_exact_calls_of_each_update(sandbox, tmp_path, application):
    oid, _ = application
    run_updates(sandbox, tmp_path, application, max_parallel_writes=1)
    calls = [
        (r.method, r.path.replace("/api/v1/public", ""), sorted((r.json or {}).keys()))
        for r in writes(sandbox)
    ]
    assert calls == [
        ("PUT", f"/candidates/{oid}", ["note"]),
        ("PUT", f"/candidates/{oid}", ["note"]),
        ("PUT", f"/candidates/{oid}", ["candidate_journey_status"]),
        ("PATCH", f"/candidate/attributes/{oid}", ["attributes"]),
        ("PUT", f"/candidates/{oid}", ["resume", "resume_file_name"]),
    ]


def test_a_replay_writes_nothing_and_skips_everything_written(sandbox, tmp_path, application):
    config, lines, _ = run_updates(sandbox, tmp_path, application)
    sandbox.clear_requests()
    replay = run_target(config, lines)
    assert writes(sandbox) == []
    assert {o["reason"] for o in replay.outcomes if o["status"] == "skipped"} == {"DUPLICATE_INPUT"}


def test_without_the_ledger_reads_show_nothing_needs_writing(sandbox, tmp_path, application):
    run_updates(sandbox, tmp_path / "a", application)
    sandbox.clear_requests()
    _, _, again = run_updates(sandbox, tmp_path / "b", application)
    reasons = {o["stream"]: o.get("reason") for o in again.outcomes if o["status"] == "skipped"}
    assert reasons == {
        "application_stage_changes": "ALREADY_IN_STAGE",
        "application_result_links": "UNCHANGED",
    }
    # Two notes: only the last entry can be recognised by its text ("ends with"), so without
    # the ledger both are appended again (a documented limitation); the CV is sent again.
    puts = [sorted(r.json) for r in writes(sandbox)]
    assert sorted(puts) == [["note"], ["note"], ["resume", "resume_file_name"]]


def test_without_the_ledger_a_note_that_ends_the_text_is_a_duplicate(
    sandbox, tmp_path, application
):
    _, app_id = application
    lines = singer_lines("application_notes", [{"application_id": app_id, "content": "Only note"}])
    run_target(target_config(sandbox, tmp_path / "a"), lines)
    sandbox.clear_requests()
    again = run_target(target_config(sandbox, tmp_path / "b"), lines)
    assert again.outcomes[0]["reason"] == "DUPLICATE_INPUT"
    assert writes(sandbox) == []


def test_dry_run_reads_but_never_writes(sandbox, tmp_path, application):
    _, _, result = run_updates(sandbox, tmp_path, application, dry_run=True)
    assert writes(sandbox) == []
    skipped = [o["reason"] for o in result.outcomes if o["status"] == "skipped"]
    assert skipped == ["DRY_RUN"] * 5


def test_a_stage_outside_the_journey_is_remote_input_invalid(sandbox, tmp_path, application):
    _, app_id = application
    record = {"application_id": app_id, "stage_id": "remote:Store Hourly|Nowhere|Lost"}
    result = run_target(
        target_config(sandbox, tmp_path), singer_lines("application_stage_changes", [record])
    )
    error = result.outcomes[0]["error"]
    assert (error["code"], error["field"], error["remote_status"]) == (
        "REMOTE.INPUT_INVALID",
        "candidate_journey_status",
        400,
    )


def test_a_hashed_stage_id_is_found_by_scanning_the_jobs_candidates(sandbox, tmp_path, application):
    oid, app_id = application
    triple = StageTriple("Store Hourly", "Interview", "Scheduled")
    job = sandbox.store.get_row(oid)["candidate"]["job_req_id"]
    other = next(
        o
        for o in sandbox.store.candidate_oids()
        if o != oid and sandbox.store.get_row(o)["candidate"]["job_req_id"] == job
    )
    sandbox.store.update_candidate(
        other,
        {"candidate_journey": "Store Hourly", "candidate_journey_status": "Interview: Scheduled"},
    )
    stage_id = hashed_id(tenant_of(sandbox), "application_stages", triple.remote_id)
    config = target_config(sandbox, tmp_path)
    seed_ledger(config, [])  # a sync completed, but this stage is not in the index
    record = {"application_id": app_id, "stage_id": stage_id}
    result = run_target(config, singer_lines("application_stage_changes", [record]))
    assert result.outcomes[0]["operation"] == "moved"
    assert any(r.query.get("job_req_id") == job for r in sandbox.requests if r.method == "GET")

    unknown = {
        "application_id": app_id,
        "stage_id": hashed_id(tenant_of(sandbox), "application_stages", "x|y|z"),
    }
    missing = run_target(
        target_config(sandbox, tmp_path, allow_scan_resolution=False),
        singer_lines("application_stage_changes", [unknown]),
    )
    assert missing.outcomes[0]["error"]["code"] == "PLATFORM.INPUT_INVALID"


def test_ids_that_are_not_application_ids_are_refused(sandbox, tmp_path):
    tenant = tenant_of(sandbox)
    job_id = hashed_id(tenant, "jobs", "REQ-2200")
    records = [
        {"application_id": job_id, "content": "x"},
        {"application_id": "remote:REQ-2200", "content": "x"},
        {"application_id": "not-an-id", "content": "x"},
    ]
    result = run_target(
        target_config(sandbox, tmp_path), singer_lines("application_notes", records)
    )
    assert [o["error"]["code"] for o in result.by_seq("application_notes")] == [
        "PLATFORM.INPUT_INVALID"
    ] * 3
    assert writes(sandbox) == []


def test_a_deleted_application_is_remote_input_invalid(sandbox, tmp_path, application):
    oid, app_id = application
    sandbox.store.delete_candidate(oid)
    result = run_target(
        target_config(sandbox, tmp_path),
        singer_lines("application_notes", [{"application_id": app_id, "content": "hi"}]),
    )
    assert result.outcomes[0]["error"]["code"] == "REMOTE.INPUT_INVALID"
    assert result.outcomes[0]["ids"]["application_id"] == app_id  # known ids kept on failure


def test_two_identical_notes_need_distinct_idempotency_keys(sandbox, tmp_path, application):
    oid, app_id = application
    notes = [
        {"application_id": app_id, "content": "Same text", "idempotency_key": f"n-{i}"}
        for i in (1, 2)
    ]
    result = run_target(target_config(sandbox, tmp_path), singer_lines("application_notes", notes))
    assert [o["operation"] for o in result.by_seq("application_notes")] == ["appended_note"] * 2
    assert sandbox.store.get_row(oid)["note"].count("Same text") == 2
