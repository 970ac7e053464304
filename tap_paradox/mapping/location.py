"""Location value objects of candidates and feed jobs (model §1.5, §2.1, §2.3)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tap_paradox.mapping.coerce import as_text, first_value
from tap_paradox.mapping.country import country_code

LOCATION_KEYS = ("city", "country", "raw", "state", "street_1", "street_2", "zip_code")
_PART_ORDER = ("street_1", "street_2", "city", "state", "zip_code", "country")

# Known limitation: only "City, ST[ ZIP]" with a two-letter state is split; any other free text
# (e.g. "Dallas, Texas", "Paris 75001") is kept in `raw` only.
# "Dallas, TX", "Dallas, TX 75201", "Dallas, TX, 75201", "Austin, tx 78701-1234",
# "Toronto, ON M5V 2T6", "São Paulo, SP 01304-001": a postal code is 2-10 letters, digits,
# spaces or hyphens with at least one digit.
_CITY_STATE_ZIP = re.compile(
    r"""^(?P<city>[^,]*\S)\s*,\s*(?P<state>[A-Za-z]{2})
        (?:(?:\s*,\s*|\s+)(?P<zip>(?=[^,]*\d)[A-Za-z0-9][A-Za-z0-9\ -]{0,8}[A-Za-z0-9]))?$""",
    re.VERBOSE,
)


def build_location(parts: Mapping[str, str | None], raw: str | None) -> dict[str, Any] | None:
    """Return a full Location object from its parts; ``None`` when nothing is known."""
    location: dict[str, Any] = dict.fromkeys(LOCATION_KEYS)
    for key in _PART_ORDER:
        location[key] = parts.get(key)
    if location["country"] is not None:
        location["country"] = country_code(location["country"])
    if raw is None:
        known = [parts[key] for key in _PART_ORDER if parts.get(key)]
        raw = ", ".join(known) if known else None
    location["raw"] = raw
    if all(value is None for value in location.values()):
        return None
    return location


def candidate_location(
    candidate: Mapping[str, Any], attributes: Mapping[str, Any], attribute_keys: Sequence[str]
) -> dict[str, Any] | None:
    """Location of a candidate from its address attributes, else ``candidate_location_info``."""
    pairs = zip(_PART_ORDER, attribute_keys, strict=True)
    parts = {part: as_text(attributes.get(key)) for part, key in pairs}
    info = as_text(candidate.get("candidate_location_info"))
    if any(parts.values()):
        return build_location(parts, info)
    if info is None:
        return None
    match = _CITY_STATE_ZIP.match(info)
    if match is None:
        return build_location({}, info)  # free text we cannot split: keep it as raw only
    parts = {"city": match["city"].strip(), "state": match["state"], "zip_code": match["zip"]}
    return build_location(parts, info)


def feed_location(fields: Mapping[str, Any]) -> dict[str, Any] | None:
    """Location of a feed job from its address elements."""
    parts = {
        "street_1": as_text(first_value(fields.get("streetaddress"))),
        "city": as_text(first_value(fields.get("city"))),
        "state": as_text(first_value(fields.get("state"))),
        "zip_code": as_text(first_value(fields.get("postalcode"))),
        "country": as_text(first_value(fields.get("country"))),
    }
    return build_location(parts, None)
