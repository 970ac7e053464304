"""``candidates`` records from ``GET /candidates`` rows (model §2.3)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tap_paradox.ids import record_id
from tap_paradox.mapping.coerce import as_text, attributes_of, candidate_of, oid_of
from tap_paradox.mapping.enums import source_label
from tap_paradox.mapping.fields import custom_fields_for_row, integration_fields_for_row
from tap_paradox.mapping.location import candidate_location
from tap_paradox.timestamps import normalise_timestamp

if TYPE_CHECKING:
    from tap_paradox.mapping.settings import MappingSettings

# Deliberately loose: one "@", no whitespace, a dot in the domain. Paradox validates on entry;
# this only keeps obvious junk ("n/a", "none", "ana@") out of email_addresses.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def split_name(name: object) -> tuple[str | None, str | None]:
    """Split a full name into its first whitespace-separated word and the rest."""
    words = as_text(name)
    if words is None:
        return None, None
    parts = words.split(maxsplit=1)  # any Unicode whitespace, e.g. U+3000 in CJK names
    first = parts[0]
    rest = " ".join(parts[1].split()) if len(parts) > 1 else ""
    return first, rest or None


def candidate_names(candidate: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Return (first_name, last_name): the explicit parts first, else the split full name."""
    split_first, split_last = split_name(candidate.get("name"))
    first = as_text(candidate.get("first_name")) or split_first
    last = as_text(candidate.get("last_name")) or split_last
    return first, last


def candidate_source(candidate: Mapping[str, Any]) -> str | None:
    """Return ``external_source_id`` when set, else the label of ``source``."""
    return as_text(candidate.get("external_source_id")) or source_label(candidate.get("source"))


def phone_numbers(candidate: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the candidate's phone as a one-item list (E.164 form preferred), or ``[]``."""
    number = as_text(candidate.get("formatted_number")) or as_text(candidate.get("phone_number"))
    return [{"phone_number": number, "type": None}] if number else []


def email_addresses(candidate: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the candidate's e-mail as a one-item list when it looks valid, else ``[]``."""
    email = as_text(candidate.get("email"))
    if email is None or not _EMAIL.match(email):
        return []
    return [{"email_address": email, "type": None}]


def remote_url(candidate: Mapping[str, Any], settings: MappingSettings) -> str | None:
    """Fill ``candidate_url_template``; ``None`` when it is empty or a value it needs is missing."""
    if not settings.candidate_url_template:
        return None
    values = {
        "OID": as_text(candidate.get("OID")),
        "external_oid": as_text(candidate.get("external_oid")),
        "api_url": settings.api_url.rstrip("/"),
    }
    needed = {name for name in values if "{" + name + "}" in settings.candidate_url_template}
    if any(values[name] is None for name in needed):
        return None
    escaped = {
        name: value if name == "api_url" else quote(value or "", safe="")
        for name, value in values.items()
    }
    return settings.candidate_url_template.format_map(escaped)


def remote_data(row: Mapping[str, Any], settings: MappingSettings) -> dict[str, Any] | None:
    """Return ``{"/candidates": row}``, without the add-ons the settings leave out."""
    if not settings.include_remote_data:
        return None
    kept = dict(row)
    if not settings.include_conversation:
        kept.pop("conversation", None)
    if not settings.include_interviews:
        kept.pop("interview", None)
    return {"/candidates": kept}


def map_candidate(row: Mapping[str, Any], settings: MappingSettings) -> dict[str, Any]:
    """Build a ``candidates`` record (every field except ``changed_at``/``remote_deleted_at``)."""
    candidate = candidate_of(row)
    oid = oid_of(row)
    attributes = attributes_of(row)
    first_name, last_name = candidate_names(candidate)
    title = as_text(attributes.get(settings.title_attribute)) or as_text(candidate.get("job_title"))
    return {
        "id": record_id(settings.tenant_id, "candidates", oid),
        "remote_id": str(oid),
        "first_name": first_name,
        "last_name": last_name,
        "company": None,
        "title": title,
        "confidential": None,
        "source": candidate_source(candidate),
        "phone_numbers": phone_numbers(candidate),
        "email_addresses": email_addresses(candidate),
        "social_media": None,
        "location": candidate_location(candidate, attributes, settings.location_attribute_keys),
        "custom_fields": custom_fields_for_row(row, settings.custom_field_sources("candidates")),
        "integration_fields": integration_fields_for_row(
            row, settings.integration_field_paths(), settings.tenant_id
        ),
        "remote_url": remote_url(candidate, settings),
        "remote_created_at": normalise_timestamp(candidate.get("created_at")),
        "remote_updated_at": normalise_timestamp(candidate.get("updated_at")),
        "remote_data": remote_data(row, settings),
    }
