"""The ledger: change detection, tombstones, application facts, id index, files and URLs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import fsspec
import pytest

from tap_paradox.ids import hashed_id, record_id
from tap_paradox.ledger import Ledger

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
T1 = T0 + timedelta(days=1)
T2 = T0 + timedelta(days=2)


def candidate(oid: int, **fields) -> dict:
    return {
        "id": record_id("acme", "candidates", oid),
        "remote_id": str(oid),
        "first_name": "Ana",
        "remote_updated_at": "2026-01-04T10:00:00.000Z",
        **fields,
    }


@pytest.fixture
def ledger(tmp_path):
    opened = Ledger.open(str(tmp_path / "ledger.sqlite"), "acme")
    yield opened
    opened.close()


def test_changed_at_moves_only_when_the_fingerprint_changes(ledger) -> None:
    first = candidate(1)
    assert ledger.observe("candidates", first, remote_key="1", run_start=T0) is True
    assert first["changed_at"] == "2026-01-05T08:00:00.000Z"
    assert first["remote_deleted_at"] is None

    # remote_updated_at alone is not a change (model §1.2)
    same = candidate(1, remote_updated_at="2026-01-05T09:00:00.000Z")
    assert ledger.observe("candidates", same, remote_key="1", run_start=T1) is False
    assert same["changed_at"] == "2026-01-05T08:00:00.000Z"

    renamed = candidate(1, first_name="Ann")
    assert ledger.observe("candidates", renamed, remote_key="1", run_start=T2) is True
    assert renamed["changed_at"] == "2026-01-07T08:00:00.000Z"


def test_tombstone_once_then_un_delete_moves_changed_at(ledger) -> None:
    ledger.observe("candidates", candidate(5), remote_key="5", run_start=T0)
    ledger.put_application(
        5,
        job_remote_id="REQ-1",
        stage_remote_id="J|Interview|Scheduled",
        journey="J",
        remote_created_at="2026-01-01 10:00:00",
        run_start=T0,
    )
    ledger.observe(
        "applications", {"id": record_id("acme", "applications", 5)}, remote_key="5", run_start=T0
    )
    app_id = record_id("acme", "applications", 5)
    assert list(ledger.live_unseen("applications", run_start=T1)) == [(app_id, "5")]

    tombstone = ledger.tombstone("applications", app_id, run_start=T1)
    assert tombstone["remote_deleted_at"] == tombstone["changed_at"] == "2026-01-06T08:00:00.000Z"
    assert tombstone["job_id"] == hashed_id("acme", "jobs", "REQ-1")
    assert tombstone["current_stage_id"] == hashed_id(
        "acme", "application_stages", "J|Interview|Scheduled"
    )
    assert tombstone["candidate_id"] == record_id("acme", "candidates", 5)
    assert "first_name" not in tombstone  # no personal data is kept for a tombstone
    assert ledger.tombstone("applications", app_id, run_start=T2) is None
    assert ledger.is_deleted("applications", app_id) is True
    assert ledger.count_live("applications") == 0

    back = {"id": app_id}
    assert ledger.observe("applications", back, remote_key="5", run_start=T2) is True
    assert back["changed_at"] == "2026-01-07T08:00:00.000Z"
    assert back["remote_deleted_at"] is None
    assert ledger.is_deleted("applications", app_id) is False


def test_non_personal_tombstones_carry_the_last_known_values(ledger) -> None:
    job_id = hashed_id("acme", "jobs", "REQ-9")
    job = {"id": job_id, "remote_id": "REQ-9", "name": "Cashier", "remote_data": {"x": 1}}
    ledger.observe("jobs", job, remote_key="REQ-9", run_start=T0)
    tombstone = ledger.tombstone("jobs", job_id, run_start=T1)
    assert tombstone["name"] == "Cashier"
    assert "remote_data" not in tombstone
    assert tombstone["remote_deleted_at"] == "2026-01-06T08:00:00.000Z"


def test_application_facts_and_stage_first_seen(ledger) -> None:
    for oid, job in ((1, "REQ-1"), (2, "REQ-2"), (3, "REQ-1")):
        ledger.put_application(
            oid,
            job_remote_id=job,
            stage_remote_id="J|S|T",
            journey="J",
            remote_created_at="2026-01-01T00:00:00Z",
            run_start=T0 if oid < 3 else T1,
        )
    assert [fact.oid for fact in ledger.live_applications("REQ-1")] == [1, 3]
    assert ledger.live_applications().__next__().remote_created_at == "2026-01-01T00:00:00.000Z"
    assert ledger.stage_first_seen("J|S|T") == "2026-01-05T08:00:00.000Z"
    ledger.drop_application(1)
    assert [fact.oid for fact in ledger.live_applications("REQ-1")] == [3]


def test_id_index_and_decodable_ids(ledger) -> None:
    job_id = hashed_id("acme", "jobs", "REQ-1")
    ledger.index_ids([(job_id, "jobs", "REQ-1")])
    assert ledger.resolve_id(job_id) == ("jobs", "REQ-1")
    assert ledger.resolve_id(record_id("acme", "applications", 42)) == ("applications", "42")
    assert ledger.resolve_id("x" * 24) is None


def test_changes_survive_only_a_commit(tmp_path) -> None:
    path = str(tmp_path / "ledger.sqlite")
    ledger = Ledger.open(path, "acme")
    assert ledger.was_created
    ledger_id = ledger.ledger_id
    ledger.observe("candidates", candidate(1), remote_key="1", run_start=T0)
    ledger.commit()
    ledger.observe("candidates", candidate(2), remote_key="2", run_start=T0)
    ledger.rollback()
    ledger.close()

    reopened = Ledger.open(path, "acme")
    assert not reopened.was_created
    assert reopened.ledger_id == ledger_id
    assert reopened.count_live("candidates") == 1
    reopened.close()


def test_unreadable_or_other_tenant_ledger_is_moved_aside(tmp_path, caplog) -> None:
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    ledger = Ledger.open(str(path), "acme")
    assert ledger.was_created
    ledger.close()
    assert any(p.name.startswith("ledger.sqlite.unusable-") for p in tmp_path.iterdir())
    assert "starting a new one" in caplog.text

    other = Ledger.open(str(path), "globex")
    assert other.was_created
    other.close()


def test_fsspec_url_ledger_is_fetched_and_written_back() -> None:
    url = "memory://ledgers/test-ledger.sqlite"
    ledger = Ledger.open(url, "acme")
    ledger.observe("candidates", candidate(1), remote_key="1", run_start=T0)
    ledger.commit()
    ledger.close()
    filesystem = fsspec.filesystem("memory")
    assert filesystem.exists("/ledgers/test-ledger.sqlite")
    assert not [name for name in filesystem.ls("/ledgers") if "upload-" in str(name)]

    again = Ledger.open(url, "acme")
    assert not again.was_created
    assert again.count_live("candidates") == 1
    again.close()


def test_reset_tracking_keeps_the_index_and_idempotency(ledger) -> None:
    ledger.observe("candidates", candidate(1), remote_key="1", run_start=T0)
    ledger.index_ids([("a" * 24, "jobs", "REQ-1")])
    ledger.record_idempotency("key-1", {"status": "written"})
    ledger.reset_tracking()
    assert ledger.count_live("candidates") == 0
    assert ledger.was_created
    assert ledger.resolve_id("a" * 24) == ("jobs", "REQ-1")
    assert ledger.idempotency_outcome("key-1") == {"status": "written"}
