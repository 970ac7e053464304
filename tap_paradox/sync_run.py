"""One sync run: its start time, ledger, full-or-delta decision and the single candidate pass.

``TapParadox.sync_run`` builds one per tap instance. Every stream that needs candidate rows calls
:meth:`SyncRun.ensure_candidate_pass`; the pass runs once, maps each unique row into a candidate
and an application, records them in the ledger and spools them to temp files, which the
``candidates`` and ``applications`` streams then replay. :meth:`finish` commits the ledger only
after every stream has finished, so a failed run never records what it did not emit.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import IO, Any, Protocol

from tap_paradox.candidate_pass import CandidatePass, PassOptions
from tap_paradox.errors import ParadoxError
from tap_paradox.ids import default_tenant_id, record_id
from tap_paradox.ledger import Ledger
from tap_paradox.mapping.applications import map_application
from tap_paradox.mapping.candidates import map_candidate
from tap_paradox.mapping.coerce import as_text
from tap_paradox.mapping.settings import MappingSettings
from tap_paradox.mapping.stages import stage_of_row
from tap_paradox.settings import DEFAULT_LEDGER_PATH
from tap_paradox.sync_decision import FullSyncDecision, decide_full_sync
from tap_paradox.timestamps import format_filter_timestamp, parse_timestamp

LOGGER = logging.getLogger("tap_paradox")
PERSON_STREAMS = ("candidates", "applications")
DEFAULT_STAGE_KEYS = ("name", "status")


class MassDeletionError(ParadoxError):
    """A run would tombstone more than ``max_deletion_ratio`` of a stream's live records."""

    code = "PLATFORM.INPUT_INVALID"


class CandidateSource(Protocol):
    """The HTTP side of the pass (implemented by the candidates stream)."""

    def list_page(self, params: Mapping[str, Any]) -> Mapping[str, Any]:
        """Return one ``GET /candidates`` answer."""

    def lookup(self, oid: int) -> Mapping[str, Any] | None:
        """Return the row of ``GET /candidates/{oid}``, or ``None`` when Paradox says not found."""


def tenant_id_of(config: Mapping[str, Any]) -> str:
    """Return the configured tenant id, else the one derived from the Account ID."""
    return str(config.get("tenant_id") or default_tenant_id(str(config["client_id"])))


def _stage_keys(config: Mapping[str, Any]) -> tuple[str, str]:
    keys = tuple(part.strip() for part in str(config.get("stage_keys") or "name,status").split(","))
    if len(keys) != 2 or not all(keys):
        msg = f"stage_keys must name two keys, stage then status, e.g. name,status; got {keys}"
        raise ValueError(msg)
    return keys  # type: ignore[return-value]


