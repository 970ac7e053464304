"""Base class of the streams the tap computes itself: jobs, job postings, stages, job stages.

None of them is a REST resource: they come from the job feed and from the application facts
that the candidate pass leaves in the ledger. Each record goes through ``ledger.observe``, which
sets ``changed_at`` from the record's fingerprint, so a delta run emits only what is new, changed
or tombstoned, and a full sync emits everything. Every emitted id is added to the ledger's id
index, through which the target resolves job and stage ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from singer_sdk.streams import Stream

from tap_paradox.derived_ledger import DerivedLedger
from tap_paradox.timestamps import format_timestamp

if TYPE_CHECKING:
    from tap_paradox.ledger import Ledger
    from tap_paradox.sync_run import SyncRun

INDEX_BATCH = 1000


class DerivedStream(Stream):
    """A stream computed by the tap and change-tracked through the ledger."""

    primary_keys: ClassVar[list[str]] = ["id"]
    replication_key = "changed_at"
    # Change detection decides what is emitted; the SDK's replication-key filter must not.
    is_sorted = False

    @property
    def schema(self) -> dict:
        """The stream's schema: the input catalog's when given, else discovered lazily."""
        return self._tap.catalog_schemas.schema(self.name)

    @property
    def sync_run(self) -> SyncRun:
        """The tap's current sync run (run start, ledger, mapping settings)."""
        return self._tap.sync_run

    @property
    def ledger(self) -> Ledger:
        """The change-tracking ledger of this run."""
        return self.sync_run.ledger

    @property
    def run_start_text(self) -> str:
        """The run start in the unified timestamp form, as stored in the derived tables."""
        return format_timestamp(self.sync_run.run_start)

    def derived_ledger(self) -> DerivedLedger:
        """The derived streams' own tables, on the ledger's connection."""
        sync_run = self.sync_run
        derived = DerivedLedger(sync_run.ledger.connection)
        forgotten = sync_run.ledger.was_created or sync_run.decision.reset_ledger
        if forgotten and not sync_run.derived_tables_reset:
            # A new or foreign ledger forgot every record; the derived tables must forget too.
            derived.reset()
            sync_run.derived_tables_reset = True
        return derived

    def observed(self, records: Iterable[tuple[dict[str, Any], str]]) -> Iterator[dict[str, Any]]:
        """Run each ``(record, remote_key)`` through the ledger; yield those to emit.

        In a delta run only new or changed records are emitted; in a full sync all of them.
        """
        full = self.sync_run.is_full_sync
        run_start = self.sync_run.run_start
        pending: list[tuple[str, str, str]] = []
        for record, remote_key in records:
            changed = self.ledger.observe(
                self.name, record, remote_key=remote_key, run_start=run_start
            )
            if changed or full:
                pending.append((record["id"], self.name, remote_key))
                if len(pending) >= INDEX_BATCH:
                    self.ledger.index_ids(pending)
                    pending = []
                yield record
        if pending:
            self.ledger.index_ids(pending)

    def tombstones(self, record_ids: Iterable[tuple[str, str]]) -> Iterator[dict[str, Any]]:
        """Tombstone each ``(id, remote_key)``; yield the tombstones not emitted before."""
        run_start = self.sync_run.run_start
        for record_id, remote_key in record_ids:
            tombstone = self.ledger.tombstone(self.name, record_id, run_start=run_start)
            if tombstone is not None:
                # The ledger keeps no remote_data copy; every field stays present as a key.
                tombstone.setdefault("remote_data", None)
                self.ledger.index_ids([(record_id, self.name, remote_key)])
                yield tombstone

    def guard_mass_deletion(self, doomed: int) -> None:
        """Stop before tombstoning more than ``max_deletion_ratio`` of the stream's live records."""
        if doomed:
            self.sync_run.guard_mass_deletion(self.name, doomed, self.ledger.count_live(self.name))


def json_setting(config: Mapping[str, Any], name: str) -> Any:
    """Read an object or array setting, which Meltano may pass as JSON text."""
    value = config.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else None
        except json.JSONDecodeError as error:
            msg = f"setting {name} is not valid JSON: {error.msg} at position {error.pos}"
            raise ValueError(msg) from None
    return value
