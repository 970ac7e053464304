"""Seeded candidates: every row is a pure function of (seed, index), rebuilt on demand."""

from __future__ import annotations

import random
from typing import NamedTuple

from tap_paradox.sandbox import catalog
from tap_paradox.sandbox import timestamps as ts
from tap_paradox.sandbox.seed_data import (
    ABSENT,
    ANCHOR_MICROS,
    DAY,
    FIRST_CANDIDATE_OID,
    MAIL_DOMAINS,
    Tenant,
    between,
    external_oid,
    loosen,
    pick,
    pick_form,
    stamp,
)

# Keys a seeded candidate may lack, hold null or hold "" (contract §7, absent / null keys).
_LOOSE_KEYS = (
    "phone_number",
    "formatted_number",
    "external_source_id",
    "group_name",
    "start_keyword",
    "referrer_email",
    "referrer_name",
    "job_title",
    "job_loc_code",
    "candidate_location_info",
    "recruiter_email",
    "hiring_manager",
    "edited_name",
)


def candidate_rng(seed: int, index: int, stream: int = 0) -> random.Random:
    """The private generator of one seeded candidate (stream 1: conversation, 2: interview)."""
    return random.Random((seed * 1_000_003 + index) * 4 + stream)


def candidate_oid(seed: int, index: int) -> int:
    """OID of the index-th seeded candidate: increasing, with irregular gaps."""
    return FIRST_CANDIDATE_OID + 3 * index + (seed + index * 7) % 3


class Core(NamedTuple):
    """The fields of a seeded candidate that list filters read, drawn from their own stream."""

    oid: int
    person: tuple[str, str, str | None]
    email: object  # a string, None, "" or ABSENT
    ex_id: object
    job_req_id: str
    job_title: str | None
    job_loc_code: str | None
    location_id: object  # int, numeric string or None
    status: object  # int or numeric string
    created: int  # instants the texts show
    updated: int
    created_form: tuple[int, int, int]
    updated_form: tuple[int, int, int]
    journey: str | None
    journey_status: str | None

    def columns(self) -> tuple:
        """(email, job_req_id, ex_id, journey_status, location_id, status, created, updated)."""
        return (
            self.email if isinstance(self.email, str) and self.email else None,
            self.job_req_id,
            self.ex_id if isinstance(self.ex_id, str) and self.ex_id else None,
            self.journey_status,
            int(self.location_id) if self.location_id is not None else None,
            int(self.status),
            self.created,
            self.updated,
        )


def core(tenant: Tenant, index: int) -> Core:
    """Draw the filterable fields of the index-th seeded candidate (cheap: no rendering)."""
    return _core_and_rng(tenant, index)[0]


def _core_and_rng(tenant: Tenant, index: int) -> tuple[Core, random.Random]:
    """The core fields, and the generator positioned after them for the remaining fields."""
    rng = candidate_rng(tenant.seed, index)
    person = pick(rng, catalog.PEOPLE)
    oid = candidate_oid(tenant.seed, index)
    email = f"{person[2] or f'candidate.{oid}'}{index}@{pick(rng, MAIL_DOMAINS)}"
    if rng.random() < tenant.unknown_job_ratio:
        job_id, job_title = pick(rng, tenant.unknown_job_ids), pick(rng, catalog.JOB_TITLES)
        loc_code = loc_oid = None
    else:
        job = pick(rng, tenant.jobs)
        job_id, job_title = job["referencenumber"].strip(), job["title"]
        loc_code, loc_oid = job["_job_loc_code"], job["_location_oid"]
    created = ANCHOR_MICROS - between(rng, 1, 400) * DAY + between(rng, 0, DAY - 1)
    updated = created + between(rng, 0, ANCHOR_MICROS - created)
    # The first four candidates take the four forms in turn, so any dataset shows all of them.
    created_form = pick_form(rng, index % 4 if index < 4 else None)
    updated_form = pick_form(rng, (index + 2) % 4 if index < 4 else None)
    journey = journey_status = None
    if rng.random() >= 0.05:  # else no journey position at all: the row's stage is null
        journey = pick(rng, tenant.journey_names)
        journey_status = pick(rng, tenant.journeys[journey])
    fields = Core(
        oid=oid,
        person=person,
        email=loosen(rng, email),
        ex_id=loosen(rng, f"ATS-{3300 + index // (2 if index % 50 == 1 else 1)}"),
        job_req_id=job_id,
        job_title=job_title,
        job_loc_code=loc_code,
        location_id=_loose_int(rng, loc_oid) if loc_oid is not None else None,
        status=_loose_int(rng, pick(rng, (1, 1, 1, 2, 2, 3, 4, 5))),
        created=ts.truncate(created, created_form[0], created_form[1]),
        updated=ts.truncate(updated, updated_form[0], updated_form[1]),
        created_form=created_form,
        updated_form=updated_form,
        journey=journey,
        journey_status=journey_status,
    )
    return fields, rng


