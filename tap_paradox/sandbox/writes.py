"""Candidate writes of the store: create, update, delete, attributes and paging churn."""

from __future__ import annotations

import random
import re
from datetime import datetime, timezone
from urllib.parse import quote

from tap_paradox.sandbox import seed_candidates
from tap_paradox.sandbox import timestamps as ts
from tap_paradox.sandbox.rows import Full, Row
from tap_paradox.sandbox.seed_data import external_oid, pick_form
from tap_paradox.sandbox.validation import (
    ValidationError,
    clean_attributes,
    clean_body,
    not_found,
)

_NON_DIGITS = re.compile(r"\D")
# Body keys with their own handling in _apply; every other accepted key is stored as given.
_SPECIAL = frozenset(
    {
        "name",
        "first_name",
        "last_name",
        "phone",
        "candidate_attribute_data",
        "note",
        "resume",
        "resume_file_name",
        "candidate_journey",
        "candidate_journey_status",
        "offer_letter",
    }
)


def phone_forms(phone: str) -> tuple[str, str]:
    """(phone_number, formatted_number) as Paradox reads a phone back: national and E.164."""
    digits = _NON_DIGITS.sub("", phone)
    if phone.strip().startswith("+"):
        national = digits[1:] if digits.startswith("1") and len(digits) == 11 else digits
        return national, "+" + digits
    if len(digits) == 10:
        return digits, "+1" + digits
    return digits, "+" + digits


def _apply_name(cand: dict, clean: dict) -> None:
    """Write the name keys; parts without a full name rebuild ``name`` from them."""
    for key in ("name", "first_name", "last_name"):
        if key in clean:
            cand[key] = clean[key]
    if "name" not in clean and ("first_name" in clean or "last_name" in clean):
        cand["name"] = " ".join(p for p in (cand.get("first_name"), cand.get("last_name")) if p)


