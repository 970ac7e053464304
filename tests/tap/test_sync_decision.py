"""When a run is full and when it is a delta (model §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from tap_paradox.sync_decision import decide_full_sync, state_bookmark

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
BOOKMARKED = {
    "bookmarks": {
        "candidates": {
            "replication_key": "remote_updated_at",
            "replication_key_value": "2026-02-28T10:00:00.000Z",
        },
        "applications": {
            "replication_key": "remote_updated_at",
            "replication_key_value": "2026-02-28T09:00:00.000Z",
        },
    },
    "ledger_id": "abc",
    "ledger_generation": 3,
}


@dataclass
class FakeLedger:
    ledger_id: str = "abc"
    generation: int = 3
    was_created: bool = False
    full_sync_at: datetime | None = NOW - timedelta(days=2)

    def last_full_sync(self, source: str) -> datetime | None:
        assert source == "candidates"
        return self.full_sync_at


def decide(state=BOOKMARKED, ledger=None, full_refresh=False, **config):
    return decide_full_sync(config, state, ledger or FakeLedger(), NOW, full_refresh=full_refresh)


def test_the_earliest_person_bookmark_is_the_one_used() -> None:
    assert state_bookmark(BOOKMARKED) == datetime(2026, 2, 28, 9, 0, tzinfo=timezone.utc)
    assert state_bookmark({}) is None


def test_a_consistent_recent_state_is_a_delta_run() -> None:
    decision = decide()
    assert not decision.is_full
    assert decision.bookmark == datetime(2026, 2, 28, 9, 0, tzinfo=timezone.utc)
    assert decision.warnings == ()


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"state": {}}, "no candidates bookmark"),
        ({"full_refresh": True}, "--full-refresh"),
        ({"sync_mode": "full"}, "sync_mode is full"),
        ({"ledger": FakeLedger(full_sync_at=NOW - timedelta(days=7))}, "older than 7 days"),
        ({"ledger": FakeLedger(full_sync_at=None)}, "records no full sync"),
        (
            {
                "ledger": FakeLedger(full_sync_at=NOW - timedelta(days=3)),
                "full_sync_interval_days": 3,
            },
            "older than 3 days",
        ),
    ],
)
def test_full_sync_rules(kwargs, reason) -> None:
    decision = decide(**kwargs)
    assert decision.is_full
    assert reason in decision.reason
    assert not decision.reset_ledger


def test_delta_mode_skips_the_scheduled_full_sync_only() -> None:
    old = FakeLedger(full_sync_at=NOW - timedelta(days=30))
    assert not decide(ledger=old, sync_mode="delta").is_full
    assert decide(state={}, sync_mode="delta").is_full


@pytest.mark.parametrize(
    ("ledger", "state", "warning", "reset"),
    [
        (FakeLedger(was_created=True), BOOKMARKED, "missing or unusable", False),
        (FakeLedger(ledger_id="other"), BOOKMARKED, "foreign ledger", True),
        (FakeLedger(generation=4), BOOKMARKED, "did not confirm", False),
        (FakeLedger(), {**BOOKMARKED, "ledger_id": None}, "names no ledger_id", False),
    ],
)
def test_an_untrustworthy_ledger_forces_a_full_sync_with_a_warning(
    ledger, state, warning, reset
) -> None:
    decision = decide(state=state, ledger=ledger)
    assert decision.is_full
    assert any(warning in text for text in decision.warnings)
    assert decision.reset_ledger is reset
    assert decision.bookmark is None


def test_unknown_sync_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="sync_mode"):
        decide(sync_mode="sometimes")
