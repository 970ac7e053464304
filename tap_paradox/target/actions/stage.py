"""Move application to stage (model §4.6)."""

from __future__ import annotations

from tap_paradox.mapping.stages import stage_name
from tap_paradox.target.actions.common import (
    ActionResult,
    WriteContext,
    current_triple,
    get_row,
    record_ids,
    remote_body,
    scan_job_stages,
    stop_if_dry_run,
)
from tap_paradox.target.errors import ActionSkipped
from tap_paradox.target.http import CallBudget
from tap_paradox.target.inputs import PreparedInput


def move_stage(ctx: WriteContext, prepared: PreparedInput, budget: CallBudget) -> ActionResult:
    """GET the record; skip when already there; else PUT ``candidate_journey_status``."""
    data = prepared.data
    oid = ctx.resolver.application_oid(data["application_id"], "application_id")
    row = get_row(ctx, oid, budget)
    candidate = row.get("candidate") or {}
    job_req_id = str(candidate.get("job_req_id") or "").strip()
    target = ctx.resolver.stage(
        data["stage_id"], "stage_id", scan=lambda: scan_job_stages(ctx, job_req_id, budget)
    )
    ids = record_ids(ctx.settings.tenant_id, oid, stage_id=ctx.resolver.stage_id(target))
    current = current_triple(ctx, row)
    if current == target:
        raise ActionSkipped("ALREADY_IN_STAGE", ids=ids)
    body = {"candidate_journey_status": stage_name(target, ctx.settings.journey_status_separator)}
    current_journey = current.journey if current else str(candidate.get("candidate_journey") or "")
    if target.journey and target.journey != current_journey:
        body["candidate_journey"] = target.journey
    stop_if_dry_run(ctx, ids)
    ctx.client.put(f"/candidates/{oid}", budget, {**body, **remote_body(prepared)})
    ctx.resolver.remember_stage(target)
    return ActionResult("moved", ids)
