"""Add result link to application (model §4.7): assessment results become attributes."""

from __future__ import annotations

import re

from tap_paradox.target.actions.common import (
    ActionResult,
    WriteContext,
    get_row,
    record_ids,
    remote_body,
    stop_if_dry_run,
)
from tap_paradox.target.errors import ActionSkipped, InputInvalidError
from tap_paradox.target.http import CallBudget
from tap_paradox.target.inputs import PreparedInput


def slug(text: str) -> str:
    """Lower case, every run outside ``a-z0-9`` becomes ``_``, ``_`` trimmed at both ends."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def result_attributes(data: dict, default_prefix: str) -> dict[str, str]:
    """Return the attribute keys and values a result link writes."""
    details = data.get("details")
    prefix = slug(details["custom_field_name_prefix"]) if details else slug(default_prefix)
    if not prefix:
        field = "details.custom_field_name_prefix" if details else "result_link_prefix"
        raise InputInvalidError(f"{field} has no letters or digits", field=field)
    label = slug(data["label"])
    if not label:
        raise InputInvalidError("label has no letters or digits", field="label")
    attributes = {f"{prefix}_{label}_url": data["url"].strip()}
    for position, item in enumerate((details or {}).get("attributes") or []):
        key = slug(item["key"])
        if not key:
            where = f"details.attributes[{position}].key"
            raise InputInvalidError(f"{where} has no letters or digits", field=where)
        attributes[f"{prefix}_{key}"] = item["value"]
    return attributes


def add_result_link(ctx: WriteContext, prepared: PreparedInput, budget: CallBudget) -> ActionResult:
    """PATCH /candidate/attributes/{OID} unless the attributes already hold these values."""
    data = prepared.data
    oid = ctx.resolver.application_oid(data["application_id"], "application_id")
    ids = record_ids(ctx.settings.tenant_id, oid)
    attributes = result_attributes(data, ctx.settings.result_link_prefix)
    field_name = ctx.settings.result_link_field_map.get(data["label"])
    row = get_row(ctx, oid, budget)
    stored = row.get("attributes") or {}
    candidate = row.get("candidate") or {}
    unchanged = all(stored.get(k) == v for k, v in attributes.items())
    if unchanged and (field_name is None or candidate.get(field_name) == data["url"].strip()):
        raise ActionSkipped("UNCHANGED", ids=ids)
    stop_if_dry_run(ctx, ids)
    body = {"attributes": attributes, **remote_body(prepared)}
    ctx.client.patch(f"/candidate/attributes/{oid}", budget, body)
    if field_name:
        ctx.client.put(f"/candidates/{oid}", budget, {field_name: data["url"].strip()})
    return ActionResult("merged_attributes", ids)
