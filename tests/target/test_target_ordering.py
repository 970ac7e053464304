"""Bounded concurrency without disorder: per-application order, no duplicate creates, 429s."""

from __future__ import annotations

from tap_paradox.ids import record_id
from tap_paradox.target import engine
from tests.target.helpers import (
    applicant,
    run_target,
    singer_lines,
    target_config,
    tenant_of,
    writes,
)


def test_notes_on_the_same_application_land_in_input_order(sandbox, tmp_path):
    tenant = tenant_of(sandbox)
    oids = sandbox.store.candidate_oids()[:3]
    for oid in oids:
        sandbox.store.update_candidate(oid, {"note": "kept"})
    records = [
        {"application_id": record_id(tenant, "applications", oid), "content": f"{oid} step {step}"}
        for step in range(1, 6)
        for oid in oids
    ]
    sandbox.set_faults(latency_s=0.01)
    result = run_target(
        target_config(sandbox, tmp_path, max_parallel_writes=4),
        singer_lines("application_notes", records),
    )
    assert {o["operation"] for o in result.outcomes} == {"appended_note"}
    assert len([r for r in sandbox.requests if r.path.endswith("/auth/token")]) == 1  # shared
    for oid in oids:
        note = sandbox.store.get_row(oid)["note"]
        assert note.startswith("kept\n\n")
        positions = [note.index(f"{oid} step {step}") for step in range(1, 6)]
        assert positions == sorted(positions)  # every entry kept, in input order
        puts = [r.json["note"] for r in writes(sandbox) if r.path.endswith(f"/{oid}")]
        assert [p.count(" step ") for p in puts] == [1, 2, 3, 4, 5]


def test_a_move_and_a_note_on_one_application_keep_their_order(sandbox, tmp_path):
    oid = next(
        o
        for o in sandbox.store.candidate_oids()
        if sandbox.store.get_row(o)["candidate"].get("candidate_journey") == "Store Hourly"
    )
    app_id = record_id(tenant_of(sandbox), "applications", oid)
    lines = (
        singer_lines(
            "application_stage_changes",
            [{"application_id": app_id, "stage_id": "remote:Store Hourly|Offer|Offer Sent"}],
        )
        + singer_lines("application_notes", [{"application_id": app_id, "content": "offer out"}])
        + singer_lines(
            "application_stage_changes",
            [{"application_id": app_id, "stage_id": "remote:Store Hourly|Hired|Hired"}],
        )
    )
    sandbox.set_faults(latency_s=0.01)
    run_target(target_config(sandbox, tmp_path, max_parallel_writes=4), lines)
    bodies = [sorted(r.json) for r in writes(sandbox)]
    assert bodies == [["candidate_journey_status"], ["note"], ["candidate_journey_status"]]
    assert sandbox.store.get_row(oid)["stage"] == {"name": "Hired", "status": "Hired"}


def test_the_same_applicant_twice_in_one_batch_is_created_once(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    first = applicant("twice@example.com", job)
    second = applicant("Twice@Example.com", job)
    second["candidate"]["phone_number"] = "4695550199"  # different input, same person and job
    others = [applicant(f"p{i}@example.com", job) for i in range(6)]
    sandbox.set_faults(latency_s=0.01)
    result = run_target(
        target_config(sandbox, tmp_path, max_parallel_writes=4),
        singer_lines("applications", [first, *others, second]),
    )
    posted = [r.json["email"].lower() for r in writes(sandbox) if r.method == "POST"]
    assert posted.count("twice@example.com") == 1 and len(posted) == 7
    last = result.by_seq("applications")[-1]
    assert (last["status"], last["reason"]) == ("skipped", "ATS.APPLICATION_ALREADY_EXISTS")


def test_a_429_storm_slows_the_run_but_creates_no_duplicates(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[1]
    records = [applicant(f"storm{i}@example.com", job) for i in range(8)]
    config = target_config(sandbox, tmp_path, max_retries=10, max_parallel_writes=4)
    run_target(config, singer_lines("applications", records[:1]))  # token before the storm
    sandbox.set_faults(rate_429=0.3, retry_after_s=0.01, fail_paths=["/candidates"])
    result = run_target(config, singer_lines("applications", records))
    assert [o["error"] for o in result.outcomes if o["status"] == "failed"] == []
    assert any(r.status == 429 for r in sandbox.requests)
    created = [r.json["email"] for r in writes(sandbox) if r.method == "POST" and r.status == 200]
    assert sorted(created) == sorted({r["candidate"]["email_address"] for r in records})
    rows = [sandbox.store.get_row(o)["candidate"] for o in sandbox.store.candidate_oids()]
    storm = [c["email"] for c in rows if (c.get("email") or "").startswith("storm")]
    assert sorted(storm) == sorted(set(storm)) and len(storm) == 8


def test_reading_waits_when_the_write_queue_is_full(sandbox, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "QUEUED_PER_WRITER", 2)  # 2 writers: at most 4 queued records
    tenant = tenant_of(sandbox)
    oids = sandbox.store.candidate_oids()[:4]
    records = [
        {
            "application_id": record_id(tenant, "applications", oids[i % 4]),
            "content": f"entry {i:02d}",
        }
        for i in range(24)
    ]
    result = run_target(
        target_config(sandbox, tmp_path, max_parallel_writes=2),
        singer_lines("application_notes", records),
    )
    assert [o["operation"] for o in result.by_seq("application_notes")] == ["appended_note"] * 24
    for position, oid in enumerate(oids):
        note = sandbox.store.get_row(oid)["note"]
        places = [note.index(f"entry {i:02d}") for i in range(position, 24, 4)]
        assert places == sorted(places)


def test_an_update_never_overtakes_an_earlier_create(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    tenant = tenant_of(sandbox)
    oid = sandbox.store.candidate_oids()[0]
    note = {"application_id": record_id(tenant, "applications", oid), "content": "after the create"}
    # mixed case: two lookups before the POST, so an unordered note would PUT first
    lines = singer_lines("applications", [applicant("First@Example.com", job)]) + singer_lines(
        "application_notes", [note]
    )
    sandbox.set_faults(latency_s=0.02)
    run_target(target_config(sandbox, tmp_path, max_parallel_writes=4), lines)
    methods = [r.method for r in writes(sandbox)]
    assert methods == ["POST", "PUT"]