class WriteMixin:
    """Writes of ``Store``; each validates fully before changing anything (a 400 writes nothing)."""

    @property
    def lock(self):
        """The store's re-entrant lock, for callers that read back what they wrote."""
        return self._lock

    def create_candidate(self, fields: dict) -> int:
        """Create a candidate like ``POST /candidates``; return its OID."""
        with self._lock:
            clean = clean_body(fields, creating=True)
            journey, journey_status = self._journey_pair(clean, None)
            oid = self._next_oid
            self._next_oid += 1 + self._write_rng.randrange(3)
            text, shown = self._now_stamp(None)
            cand = {
                "OID": oid,
                "external_oid": external_oid(self.config.seed, oid),
                "ex_id": None,
                "name": None,
                "first_name": None,
                "last_name": None,
                "email": None,
                "phone_number": None,
                "formatted_number": None,
                "source": None,
                "language_preference": "en",
                "primary_contact_method": 3,
                "job_req_id": None,
                "job_title": None,
                "job_loc_code": None,
                "location_id": None,
                "candidate_journey": journey,
                "candidate_journey_status": journey_status,
                "status": 1,
                "resume_url": None,
                "viewed": 0,
                "completed": 0,
                "created_at": text,
                "updated_at": text,
            }
            row = Row(oid, -1)
            row.full = Full(cand, {}, "")
            self._apply(row, clean)
            row.full.cand["updated_at"] = text
            row.full.render()
            row.load_columns(row.full.cand)
            row.updated = row.created = shown
            self._insert_row(row)
            return oid

    def update_candidate(self, oid: int, fields: dict) -> None:
        """Change a candidate like ``PUT /candidates/{oid}`` (absent and null keys untouched)."""
        with self._lock:
            row = self._rows.get(oid)
            if row is None:
                raise not_found("ID")
            self._update_row(row, fields)

    def _update_row(self, row: Row, fields: dict) -> None:
        clean = clean_body(fields, creating=False)
        cand = self._full(row).cand  # holding a row in full changes nothing it serves
        if "candidate_journey" in clean or "candidate_journey_status" in clean:
            journey, journey_status = self._journey_pair(clean, cand)
            clean["candidate_journey"], clean["candidate_journey_status"] = journey, journey_status
        self._apply(row, clean)
        self._bump(row)

    def _journey_pair(self, clean: dict, cand: dict | None) -> tuple[str, str]:
        """The (journey, status) a write results in, validated against the catalogue."""
        journeys = self.tenant.journeys
        current_journey = (cand or {}).get("candidate_journey") or self.default_journey
        journey = clean.get("candidate_journey") or current_journey
        if journey not in journeys:
            raise ValidationError(["candidate_journey"])
        if "candidate_journey_status" in clean:
            status = clean["candidate_journey_status"]
        elif cand is not None and cand.get("candidate_journey_status"):
            status = cand["candidate_journey_status"]
        else:
            status = journeys[journey][0]
        if status not in journeys[journey]:
            raise ValidationError(["candidate_journey_status"])
        return journey, status

    def _apply(self, row: Row, clean: dict) -> None:
        full = row.full
        cand = full.cand
        for key, value in clean.items():
            if key not in _SPECIAL:
                cand[key] = value
        _apply_name(cand, clean)
        if "phone" in clean:
            cand["phone_number"], cand["formatted_number"] = phone_forms(clean["phone"])
        cand.update(
            {k: clean[k] for k in ("candidate_journey", "candidate_journey_status") if k in clean}
        )
        if "job_loc_code" in clean:
            cand["location_id"] = next(
                (
                    loc["OID"]
                    for loc in self.tenant.locations
                    if loc["job_loc_code"] == clean["job_loc_code"]
                ),
                None,
            )
        if "job_req_id" in clean and not cand.get("job_title"):
            titles = {j["referencenumber"].strip(): j["title"] for j in self.tenant.jobs}
            cand["job_title"] = titles.get(clean["job_req_id"], cand.get("job_title"))
        if "candidate_attribute_data" in clean:
            full.attrs.update(clean["candidate_attribute_data"])
        if "note" in clean:
            full.note = clean["note"]  # PUT overwrites the note [C] 15
        if "resume" in clean:
            name = clean["resume_file_name"]
            self._resumes[row.oid] = (name, clean["resume"])
            cand["resume_url"] = f"{self.public_url}/sandbox/resumes/{row.oid}/{quote(name)}"

    def _now_stamp(self, previous: int | None) -> tuple[str, int]:
        """Now, in a random contract form, rounded up and strictly after ``previous``."""
        now = ts.micros_of(datetime.now(timezone.utc))
        if previous is not None and now <= previous:
            now = previous + 1
        form, digits, offset = pick_form(self._write_rng)
        shown = ts.ceil(now, form, digits)
        return ts.render(shown, form, offset, digits), shown

    def _bump(self, row: Row) -> None:
        """Set ``updated_at`` to now (every successful write, [C] 18) and refresh the row."""
        text, shown = self._now_stamp(row.updated)
        row.full.cand["updated_at"] = text
        row.full.render()
        self._forget(row.oid)
        row.load_columns(row.full.cand)
        row.updated = shown
        self._version += 1

    def delete_candidate(self, oid: int) -> None:
        """Delete a candidate like ``DELETE /candidates/{oid}``; no tombstone is kept."""
        with self._lock:
            if oid not in self._rows:
                raise not_found("ID")
            self._drop_row(oid)

    def set_attributes(self, oid: int, attributes: dict, replace: bool = False) -> dict:
        """Merge (PATCH) or replace (PUT) a candidate's attributes; return the full set."""
        with self._lock:
            row = self._rows.get(oid)
            if row is None:
                raise not_found("OID")
            clean = clean_attributes(attributes)
            full = self._full(row)
            if replace:
                full.attrs = clean
            else:
                full.attrs.update(clean)
            self._bump(row)
            return dict(full.attrs)

    def churn(self, rng: random.Random, inserts: int, updates: int, deletes: int) -> None:
        """Insert, update and delete candidates between list calls (contract §7)."""
        with self._lock:
            for _ in range(inserts):
                index, self._next_index = self._next_index, self._next_index + 1
                cand, attrs, note = seed_candidates.generate(self.tenant, index)
                oid = self._next_oid
                self._next_oid += 1 + rng.randrange(3)
                cand["OID"], cand["external_oid"] = oid, external_oid(self.config.seed, oid)
                cand["created_at"], created = self._now_stamp(None)
                row = Row(oid, index)
                row.full = Full(cand, attrs, note)
                row.load_columns(cand)
                row.updated = row.created = created
                self._insert_row(row)
                self._bump(row)
            for oid in rng.sample(self._oids, min(updates, len(self._oids))):
                row = self._rows[oid]
                cand = self._full(row).cand
                journey = cand.get("candidate_journey") or self.default_journey
                statuses = self.tenant.journeys[journey]
                move = {
                    "candidate_journey": journey,
                    "candidate_journey_status": rng.choice(statuses),
                }
                self._update_row(row, move)
            for oid in rng.sample(self._oids, min(deletes, len(self._oids))):
                self._drop_row(oid)
