"""One bad input per class, end to end: each gets its code and field, the good ones go on."""

from __future__ import annotations

from tap_paradox.ids import hashed_id, record_id
from tests.target.helpers import (
    case_lines,
    run_target,
    seed_ledger,
    target_config,
    tenant_of,
    writes,
)

EXPECTED = {
    ("applications", 1): ("PLATFORM.INPUT_INVALID", "candidate.email_address"),  # missing
    ("applications", 2): ("PLATFORM.INPUT_INVALID", "candidate.email_address"),  # format
    ("applications", 3): ("PLATFORM.INPUT_INVALID", "candidate.last_name"),  # name > 50
    ("applications", 4): ("PLATFORM.INPUT_INVALID", "attachments[0]"),  # data and data_url
    ("applications", 5): ("PLATFORM.INPUT_INVALID", "attachments[0]"),  # over resume_max_bytes
    ("applications", 6): ("PLATFORM.INPUT_INVALID", "attachments[0].data_url"),  # unreachable
    ("applications", 7): ("PLATFORM.INPUT_INVALID", "candidate.first_name"),  # nested vs flat
    ("applications", 8): ("PLATFORM.INPUT_INVALID", "application.job_id"),  # unknown job id
    ("applications", 9): ("ATS.JOB_CLOSED", "application.job_id"),  # require_job_in_feed
    ("application_attachments", 1): ("PLATFORM.INPUT_INVALID", "attachment.type"),  # not a CV
    ("application_attachments", 2): ("PLATFORM.INPUT_INVALID", "attachment.content_type"),
    ("application_attachments", 3): ("PLATFORM.INPUT_INVALID", "attachment"),  # no data at all
    ("application_stage_changes", 1): ("REMOTE.INPUT_INVALID", "candidate_journey_status"),
    ("application_stage_changes", 2): ("PLATFORM.INPUT_INVALID", "stage_id"),  # resolves to nothing
    ("application_notes", 1): ("PLATFORM.INPUT_INVALID", "content"),
    ("application_notes", 2): ("REMOTE.INPUT_INVALID", "ID"),  # Paradox: candidate not found
    ("application_result_links", 1): ("PLATFORM.INPUT_INVALID", "label"),
}


def test_every_class_of_bad_input_fails_with_its_code_and_field(sandbox, tmp_path):
    tenant = tenant_of(sandbox)
    oid = next(
        o
        for o in sandbox.store.candidate_oids()
        if sandbox.store.get_row(o)["candidate"].get("candidate_journey") == "Store Hourly"
    )
    lines = case_lines(
        "bad_inputs.singer",
        job=sandbox.store.feed_job_ids()[0],
        hashed_job=hashed_id(tenant, "jobs", "REQ-NEVER-SEEN"),
        app_id=record_id(tenant, "applications", oid),
        missing_app=record_id(tenant, "applications", 999_999_999),
        unknown_stage=hashed_id(tenant, "application_stages", "No|Such|Stage"),
    )
    config = target_config(
        sandbox,
        tmp_path,
        job_feed_url=sandbox.feed_url,
        require_job_in_feed=True,
        resume_max_bytes=20,
        allowed_download_hosts=["127.0.0.1"],
        max_retries=1,
    )
    seed_ledger(config, [])  # a tap sync completed, but it saw none of these ids
    result = run_target(config, lines)
    got = {
        (o["stream"], o["seq"]): (o["error"]["code"], o["error"]["field"]) for o in result.outcomes
    }
    assert got == EXPECTED
    dead = [m for m in result.dead_letter if m["type"] == "RECORD"]
    assert len(dead) == len(EXPECTED)
    # The only write that leaves is the stage move Paradox itself refuses; nothing is created.
    sent = [(r.method, r.path.rsplit("/", 2)[-2:]) for r in writes(sandbox)]
    assert sent == [("PUT", ["candidates", str(oid)])]
