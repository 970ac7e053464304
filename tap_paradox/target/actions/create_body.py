"""Pure mapping of a create input (model §4.4) to Paradox's ``POST /candidates`` body."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tap_paradox.ids import StageTriple
from tap_paradox.mapping.stages import stage_name
from tap_paradox.target.errors import InputInvalidError

MAX_NAME = 50
MAX_PHONE = 20
MAX_LOCATION_INFO = 100
# unified location key -> Paradox attribute key
LOCATION_ATTRIBUTES = {
    "city": "city",
    "country": "country",
    "state": "state",
    "zip_code": "zip_code",
    "street_1": "address",
}


def normalise_phone(text: str, default_country_code: str) -> str:
    """Return ``+<digits>``; a number without ``+`` gets the default country code."""
    stripped = text.strip()
    digits = re.sub(r"\D", "", stripped)
    phone = "+" + digits if stripped.startswith("+") else f"+{default_country_code}{digits}"
    if len(phone) > MAX_PHONE:
        msg = f"candidate.phone_number is longer than {MAX_PHONE} characters once normalised"
        raise InputInvalidError(msg, field="candidate.phone_number")
    return phone


def person_fields(candidate: Mapping[str, Any], default_country_code: str) -> dict[str, str]:
    """Return name, first/last name, email and phone."""
    first, last = candidate["first_name"].strip(), candidate["last_name"].strip()
    name = f"{first} {last}"
    if len(name) > MAX_NAME:
        msg = f"candidate.first_name and last_name together exceed {MAX_NAME} characters"
        raise InputInvalidError(msg, field="candidate.last_name")
    fields = {"name": name, "first_name": first, "last_name": last}
    fields["email"] = candidate["email_address"].strip()
    if candidate.get("phone_number"):
        fields["phone"] = normalise_phone(candidate["phone_number"], default_country_code)
    return fields


def attribute_fields(candidate: Mapping[str, Any], title_attribute: str) -> dict[str, str]:
    """Return the ``candidate_attribute_data`` of title and location."""
    attributes: dict[str, str] = {}
    if candidate.get("title"):
        attributes[title_attribute] = candidate["title"].strip()
    location = candidate.get("location") or {}
    for unified_key, attribute in LOCATION_ATTRIBUTES.items():
        value = str(location.get(unified_key) or "").strip()
        if value:
            attributes[attribute] = value
    return attributes


def location_info(candidate: Mapping[str, Any]) -> str | None:
    """Return ``"<city>, <country>"`` (or the country alone) for ``candidate_location_info``."""
    location = candidate.get("location") or {}
    parts = [str(location.get(k) or "").strip() for k in ("city", "country")]
    text = ", ".join(p for p in parts if p)
    if len(text) > MAX_LOCATION_INFO:
        msg = f"candidate.location.city and country exceed Paradox's {MAX_LOCATION_INFO} characters"
        raise InputInvalidError(msg, field="candidate.location.city")
    return text or None


def stage_fields(triple: StageTriple | None, separator: str) -> dict[str, str]:
    """Return ``candidate_journey`` (when known) and ``candidate_journey_status``."""
    if triple is None:
        return {}
    fields = {"candidate_journey_status": stage_name(triple, separator)}
    if triple.journey:
        fields["candidate_journey"] = triple.journey
    return fields


def create_body(
    data: Mapping[str, Any],
    *,
    job_req_id: str,
    job_title: str | None,
    triple: StageTriple | None,
    title_attribute: str,
    default_country_code: str,
    separator: str,
) -> dict[str, Any]:
    """Return the POST /candidates body without the CV and without remote_fields."""
    candidate = data["candidate"]
    body: dict[str, Any] = person_fields(candidate, default_country_code)
    body["job_req_id"] = job_req_id
    if job_title:
        body["job_title"] = job_title
    body.update(stage_fields(triple, separator))
    attributes = attribute_fields(candidate, title_attribute)
    if attributes:
        body["candidate_attribute_data"] = attributes
    info = location_info(candidate)
    if info:
        body["candidate_location_info"] = info
    source_name = str((data.get("source") or {}).get("name") or "").strip()
    if source_name:
        body["external_source_id"] = source_name
    return body
