"""End-to-end: full, incremental, churn, deletion and resume runs against the sandbox."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone

import pytest

from tap_paradox.ids import decode_record_id
from tap_paradox.ledger import Ledger
from tap_paradox.sync_run import MassDeletionError, tenant_id_of
from tap_paradox.tap import TapParadox
from tap_paradox.timestamps import format_filter_timestamp, parse_timestamp
from tests.tap.candidate_helpers import (
    list_calls,
    lookups,
    person_catalog,
    store_updated_at,
)
from tests.tap.candidate_helpers import run_streams as _run
from tests.tap.tap_runner import sandbox_config

OFFSETS_300 = ["0", "45", "90", "135", "180", "225", "270"]


@pytest.fixture
def setup(sandbox, tmp_path):
    config = sandbox_config(sandbox, tmp_path / "ledger.sqlite")
    catalog = person_catalog(config)
    sandbox.clear_requests()
    return sandbox, config, catalog


def test_full_run_emits_every_candidate_and_application(setup) -> None:
    sandbox, config, catalog = setup
    output = _run(config, catalog)

    oids = {str(oid) for oid in sandbox.store.candidate_oids()}
    candidates, applications = (
        output.by_remote_id("candidates"),
        output.by_remote_id("applications"),
    )
    assert set(candidates) == set(applications) == oids
    assert len(output.of("candidates")) == len(oids)
    tenant = tenant_id_of(config)
    for remote_id, record in candidates.items():
        assert decode_record_id(tenant, record["id"]) == ("candidates", int(remote_id))
        assert set(record) == set(output.schemas["candidates"]["properties"])
        assert record["remote_deleted_at"] is None
        assert applications[remote_id]["candidate_id"] == record["id"]
    changed = {record["changed_at"] for record in output.of("candidates")}
    assert len(changed) == 1  # every record is new: changed_at is the run's start

    calls = list_calls(sandbox)
    assert [call["offset"] for call in calls] == OFFSETS_300
    for call in calls:
        assert call["limit"] == "50"
        assert call["include_attributes"] == "Yes"
        assert call["note"] == "true"
        assert "start_date" not in call
    latest = max(store_updated_at(sandbox).values())
    for stream in ("candidates", "applications"):
        bookmark = output.state["bookmarks"][stream]
        assert bookmark["replication_key"] == "remote_updated_at"
        assert bookmark["replication_key_value"] == latest
    assert output.state["ledger_id"]
    assert lookups(sandbox) == []


def test_incremental_run_after_five_changes_asks_only_for_recent_rows(setup) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    bookmark = parse_timestamp(first.state["bookmarks"]["candidates"]["replication_key_value"])
    changed = sandbox.store.candidate_oids()[10:15]
    for oid in changed:
        sandbox.store.update_candidate(oid, {"email": f"moved.{oid}@example.com"})
    sandbox.clear_requests()

    second = _run(config, catalog, first.state)

    cutoff = (bookmark - timedelta(minutes=15)).replace(microsecond=0)
    now_updated = store_updated_at(sandbox)
    expected = {rid for rid, at in now_updated.items() if parse_timestamp(at) >= cutoff}
    assert {str(oid) for oid in changed} <= expected
    emitted = second.by_remote_id("candidates")
    assert set(emitted) == expected
    assert set(second.by_remote_id("applications")) == expected
    assert [call.get("start_date") for call in list_calls(sandbox)] == [
        format_filter_timestamp(cutoff)
    ]
    assert [(call["limit"], call["offset"]) for call in list_calls(sandbox)] == [("50", "0")]
    run_changed_at = {emitted[str(oid)]["changed_at"] for oid in changed}
    assert len(run_changed_at) == 1
    first_changed_at = first.of("candidates")[0]["changed_at"]
    assert run_changed_at != {first_changed_at}
    for remote_id in expected - {str(oid) for oid in changed}:
        assert emitted[remote_id]["changed_at"] == first_changed_at  # unchanged: kept
    for oid in changed:
        assert emitted[str(oid)]["remote_updated_at"] == now_updated[str(oid)]
    # The bookmark moved to the newest change but never past this run's start (the sandbox,
    # like a clock-skewed server, may show a write up to a second ahead).
    new_bookmark = second.state["bookmarks"]["candidates"]["replication_key_value"]
    run_start = next(iter(run_changed_at))
    assert new_bookmark == min(max(now_updated[str(oid)] for oid in changed), run_start)


def test_ignoring_date_filters_does_not_change_what_is_emitted(setup) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    for oid in sandbox.store.candidate_oids()[:5]:
        sandbox.store.update_candidate(oid, {"job_title": "Cashier"})
    bookmark = parse_timestamp(first.state["bookmarks"]["candidates"]["replication_key_value"])
    cutoff = (bookmark - timedelta(minutes=15)).replace(microsecond=0)
    expected = {
        rid for rid, at in store_updated_at(sandbox).items() if parse_timestamp(at) >= cutoff
    }
    sandbox.set_faults(ignore_date_filters=True)
    sandbox.clear_requests()

    second = _run(config, catalog, first.state)

    assert len(list_calls(sandbox)) == len(OFFSETS_300)  # the whole list came back
    assert set(second.by_remote_id("candidates")) == expected


def test_churn_while_paging_loses_nothing_after_one_more_run(sandbox_factory, tmp_path) -> None:
    sandbox = sandbox_factory(candidates=800, jobs=10, locations=3, seed=11)
    config = sandbox_config(sandbox, tmp_path / "ledger.sqlite")
    catalog = person_catalog(config)
    sandbox.set_faults(churn_inserts=2, churn_updates=4, churn_deletes=6)
    first = _run(config, catalog)
    sandbox.set_faults()
    second = _run(config, catalog, first.state)

    latest: dict[str, str] = {}
    for output in (first, second):
        for record in output.of("candidates"):
            latest[record["remote_id"]] = record["remote_updated_at"]
    now = store_updated_at(sandbox)
    assert len(now) > 700
    missing = {rid for rid in now if rid not in latest}
    stale = {rid for rid, at in now.items() if latest.get(rid) != at}
    assert missing == set()
    assert stale == set()


def test_deleted_candidate_is_tombstoned_once_with_its_application(setup) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    doomed = sandbox.store.candidate_oids()[20:22]
    for oid in doomed:
        sandbox.store.delete_candidate(oid)
    sandbox.clear_requests()

    second = _run(config, catalog, first.state, full_refresh=True)

    assert sorted(lookups(sandbox)) == sorted(doomed)
    doomed_ids = {str(oid) for oid in doomed}
    for stream in ("candidates", "applications"):
        tombstones = [r for r in second.of(stream) if r["remote_deleted_at"] is not None]
        assert {r["remote_id"] for r in tombstones} == doomed_ids
        for record in tombstones:
            assert record["remote_deleted_at"] == record["changed_at"]
            assert set(record) == set(second.schemas[stream]["properties"])
    application = next(r for r in second.of("applications") if r["remote_id"] == str(doomed[0]))
    before = first.by_remote_id("applications")[str(doomed[0])]
    assert application["job_id"] == before["job_id"]
    assert application["current_stage_id"] == before["current_stage_id"]
    assert application["candidate_id"] == before["candidate_id"]
    candidate = second.by_remote_id("candidates")[str(doomed[0])]
    assert candidate["first_name"] is None and candidate["email_addresses"] is None

    sandbox.clear_requests()
    third = _run(config, catalog, second.state, full_refresh=True)
    assert lookups(sandbox) == []
    assert not [r for r in third.of("candidates") if r["remote_deleted_at"] is not None]


def test_mass_deletion_stops_before_any_tombstone_unless_allowed(setup) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    for oid in sandbox.store.candidate_oids()[:90]:
        sandbox.store.delete_candidate(oid)

    blocked = _run(config, catalog, first.state, full_refresh=True, expect_failure=True)
    assert isinstance(blocked.error, MassDeletionError)
    assert "max_deletion_ratio" in str(blocked.error)
    assert blocked.of("candidates") == []

    allowed = _run(config, catalog, first.state, full_refresh=True, allow_mass_delete=True)
    tombstones = [r for r in allowed.of("candidates") if r["remote_deleted_at"] is not None]
    assert len(tombstones) == 90


def test_resume_from_state_is_a_delta_run(setup) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    sandbox.clear_requests()
    second = _run(config, catalog, first.state)
    assert len(list_calls(sandbox)) == 1
    assert second.state["ledger_id"] == first.state["ledger_id"]
    assert second.state["ledger_generation"] == first.state["ledger_generation"] + 1


def test_lost_ledger_degrades_to_a_full_sync_with_a_warning(setup, tmp_path, caplog) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    for path in tmp_path.glob("ledger.sqlite*"):
        path.unlink()
    sandbox.clear_requests()
    second = _run(config, catalog, first.state)
    assert [call["offset"] for call in list_calls(sandbox)] == OFFSETS_300
    assert len(second.of("candidates")) == 300
    assert "ledger was missing or unusable" in caplog.text


def test_state_of_an_unconfirmed_run_forces_a_full_sync(setup, caplog) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    _run(config, catalog, first.state)  # its state never reached the loader
    sandbox.clear_requests()
    _run(config, catalog, first.state)
    assert [call["offset"] for call in list_calls(sandbox)] == OFFSETS_300
    assert "a loader did not confirm the last run" in caplog.text


def test_foreign_ledger_forces_a_full_sync_where_every_record_is_new(setup, caplog) -> None:
    _sandbox, config, catalog = setup
    first = _run(config, catalog)
    foreign_state = {**first.state, "ledger_id": "0" * 32}
    second = _run(config, catalog, foreign_state)
    assert len(second.of("candidates")) == 300
    assert "foreign ledger" in caplog.text
    assert second.of("candidates")[0]["changed_at"] != first.of("candidates")[0]["changed_at"]


def test_a_full_sync_runs_by_itself_when_the_last_is_older_than_the_interval(setup) -> None:
    sandbox, config, catalog = setup
    first = _run(config, catalog)
    ledger = Ledger.open(config["ledger_path"], tenant_id_of(config))
    ledger.mark_full_sync("candidates", datetime.now(timezone.utc) - timedelta(days=8))
    ledger.commit()
    ledger.close()
    gone = sandbox.store.candidate_oids()[5]
    sandbox.store.delete_candidate(gone)
    sandbox.clear_requests()

    second = _run(config, catalog, first.state)

    assert [call["offset"] for call in list_calls(sandbox)] == OFFSETS_300
    assert lookups(sandbox) == [gone]
    tombstones = [r for r in second.of("candidates") if r["remote_deleted_at"] is not None]
    assert [r["remote_id"] for r in tombstones] == [str(gone)]
    sandbox.clear_requests()
    _run(config, catalog, second.state)
    assert len(list_calls(sandbox)) == 1  # the full sync was recorded: back to delta runs


def test_a_dry_run_neither_locks_nor_changes_the_ledger(setup) -> None:
    _sandbox, config, catalog = setup
    first = _run(config, catalog)
    dry = TapParadox(config=config, catalog=catalog, state=first.state)
    with redirect_stdout(io.StringIO()):
        assert dry.run_connection_test()
    second = _run(config, catalog, first.state)  # would wait on a lock held by the dry run
    assert second.state["ledger_generation"] == first.state["ledger_generation"] + 1
    ledger = Ledger.open(config["ledger_path"], tenant_id_of(config))
    assert ledger.generation == second.state["ledger_generation"]
    ledger.close()
