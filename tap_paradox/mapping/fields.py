"""``custom_fields`` and ``integration_fields`` of candidate rows (model §1.4)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tap_paradox.ids import hashed_id, integration_field_remote_key
from tap_paradox.mapping.coerce import as_flag, as_int, as_text, attributes_of, candidate_of
from tap_paradox.mapping.enums import record_status_label
from tap_paradox.timestamps import normalise_timestamp

# Candidate keys whose custom-field value is not plain text. Everything else is stripped text;
# `status` is shown by its label (model §1.4 `paradox_status`).
CANDIDATE_KEY_TYPES = {
    "OID": "integer",
    "location_id": "integer",
    "source": "integer",
    "viewed": "integer",
    "completed": "integer",
    "hired_date": "date-time",
    "created_at": "date-time",
    "updated_at": "date-time",
}
_FLAG_KEYS = frozenset({"viewed", "completed"})


def candidate_value(key: str, value: object) -> object:
    """Return a ``candidate.<key>`` value as a custom field: typed where the contract types it."""
    if key == "status":
        return record_status_label(value)
    kind = CANDIDATE_KEY_TYPES.get(key, "string")
    if key in _FLAG_KEYS:
        return as_flag(value)
    if kind == "integer":
        return as_int(value)
    if kind == "date-time":
        return normalise_timestamp(value)
    return as_text(value)


def attribute_value(value: object) -> str | None:
    """Return an attribute value: Paradox sends strings; "" and null both mean no value."""
    if isinstance(value, str):
        return value if value.strip() else None
    return as_text(value)


def custom_fields_for_row(row: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
    """Resolve ``{unified_key: source_path}`` on a row; a key exists only if its source does."""
    candidate = candidate_of(row)
    attributes = attributes_of(row)
    fields: dict[str, Any] = {}
    # Wildcards first, so that a named entry wins over an expanded one with the same key.
    ordered = sorted(sources.items(), key=lambda item: not item[1].endswith(".*"))
    for unified_key, path in ordered:
        source, _, key = path.partition(".")
        if source == "attributes" and key == "*":
            for name, value in attributes.items():
                fields[unified_key.replace("*", str(name))] = attribute_value(value)
        elif source == "attributes" and key in attributes:
            fields[unified_key] = attribute_value(attributes[key])
        elif source == "candidate" and key in candidate:
            fields[unified_key] = candidate_value(key, candidate[key])
    return fields


def integration_fields_for_row(
    row: Mapping[str, Any], paths: Iterable[str], tenant_id: str
) -> list[dict[str, Any]]:
    """Return integration fields: DEFAULT ones in setting order, then CUSTOM ones by key."""
    candidate = candidate_of(row)
    attributes = attributes_of(row)
    defaults: dict[str, Any] = {}
    customs: dict[str, Any] = {}
    for path in paths:
        source, _, key = path.partition(".")
        if source == "candidate" and key in candidate and key not in defaults:
            defaults[key] = as_text(candidate[key])
        elif source == "attributes" and key == "*":
            customs.update({str(name): attribute_value(v) for name, v in attributes.items()})
        elif source == "attributes" and key in attributes:
            customs[key] = attribute_value(attributes[key])
    items = [_item(tenant_id, "DEFAULT", key, value) for key, value in defaults.items()]
    items += [_item(tenant_id, "CUSTOM", key, customs[key]) for key in sorted(customs)]
    return items


def _item(tenant_id: str, field_type: str, key: str, value: object) -> dict[str, Any]:
    remote_key = integration_field_remote_key(field_type, key)
    return {
        "id": hashed_id(tenant_id, "integration_fields", remote_key),
        "key": key,
        "type": field_type,
        "value": value,
        "label": None,
    }
