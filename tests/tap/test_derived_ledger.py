"""The derived streams' ledger tables: transactional with the run, cleared with the ledger."""

from __future__ import annotations

import sqlite3

from tap_paradox.derived_ledger import DerivedLedger


def test_opening_the_tables_keeps_the_runs_pending_changes_undoable(tmp_path):
    connection = sqlite3.connect(tmp_path / "ledger.sqlite")
    DerivedLedger(connection)
    connection.commit()
    connection.execute("CREATE TABLE other (value INTEGER)")
    connection.commit()
    connection.execute("INSERT INTO other VALUES (1)")
    derived = DerivedLedger(connection)  # a later stream of the same run
    derived.mark_jobs(["REQ-1"], from_feed=True)
    connection.rollback()  # the run failed
    assert connection.execute("SELECT count(*) FROM other").fetchone() == (0,)
    assert derived.feed_job_ids() == set()


def test_feed_origin_is_kept_and_reset_forgets_everything(tmp_path):
    connection = sqlite3.connect(tmp_path / "ledger.sqlite")
    derived = DerivedLedger(connection)
    derived.mark_jobs(["REQ-1"], from_feed=True)
    derived.mark_jobs(["REQ-1", "REQ-9"], from_feed=False)  # a stub pass never demotes it
    assert derived.feed_job_ids() == {"REQ-1"}
    derived.mark_job_deleted("REQ-1")
    assert set(derived.live_job_ids()) == {"REQ-9"}
    derived.save_stage("J|S|T", "J", seen_at="2025-01-01T00:00:00.000Z", has_applications=True)
    derived.save_stage("J|S|T", "J", seen_at="2025-02-01T00:00:00.000Z", has_applications=False)
    stage = derived.stages()["J|S|T"]
    assert (stage.first_seen, stage.last_live_at) == (
        "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"
    )  # fmt: skip
    derived.save_link("REQ-9", "J|S|T", "J", 0, live=True)
    derived.reset()
    assert derived.feed_job_ids() == set()
    assert derived.stages() == {}
    assert derived.links("REQ-9") == {}