def generate(tenant: Tenant, index: int) -> tuple[dict, dict, str]:
    """Build (candidate object, attributes, note) of the index-th seeded candidate."""
    base, rng = _core_and_rng(tenant, index)
    first, last, _mail = base.person
    oid = base.oid
    phone = f"{between(rng, 201, 989)}555{between(rng, 0, 9999):04d}"
    cand: dict = {
        "OID": oid,
        "external_oid": external_oid(tenant.seed, oid),
        "ex_id": base.ex_id,
        "name": f"{first} {last}",
        "first_name": first,
        "last_name": last,
        "edited_name": f"{first} {last[0]}." if rng.random() < 0.05 else None,
        "email": base.email,
        "phone_number": phone,
        "formatted_number": f"+1{phone}",
        "source": _loose_int(rng, between(rng, 1, 6)),
        "external_source_id": f"SRC-{between(rng, 1, 40)}" if rng.random() < 0.3 else None,
        "group_name": pick(rng, ["Retail", "Distribution", "Corporate"]),
        "start_keyword": pick(rng, ["JOBS", "APPLY", "WORK", "HIRING"]),
        "language_preference": pick(rng, ["en", "en", "en", "es", "fr_fr", "zh_cn"]),
        "referrer_email": None,
        "referrer_name": None,
        "external_referrer": None,
        "job_req_id": base.job_req_id,
        "job_title": base.job_title,
        "job_loc_code": base.job_loc_code,
        "location_id": base.location_id,
        "candidate_location_info": None,
        "status": base.status,
        "recruiter_email": None,
        "hiring_manager": None,
        "resume_url": None,
        "viewed": _loose_flag(rng, between(rng, 0, 1)),
        "completed": _loose_flag(rng, between(rng, 0, 1)),
        "created_at": ts.render(
            base.created, base.created_form[0], base.created_form[2], base.created_form[1]
        ),
        "updated_at": ts.render(
            base.updated, base.updated_form[0], base.updated_form[2], base.updated_form[1]
        ),
    }
    for key in ("email", "ex_id"):
        if cand[key] is ABSENT:
            del cand[key]
    if tenant.users and rng.random() < 0.6:
        cand["recruiter_email"] = pick(rng, tenant.users)["email"]
    if rng.random() < 0.15:
        cand["referrer_name"], cand["referrer_email"] = "Kim Park", "kim.park@example.com"
        cand["external_referrer"] = "employee-referral-program"
    if rng.random() < 0.2:
        cand["resume_url"] = f"https://files.sandbox.example/resumes/{cand['external_oid']}.pdf"
    if base.journey is not None:
        cand["candidate_journey"] = base.journey
        cand["candidate_journey_status"] = base.journey_status
        _journey_extras(rng, cand, base)
    attrs = _attributes(rng, tenant)
    if "city" in attrs:
        cand["candidate_location_info"] = _location_info(attrs)
    elif rng.random() < 0.3:  # location text without address attributes
        cand["candidate_location_info"] = pick(rng, _FREE_LOCATIONS)
    if rng.random() < 0.1:
        cand["ex_step"], cand["ex_status"] = "screen", pick(rng, ["open", "closed"])
    for key in _LOOSE_KEYS:
        value = loosen(rng, cand.get(key))
        if value is ABSENT:
            cand.pop(key, None)
        else:
            cand[key] = value
    return cand, attrs, _note(rng)


_FREE_LOCATIONS = ("Dallas, TX 75201", "Plano, TX", "Austin TX", "near the airport", "Montréal, QC")


def _location_info(attrs: dict[str, str]) -> str:
    """``City, ST ZIP`` from address attributes, the way applicants type it."""
    text = attrs["city"]
    if attrs.get("state"):
        text += f", {attrs['state']}"
    return f"{text} {attrs['zip_code']}" if attrs.get("zip_code") else text


def _loose_int(rng: random.Random, value: int) -> int | str:
    """Numeric strings for some ints (contract §7, loose types)."""
    return str(value) if rng.random() < 0.1 else value


def _loose_flag(rng: random.Random, value: int) -> int | bool:
    """Booleans for some 0/1 flags (contract §7, loose types)."""
    return bool(value) if rng.random() < 0.1 else value


def _journey_extras(rng: random.Random, cand: dict, base: Core) -> None:
    if base.journey_status.split(": ", 1)[0] in catalog.HIRED_STAGES:
        cand["hired_date"] = stamp(rng, base.updated - between(rng, 0, 5) * DAY)[0]
    elif rng.random() < 0.03:
        cand["hired_date"] = pick(rng, ["", None])
    if rng.random() < 0.1:
        cand["hirevue_link"] = f"https://hirevue.example/i/{between(rng, 10**6, 10**7)}"


def _attributes(rng: random.Random, tenant: Tenant) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for key, values in catalog.COMMON_ATTRIBUTES.items():
        if rng.random() < 0.45:
            attrs[key] = pick(rng, values)
    for key in tenant.tenant_keys:
        if rng.random() < 0.5:
            attrs[key] = pick(rng, catalog.EXTRA_TENANT_VALUES)
    if rng.random() < 0.35:
        address, city, state, zip_code, country = pick(rng, catalog.HOME_ADDRESSES)
        attrs.update(address=address, city=city, zip_code=zip_code, country=country)
        if state:
            attrs["state"] = state
        if rng.random() < 0.2:
            attrs["address_2"] = "Apt 2"
    return attrs


def _note(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return ""
    return pick(
        rng,
        [
            "Asked about weekend shifts",
            'Prefers "overnight" — can start Monday',
            "Line one\nLine two & <b>bold</b>",
            "Habla español; disponible por las tardes",
            "Переведён из другого магазина",
        ],
    )
