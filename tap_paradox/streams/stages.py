"""The ``application_stages`` and ``job_stages`` streams (model §2.4, §2.6).

Both are derived from the application facts the candidate pass keeps in the ledger (every live
Paradox record's job, stage and journey) plus the ``stage_catalog`` setting, so a delta run sees
the whole picture without fetching more than the changed candidates.

* A stage is a (journey, stage, status) triple. It lives while an application sits in it, while
  ``stage_catalog`` declares it, and for ``stage_retention_days`` after it was last seen; only a
  full sync tombstones it (only a full sync knows every live application).
* A job's stages are the live stages of its current journey: the journey of its newest live
  application, else ``job_journey_map``, else ``default_journey``. Indexes follow the catalog
  order, then first-seen time, then name; a new stage is appended, so existing indexes never
  move. A journey switch tombstones the old journey's links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from tap_paradox.derived_ledger import DerivedLedger, StoredLink, StoredStage
from tap_paradox.ids import StageTriple, hashed_id, job_stage_remote_key
from tap_paradox.mapping.stages import (
    catalog_triples,
    map_application_stage,
    map_job_stage,
    stage_name,
)
from tap_paradox.streams.derived import DerivedStream, json_setting
from tap_paradox.streams.jobs import application_job_ids, feed_run_of
from tap_paradox.timestamps import format_timestamp

_UNKNOWN = object()


def observed_shape(triple: StageTriple, separator: str) -> dict[str, Any]:
    """The row keys a stage is read from, rebuilt from its names for ``remote_data``.

    The ledger keeps application facts, not raw rows (no personal data in it), so the first
    observation is given in the normalised form the stage identity uses.
    """
    return {
        "candidate": {
            "candidate_journey": triple.journey,
            "candidate_journey_status": stage_name(triple, separator),
        },
        "stage": {"name": triple.stage, "status": triple.status},
    }


class ApplicationStagesStream(DerivedStream):
    """Distinct stages of live applications, plus the declared ``stage_catalog``."""

    name = "application_stages"

    def get_records(self, context: dict | None) -> Iterator[dict[str, Any]]:
        """Emit new, changed and tombstoned stages (every live stage in a full sync)."""
        self.sync_run.ensure_candidate_pass()
        settings = self.sync_run.mapping
        derived = self.derived_ledger()
        stored = derived.stages()
        separator = settings.journey_status_separator
        catalog = catalog_triples(json_setting(self.config, "stage_catalog"), separator)
        catalog_ids = {triple.remote_id for triple in catalog}
        occupied = Counter(
            fact.stage_remote_id for fact in self.ledger.live_applications() if fact.stage_remote_id
        )
        current = {triple.remote_id: triple for triple in catalog}
        for remote_id in occupied:
            current.setdefault(remote_id, StageTriple.from_remote_id(remote_id))
        doomed = self._retained_or_doomed(stored, current)
        run_start = self.run_start_text

        def records() -> Iterator[tuple[dict[str, Any], str]]:
            for remote_id, triple in current.items():
                seen_now = remote_id in occupied or remote_id in catalog_ids
                derived.save_stage(
                    remote_id, triple.journey, seen_at=run_start, has_applications=seen_now
                )
                known = stored.get(remote_id)
                if known is None or not known.live:
                    derived.mark_journey_changed(triple.journey, run_start)
                ever_occupied = remote_id in occupied or (known and known.last_live_at)
                first_row = observed_shape(triple, separator) if ever_occupied else None
                yield map_application_stage(triple, first_row, settings), remote_id

        yield from self.observed(records())
        yield from self._tombstone(derived, doomed)

    def _retained_or_doomed(
        self, stored: dict[str, StoredStage], current: dict[str, StageTriple]
    ) -> list[tuple[str, str]]:
        """Keep recently seen empty stages in ``current``; return the ones to tombstone."""
        retention = timedelta(days=int(self.config.get("stage_retention_days", 30)))
        cutoff = format_timestamp(self.sync_run.run_start - retention)
        full = self.sync_run.is_full_sync
        doomed = []
        for remote_id, stage in stored.items():
            if not stage.live or remote_id in current:
                continue
            last_seen = stage.last_live_at or stage.first_seen
            # Only a full sync knows every live application, so only it may call a stage empty.
            if full and last_seen < cutoff:
                doomed.append((hashed_id(self.sync_run.tenant_id, self.name, remote_id), remote_id))
            else:
                current[remote_id] = StageTriple.from_remote_id(remote_id)
        return doomed

    def _tombstone(self, derived: DerivedLedger, doomed: list[tuple[str, str]]) -> Iterator[dict]:
        if self.sync_run.is_full_sync:
            # Ledger entries the derived tables do not know (an older ledger): also gone.
            known = {remote_id for _, remote_id in doomed}
            unseen = self.ledger.live_unseen(self.name, run_start=self.sync_run.run_start)
            doomed = doomed + [pair for pair in unseen if pair[1] not in known]
        self.guard_mass_deletion(len(doomed))
        run_start = self.run_start_text
        for tombstone in self.tombstones(doomed):
            derived.mark_stage_deleted(tombstone["remote_id"])
            journey = tombstone.get("custom_fields", {}).get("candidate_journey")
            if journey is None:
                journey = StageTriple.from_remote_id(tombstone["remote_id"]).journey
            derived.mark_journey_changed(journey, run_start)
            yield tombstone


class JobStagesStream(DerivedStream):
    """Links from each job to the stages of its current journey, with stable indexes."""

    name = "job_stages"

    def get_records(self, context: dict | None) -> Iterator[dict[str, Any]]:
        """Emit new, changed and tombstoned links (every live link in a full sync)."""
        self.sync_run.ensure_candidate_pass()
        derived = self.derived_ledger()
        separator = self.sync_run.mapping.journey_status_separator
        catalog = catalog_triples(json_setting(self.config, "stage_catalog"), separator)
        self._stages = self._journey_stages(derived.stages(), catalog)
        newest = self._newest_journeys()
        journey_map = json_setting(self.config, "job_journey_map") or {}
        default_journey = self.config.get("default_journey") or None
        live_jobs = self._live_jobs(derived) | set(newest)
        jobs = live_jobs | derived.jobs_with_live_links()
        stored_journeys = derived.job_journeys()
        changed = derived.journeys_changed_at(self.run_start_text)
        for job in sorted(jobs):
            journey = None
            if job in live_jobs:
                journey = newest.get(job) or journey_map.get(job) or default_journey
            previous = stored_journeys.get(job, _UNKNOWN)
            if self.sync_run.is_full_sync or journey != previous or journey in changed:
                yield from self._relink(derived, job, journey)
                derived.set_job_journey(job, journey)

    def _live_jobs(self, derived: DerivedLedger) -> set[str]:
        """Jobs in the feed now (last known feed jobs when it is unreadable) and live stubs."""
        feed_run = feed_run_of(self)
        try:
            feed_ids = feed_run.job_ids(self.logger)
        finally:
            feed_run.done(self.name)
        if feed_ids is None:
            feed_ids = derived.feed_job_ids() & set(derived.live_job_ids())
        return feed_ids | application_job_ids(self)

    def _journey_stages(
        self, stored: dict[str, StoredStage], catalog: list[StageTriple]
    ) -> dict[str, list[StageTriple]]:
        """Each journey's live stages in index order: catalog first, then first seen, name."""
        by_journey: dict[str, list[StageTriple]] = {}
        for triple in catalog:
            by_journey.setdefault(triple.journey, []).append(triple)
        catalog_ids = {triple.remote_id for triple in catalog}
        others = sorted(
            (
                stage
                for stage in stored.values()
                if stage.live and stage.remote_id not in catalog_ids
            ),
            key=lambda stage: (stage.first_seen, StageTriple.from_remote_id(stage.remote_id).name),
        )
        for stage in others:
            triple = StageTriple.from_remote_id(stage.remote_id)
            by_journey.setdefault(triple.journey, []).append(triple)
        return by_journey

    def _newest_journeys(self) -> dict[str, str]:
        """Each job's journey of its newest live application (latest created, then OID)."""
        newest: dict[str, tuple[str, int, str]] = {}
        for fact in self.ledger.live_applications():
            job = (fact.job_remote_id or "").strip()
            if not job or not fact.journey:
                continue
            key = (fact.remote_created_at or "", fact.oid, fact.journey)
            if job not in newest or key[:2] > newest[job][:2]:
                newest[job] = key
        return {job: key[2] for job, key in newest.items()}

    def _relink(self, derived: DerivedLedger, job: str, journey: str | None) -> Iterator[dict]:
        links = derived.links(job)
        wanted = self._stages.get(journey, []) if journey is not None else []
        wanted_ids = {triple.remote_id for triple in wanted}
        positions = _stable_positions(links, wanted, journey)
        settings = self.sync_run.mapping

        def records() -> Iterator[tuple[dict[str, Any], str]]:
            for triple in wanted:
                position = positions[triple.remote_id]
                derived.save_link(job, triple.remote_id, triple.journey, position, live=True)
                key = job_stage_remote_key(job, triple.remote_id)
                yield map_job_stage(job, triple, position, settings), key

        yield from self.observed(records())
        doomed = []
        for stage_id, link in links.items():
            if link.live and stage_id not in wanted_ids:
                derived.save_link(job, stage_id, link.journey, link.position, live=False)
                key = job_stage_remote_key(job, stage_id)
                doomed.append((hashed_id(self.sync_run.tenant_id, self.name, key), key))
        yield from self.tombstones(doomed)


def _stable_positions(
    links: dict[str, StoredLink], wanted: list[StageTriple], journey: str | None
) -> dict[str, int]:
    """Keep every stored index of this journey; append new stages after the highest one."""
    wanted_ids = {triple.remote_id for triple in wanted}
    positions = {
        stage_id: link.position
        for stage_id, link in links.items()
        if link.journey == journey and stage_id in wanted_ids
    }
    next_position = 1 + max(
        (link.position for link in links.values() if link.journey == journey), default=-1
    )
    for triple in wanted:
        if triple.remote_id not in positions:
            positions[triple.remote_id] = next_position
            next_position += 1
    return positions
