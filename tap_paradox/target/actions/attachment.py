"""Add attachment to application (model §4.5): the new CV replaces the stored one."""

from __future__ import annotations

from tap_paradox.target.actions.common import (
    ActionResult,
    WriteContext,
    record_ids,
    remote_body,
    stop_if_dry_run,
)
from tap_paradox.target.attachments import prepare_resume
from tap_paradox.target.errors import InputInvalidError
from tap_paradox.target.http import CallBudget
from tap_paradox.target.inputs import PreparedInput


def add_attachment(ctx: WriteContext, prepared: PreparedInput, budget: CallBudget) -> ActionResult:
    """PUT /candidates/{OID} with ``resume`` and ``resume_file_name``."""
    data = prepared.data
    oid = ctx.resolver.application_oid(data["application_id"], "application_id")
    ids = record_ids(ctx.settings.tenant_id, oid)
    attachment = data["attachment"]
    if attachment["type"] != "CV":
        msg = "attachment.type: only CV attachments are supported (Paradox stores one CV)"
        raise InputInvalidError(msg, field="attachment.type")
    resume = prepare_resume(
        attachment, "attachment", max_bytes=ctx.settings.resume_max_bytes, fetch=ctx.fetch
    )
    stop_if_dry_run(ctx, ids)
    ctx.client.put(f"/candidates/{oid}", budget, {**resume.body(), **remote_body(prepared)})
    return ActionResult("replaced_cv", ids)