class SyncRun:
    """State shared by every stream of one tap run."""

    def __init__(
        self,
        config: Mapping[str, Any],
        state: Mapping[str, Any],
        source: CandidateSource,
        *,
        full_refresh: bool = False,
        allow_mass_delete: bool = False,
        dry_run: bool = False,
        logger: logging.Logger = LOGGER,
    ) -> None:
        """Open the ledger and decide between a delta and a full sync."""
        self.run_start = datetime.now(timezone.utc)
        self.config = config
        self.tenant_id = tenant_id_of(config)
        self.mapping = MappingSettings.from_config(config, self.tenant_id)
        self._stage_keys = _stage_keys(config)
        self.logger = logger
        self._source = source
        self.allow_mass_delete = allow_mass_delete or bool(config.get("allow_mass_delete"))
        # A dry run works on a private copy: it reads what the ledger knows, and neither
        # locks nor changes it.
        self.ledger = Ledger.open(
            str(config.get("ledger_path") or DEFAULT_LEDGER_PATH), self.tenant_id, scratch=dry_run
        )
        self.decision: FullSyncDecision = decide_full_sync(
            config, state, self.ledger, self.run_start, full_refresh=full_refresh
        )
        for warning in self.decision.warnings:
            logger.warning("%s", warning)
        if self.decision.reset_ledger:
            self.ledger.reset_tracking()
        self.is_full_sync = self.decision.is_full
        self.cutoff = self._cutoff(config)
        logger.info(
            "This run is a %s sync (%s)",
            "full" if self.is_full_sync else "delta",
            self.decision.reason,
        )
        self.touched_job_ids: set[str] = set()
        self.touched_stage_ids: set[str] = set()
        # Set by the derived streams: the run's one job-feed download (a streams.jobs.FeedRun),
        # whether their tables were reset for a forgotten ledger, and the streams that failed
        # but let the others finish (the tap fails the run at its end when there are any).
        self.feed_run: Any = None
        self.derived_tables_reset = False
        self.stream_failures: list[str] = []
        self._spools: dict[str, IO[str]] = {}
        self._pass_done = False
        self._finished = False

    def _cutoff(self, config: Mapping[str, Any]) -> datetime | None:
        """Oldest ``updated_at`` read: bookmark minus lookback, never before start_date."""
        start_date = parse_timestamp(config.get("start_date"))
        bookmark = None if self.is_full_sync else self.decision.bookmark
        if bookmark is not None:
            bookmark -= timedelta(minutes=int(config.get("lookback_minutes", 15)))
        bounds = [moment for moment in (bookmark, start_date) if moment is not None]
        # Whole seconds: the filter is sent as YYYY-MM-DDTHH:MM:SSZ, and truncating only widens.
        return max(bounds).replace(microsecond=0) if bounds else None

    def state_markers(self) -> dict[str, Any]:
        """Return what Singer state records about the ledger (no personal data)."""
        return {"ledger_id": self.ledger.ledger_id, "ledger_generation": self.next_generation}

    @property
    def next_generation(self) -> int:
        """The ledger generation this run writes when it completes."""
        return self.ledger.generation + 1

    # The candidate pass

    def ensure_candidate_pass(self) -> None:
        """Run the single ``GET /candidates`` pass (and deletion checks) once per run."""
        if self._pass_done:
            return
        for stream in PERSON_STREAMS:
            # Closed in finish()/abort(); the files vanish on close (personal data on disk).
            self._spools[stream] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        candidate_pass = CandidatePass(self._source.list_page, self._pass_options(), self.logger)
        accepted = dropped = 0
        for oid, row in candidate_pass.rows():
            if self._accept_row(oid, row):
                accepted += 1
            else:
                dropped += 1
        stats = candidate_pass.stats
        self.logger.info(
            "Candidate pass: %d pages, %d rows, %d unique, %d repeats, %d step-backs, "
            "%d skipped rows, %d emitted, %d older than %s dropped",
            stats.pages,
            stats.rows,
            stats.unique,
            stats.repeats,
            stats.step_backs,
            stats.skipped,
            accepted,
            dropped,
            self.cutoff,
        )
        if self.is_full_sync:
            self._find_deletions()
        self._pass_done = True

    def _pass_options(self) -> PassOptions:
        config = self.config
        params: dict[str, str] = {"include_attributes": "Yes", "note": "true"}
        if config.get("include_conversation"):
            params["conversation"] = "true"
        if config.get("include_interviews"):
            params["interviews"] = "true"
        filter_param = str(config.get("incremental_params") or "start_date")
        if self.cutoff is not None and filter_param.lower() != "off":
            params[filter_param] = format_filter_timestamp(self.cutoff)
        return PassOptions(
            page_size=int(config.get("page_size", 50)),
            overlap=int(config.get("page_overlap", 5)),
            stop_rule=str(config.get("stop_rule") or "both"),
            params=params,
        )

    def _accept_row(self, oid: int, row: Mapping[str, Any]) -> bool:
        """Map, record and spool one row; False when it is older than the cutoff or unusable."""
        if not self._within_cutoff(row["candidate"].get("updated_at")):
            for stream in PERSON_STREAMS:
                self.ledger.mark_seen(stream, str(oid), run_start=self.run_start)
            return False
        row = self._normalised_stage(row)
        try:
            records = {
                "candidates": map_candidate(row, self.mapping),
                "applications": map_application(row, self.mapping),
            }
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            # The row is set aside; only its OID and the error type are logged (no PII).
            self.logger.warning("Set aside candidate OID %d: %s", oid, type(error).__name__)
            return False
        for stream, record in records.items():
            self.ledger.observe(stream, record, remote_key=str(oid), run_start=self.run_start)
            self._spools[stream].write(json.dumps(record, default=str) + "\n")
        self._record_application_facts(oid, row)
        return True

    def _within_cutoff(self, updated_at: object) -> bool:
        # The SDK does not filter, and Paradox may ignore start_date: the tap drops old rows.
        if self.cutoff is None:
            return True
        updated = parse_timestamp(updated_at)
        return updated is not None and updated >= self.cutoff

    def _normalised_stage(self, row: Mapping[str, Any]) -> Mapping[str, Any]:
        stage = row.get("stage")
        if self._stage_keys == DEFAULT_STAGE_KEYS or not isinstance(stage, Mapping):
            return row
        # stage_keys names another reading of the stage object (contract §8 #7).
        name_key, status_key = self._stage_keys
        return {
            **row,
            "stage": {**stage, "name": stage.get(name_key), "status": stage.get(status_key)},
        }

    def _record_application_facts(self, oid: int, row: Mapping[str, Any]) -> None:
        candidate = row["candidate"]
        triple = stage_of_row(row, self.mapping.journey_status_separator)
        job = as_text(candidate.get("job_req_id"))
        stage = triple.remote_id if triple is not None else None
        self.ledger.put_application(
            oid,
            job_remote_id=job,
            stage_remote_id=stage,
            journey=triple.journey if triple is not None and triple.journey else None,
            remote_created_at=candidate.get("created_at"),
            run_start=self.run_start,
        )
        if job:
            self.touched_job_ids.add(job)
        if stage:
            self.touched_stage_ids.add(stage)

    # Deletions (full sync only)

    def _find_deletions(self) -> None:
        unseen = list(self.ledger.live_unseen("candidates", run_start=self.run_start))
        confirmed: list[int] = []
        for _record_id, remote_key in unseen:
            row = self._source.lookup(int(remote_key))
            if row is None:
                confirmed.append(int(remote_key))
            else:
                # Answered normally: the pass missed it (data moved under it), so read it now.
                self._accept_row(int(remote_key), row)
        live = self.ledger.count_live("candidates")
        self.logger.info(
            "Deletion check: %d candidates unseen, %d confirmed deleted of %d live",
            len(unseen),
            len(confirmed),
            live,
        )
        self.guard_mass_deletion("candidates", len(confirmed), live)
        for oid in confirmed:
            self._tombstone(oid)

    def guard_mass_deletion(self, stream: str, doomed: int, live: int) -> None:
        """Raise before tombstoning more than ``max_deletion_ratio`` of a stream's live records."""
        if not doomed or not live or self.allow_mass_delete:
            return
        ratio = float(self.config.get("max_deletion_ratio", 0.2))
        if doomed > ratio * live:
            msg = (
                f"{stream}: this run would tombstone {doomed} of {live} live records "
                f"({doomed / live:.0%}), above max_deletion_ratio={ratio}; no tombstone was "
                "emitted. Check the API account, filters and job feed, or set allow_mass_delete "
                "(--allow-mass-delete) if the deletions are real"
            )
            raise MassDeletionError(msg)

    def _tombstone(self, oid: int) -> None:
        fact = self.ledger.application_fact(oid)
        for stream in PERSON_STREAMS:
            record_id = self._record_id(stream, oid)
            record = self.ledger.tombstone(stream, record_id, run_start=self.run_start)
            if record is not None:
                self._spools[stream].write(json.dumps(record, default=str) + "\n")
        if fact is not None:
            self.touched_job_ids.update([fact.job_remote_id] if fact.job_remote_id else [])
            self.touched_stage_ids.update([fact.stage_remote_id] if fact.stage_remote_id else [])
        self.ledger.drop_application(oid)

    def _record_id(self, stream: str, oid: int) -> str:
        return record_id(self.tenant_id, stream, oid)

    def spooled_records(self, stream: str) -> Iterator[dict[str, Any]]:
        """Replay the records the pass spooled for ``candidates`` or ``applications``."""
        self.ensure_candidate_pass()
        spool = self._spools[stream]
        spool.flush()
        spool.seek(0)
        for line in spool:
            yield json.loads(line)

    # End of run

    def finish(self) -> None:
        """Record the full sync, commit the ledger and write it back; drop the spools."""
        if self._finished:
            return
        self._finished = True
        try:
            if self._pass_done and self.is_full_sync:
                self.ledger.mark_full_sync("candidates", self.run_start)
            self.ledger.set_generation(self.next_generation)
            self.ledger.commit()
        finally:
            self._close()

    def abort(self) -> None:
        """Drop this run's ledger changes (the run failed) and the spools."""
        if self._finished:
            return
        self._finished = True
        self.ledger.rollback()
        self._close()

    def _close(self) -> None:
        for spool in self._spools.values():
            spool.close()
        self._spools.clear()
        self.ledger.close()
