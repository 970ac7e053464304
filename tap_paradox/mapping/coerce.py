"""Read Paradox's loose values: absent, null and "" all mean "no value" (contract §7).

Ints may arrive as numeric strings and 0/1 flags as booleans; these helpers coerce only where
the reading is unambiguous and otherwise return ``None`` (the raw value stays in ``remote_data``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_INTEGER_TEXT = re.compile(r"^[+-]?\d+$")
_FLAG_TEXTS = {"1": 1, "0": 0, "true": 1, "false": 0, "yes": 1, "no": 0}


class InvalidRowError(ValueError):
    """A payload cannot be mapped at all (e.g. a row without ``candidate.OID``)."""


def as_text(value: object) -> str | None:
    """Return stripped text; ``None`` for absent, null, blank or non-scalar values."""
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 4695550142.0 is the number 4695550142, not "4695550142.0"
    text = str(value).strip()
    return text or None


def as_int(value: object) -> int | None:
    """Return an int from an int, an integral float or a numeric string; else ``None``."""
    if isinstance(value, bool):
        return None  # True/False as a number is a guess, not a coercion
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER_TEXT.match(value.strip()):
        return int(value.strip())
    return None


def as_flag(value: object) -> int | None:
    """Return a 0/1 flag from 0/1, booleans or their usual texts; else ``None``."""
    if isinstance(value, bool):
        return int(value)
    number = as_int(value)
    if number in (0, 1):
        return number
    if isinstance(value, str):
        return _FLAG_TEXTS.get(value.strip().lower())
    return None


def first_value(value: object) -> object:
    """Return the first item of a repeated feed element, or the value itself."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def candidate_of(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return ``row.candidate``; raise :class:`InvalidRowError` when it is missing."""
    candidate = row.get("candidate") if isinstance(row, Mapping) else None
    if not isinstance(candidate, Mapping):
        msg = "row has no 'candidate' object"
        raise InvalidRowError(msg)
    return candidate


def oid_of(row: Mapping[str, Any]) -> int:
    """Return ``candidate.OID`` as an int; raise :class:`InvalidRowError` when unusable."""
    oid = as_int(candidate_of(row).get("OID"))
    if oid is None or oid < 0:
        msg = "row has no usable candidate.OID (absent, null or not a non-negative integer)"
        raise InvalidRowError(msg)
    return oid


def attributes_of(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return ``row.attributes`` or an empty mapping when absent or not an object."""
    attributes = row.get("attributes")
    return attributes if isinstance(attributes, Mapping) else {}
