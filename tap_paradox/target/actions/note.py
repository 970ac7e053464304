"""Add note to application (model §4.8): Paradox's PUT overwrites, so the target appends.

Paradox has no version check: a note written by someone else between our read and our PUT
is lost. The re-read after each PUT catches the reverse case (our entry replaced), which is
appended again, at most twice, before the record fails.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from tap_paradox.target import errors as codes
from tap_paradox.target.actions.common import (
    ActionResult,
    WriteContext,
    get_row,
    record_ids,
    remote_body,
    stop_if_dry_run,
)
from tap_paradox.target.errors import ActionError, ActionSkipped, InputInvalidError
from tap_paradox.target.http import CallBudget
from tap_paradox.target.inputs import PreparedInput

EXTRA_APPENDS = 2
_UTC_FIELD = re.compile(r"\{utc(?::([^}]*))?\}")


def note_header(template: str, now: datetime) -> str:
    """Fill ``{utc:<strftime>}`` (or ``{utc}``) in the header template with the write time."""
    return _UTC_FIELD.sub(lambda m: now.strftime(m.group(1) or "%Y-%m-%dT%H:%M:%SZ"), template)


def add_note(ctx: WriteContext, prepared: PreparedInput, budget: CallBudget) -> ActionResult:
    """Read the note, PUT the earlier text plus a new entry, re-read to confirm."""
    data, settings = prepared.data, ctx.settings
    oid = ctx.resolver.application_oid(data["application_id"], "application_id")
    ids = record_ids(settings.tenant_id, oid)
    content = data["content"].strip()
    if not content:
        raise InputInvalidError("content must be non-empty after trimming", field="content")
    existing = _note_of(get_row(ctx, oid, budget, note=True))
    # Known limitation: without the ledger's key (a new ledger_path) only a note that is still
    # the last entry is recognised as a replay; an older one is appended again.
    if "idempotency_key" not in data and existing.rstrip().endswith(content):
        raise ActionSkipped("DUPLICATE_INPUT", ids=ids)
    stop_if_dry_run(ctx, ids)
    entry = note_header(settings.note_header_template, datetime.now(timezone.utc)) + content
    for _attempt in range(1 + EXTRA_APPENDS):
        if settings.note_mode == "append":
            body_note = entry
        else:
            body_note = existing + settings.note_separator + entry if existing else entry
        ctx.client.put(f"/candidates/{oid}", budget, {"note": body_note, **remote_body(prepared)})
        existing = _note_of(get_row(ctx, oid, budget, note=True))
        if entry in existing:
            return ActionResult("appended_note", ids)
    msg = "the note entry was replaced by another writer after every append; not confirmed"
    raise ActionError(codes.UNKNOWN_HTTP_ERROR, msg, ids=ids)


def _note_of(row: dict) -> str:
    note = row.get("note")
    return note if isinstance(note, str) else ""
