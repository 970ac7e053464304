"""Whether a run is a delta or a full sync (model §3), decided once from state and ledger."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tap_paradox.timestamps import parse_timestamp

if TYPE_CHECKING:
    from tap_paradox.ledger import Ledger

BOOKMARKED_STREAMS = ("candidates", "applications")
SYNC_MODES = ("auto", "delta", "full")


@dataclass(frozen=True)
class FullSyncDecision:
    """The outcome, why, the bookmark a delta run starts from, and what to warn about."""

    is_full: bool
    reason: str
    bookmark: datetime | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    reset_ledger: bool = False


def state_bookmark(state: Mapping[str, Any]) -> datetime | None:
    """Return the earliest candidates/applications bookmark in the state, or ``None``."""
    bookmarks = state.get("bookmarks") or {}
    values = []
    for stream in BOOKMARKED_STREAMS:
        stream_state = bookmarks.get(stream) or {}
        if stream_state.get("replication_key") == "remote_updated_at":
            parsed = parse_timestamp(stream_state.get("replication_key_value"))
            if parsed is not None:
                values.append(parsed)
    return min(values) if values else None


def decide_full_sync(  # noqa: PLR0911 - one return per rule of model §3
    config: Mapping[str, Any],
    state: Mapping[str, Any],
    ledger: Ledger,
    run_start: datetime,
    *,
    full_refresh: bool = False,
) -> FullSyncDecision:
    """Decide: full when asked, without a bookmark, with a new/foreign ledger, or when due."""
    mode = str(config.get("sync_mode") or "auto")
    if mode not in SYNC_MODES:
        msg = f"sync_mode must be one of {list(SYNC_MODES)}, got {mode!r}"
        raise ValueError(msg)
    bookmark = state_bookmark(state)
    state_ledger_id = state.get("ledger_id")
    ledger_problem = _ledger_problem(state, ledger, bookmark)
    if ledger_problem:
        foreign = bool(state_ledger_id) and state_ledger_id != ledger.ledger_id
        return FullSyncDecision(
            True,
            ledger_problem,
            None,
            (f"{ledger_problem}: running a full sync",),
            reset_ledger=foreign and not ledger.was_created,
        )
    if full_refresh:
        return FullSyncDecision(True, "--full-refresh was given")
    if mode == "full":
        return FullSyncDecision(True, "sync_mode is full")
    if bookmark is None:
        return FullSyncDecision(True, "the state has no candidates bookmark")
    if mode == "auto":
        last_full = ledger.last_full_sync("candidates")
        interval = timedelta(days=float(config.get("full_sync_interval_days", 7)))
        if last_full is None:
            return FullSyncDecision(True, "the ledger records no full sync", bookmark)
        if run_start - last_full >= interval:
            return FullSyncDecision(
                True, f"the last full sync is older than {interval.days} days", bookmark
            )
    return FullSyncDecision(False, f"bookmark {bookmark.isoformat()}", bookmark)


def _ledger_problem(
    state: Mapping[str, Any], ledger: Ledger, bookmark: datetime | None
) -> str | None:
    # Only a run that continues from state can be misled by the ledger; a run without any
    # bookmark is a full sync anyway.
    if bookmark is None:
        return None
    state_ledger_id = state.get("ledger_id")
    if ledger.was_created:
        return "the ledger was missing or unusable and has been recreated"
    if not state_ledger_id:
        return "the state names no ledger_id, so the ledger cannot be trusted"
    if state_ledger_id != ledger.ledger_id:
        return "the ledger is not the one this state was written with (foreign ledger)"
    state_generation = state.get("ledger_generation")
    if state_generation is not None and int(state_generation) != ledger.generation:
        return (
            f"the ledger is at run {ledger.generation} but the state at run {state_generation} "
            "(a loader did not confirm the last run, or the ledger was restored)"
        )
    return None
