"""Deterministic tenant generation: locations, feed jobs, users and candidates from one seed.

Each candidate is a pure function of (seed, index), so the store keeps only the columns it
filters on and renders a pristine row again whenever it needs its bytes (see store.py).
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass, field
from datetime import datetime, timezone

from tap_paradox.sandbox import catalog
from tap_paradox.sandbox import timestamps as ts

ANCHOR_MICROS = ts.micros_of(datetime(2025, 3, 3, 6, 0, tzinfo=timezone.utc))
DAY = 86_400_000_000
FIRST_CANDIDATE_OID = 480_000
FIRST_LOCATION_OID = 55
FIRST_USER_OID = 7001
# Values with ASCII spellings only, so e-mails and URLs stay plain.
MAIL_DOMAINS = ("example.com", "mail.example", "example.org")
ABSENT = object()  # marks a key the generator leaves out of a record


@dataclass
class Tenant:
    """The fixed, seed-derived part of the sandbox tenant that candidates refer to."""

    seed: int
    name: str
    site: str
    tenant_keys: list[str]
    locations: list[dict]
    jobs: list[dict]
    users: list[dict]
    unknown_job_ids: list[str]
    unknown_job_ratio: float
    journeys: dict[str, list[str]] = field(default_factory=lambda: dict(catalog.JOURNEYS))

    @property
    def journey_names(self) -> tuple[str, ...]:
        """Journey names in catalogue order."""
        return tuple(self.journeys)


def pick(rng: random.Random, options):
    """A uniform choice using one C-level draw (``Random.choice`` is several times slower)."""
    return options[int(rng.random() * len(options))]


def between(rng: random.Random, low: int, high: int) -> int:
    """A uniform integer in [low, high] using one C-level draw."""
    return low + int(rng.random() * (high - low + 1))


def pick_form(rng: random.Random, form: int | None = None) -> tuple[int, int, int]:
    """Choose a contract timestamp form: (form, fraction digits, UTC offset in minutes)."""
    form = pick(rng, ts.FORMS) if form is None else form
    digits = between(rng, 1, 6)
    offset = pick(rng, ts.OFFSET_MINUTES) if rng.random() < 0.7 else 0
    return form, digits, offset


def stamp(rng: random.Random, micros: int, form: int | None = None) -> tuple[str, int]:
    """Render an instant in a random (or given) contract form; return text and shown instant."""
    form, digits, offset = pick_form(rng, form)
    shown = ts.truncate(micros, form, digits)
    return ts.render(shown, form, offset, digits), shown


# external_oid is a keyed, reversible 48-bit permutation of the OID ("opaque (encrypted) form"),
# so resolving one needs no index: decode, then check the OID exists.
_MASK48 = (1 << 48) - 1
_MULTIPLIER = 0x5DEECE66D  # odd, so invertible modulo 2**48
_MULTIPLIER_INVERSE = pow(_MULTIPLIER, -1, 1 << 48)


def _oid_key(seed: int) -> int:
    # A cheap integer mix of the seed (splitmix64 constants): called once per rendered row.
    return ((seed + 0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9 >> 16) & _MASK48


def external_oid(seed: int, oid: int) -> str:
    """The opaque, stable external form of an OID ("X" + 8 base64url characters)."""
    mixed = ((oid ^ _oid_key(seed)) * _MULTIPLIER) & _MASK48
    mixed ^= mixed >> 24
    mixed = (mixed * _MULTIPLIER) & _MASK48
    return "X" + base64.urlsafe_b64encode(mixed.to_bytes(6, "big")).decode()


def oid_of_external(seed: int, text: str) -> int | None:
    """The OID an external_oid stands for, or None when the text is not one."""
    if len(text) != 9 or not text.startswith("X"):
        return None
    try:
        raw = base64.urlsafe_b64decode(text[1:])
    except ValueError:
        return None
    mixed = (int.from_bytes(raw, "big") * _MULTIPLIER_INVERSE) & _MASK48
    mixed ^= mixed >> 24
    oid = ((mixed * _MULTIPLIER_INVERSE) & _MASK48) ^ _oid_key(seed)
    return oid if external_oid(seed, oid) == text else None


def loosen(rng: random.Random, value: object, rate: float = 0.12) -> object:
    """Return the value, or (at the given rate) a marker for absent, None or ""."""
    roll = rng.random()
    if roll >= rate:
        return value
    return ABSENT if roll < rate / 3 else (None if roll < 2 * rate / 3 else "")


def build_tenant(seed: int, locations: int, jobs: int, users: int, unknown_ratio: float) -> Tenant:
    """Build the locations, feed jobs and users of the tenant for a seed."""
    rng = random.Random(seed)
    name, site, tenant_keys = rng.choice(catalog.TENANTS)
    locs = [_location(rng, i) for i in range(locations)]
    feed = [_job(rng, i, name, site, locs) for i in range(jobs)]
    people = [_user(rng, i, locs) for i in range(users)]
    unknown = [f"REQ-{9000 + i}" for i in range(max(3, jobs // 10))]
    return Tenant(seed, name, site, tenant_keys, locs, feed, people, unknown, unknown_ratio)


def _location(rng: random.Random, index: int) -> dict:
    base = catalog.LOCATIONS[index % len(catalog.LOCATIONS)]
    label, addr, city, state, zip_code, tz_name, code, district = base
    if index >= len(catalog.LOCATIONS):
        label, code = f"{label} {index // len(catalog.LOCATIONS) + 1}", f"{code[:3]}{index:02d}"
    attrs = {"district": district}
    if rng.random() < 0.5:
        attrs["country"] = catalog.LOCATION_COUNTRIES.get(base[0], "US")
    return {
        "OID": FIRST_LOCATION_OID + index * 4,
        "name": label,
        "addr_1": addr,
        "addr_2": _none_if_absent(loosen(rng, rng.choice(["Suite 100", "Unit 4"]), 0.8)),
        "city": city,
        "state_code": state or None,
        "zip_code": zip_code,
        "time_zone": tz_name,
        "email": f"{code.lower()}@{rng.choice(MAIL_DOMAINS)}",
        "phone_number": f"+1214555{index:04d}",
        "job_loc_code": code,
        "parent_id": None,
        "custom_locations_attributes": attrs,
    }


def _none_if_absent(value: object) -> object:
    return None if value is ABSENT else value


def _job(rng: random.Random, index: int, company: str, site: str, locs: list[dict]) -> dict:
    """One feed job: element name -> text (None: element left out)."""
    loc = locs[index % len(locs)]
    ref = f"REQ-{2200 + index * 3}"
    posted = ANCHOR_MICROS - rng.randint(1, 90) * DAY - rng.randint(0, DAY)
    # RFC 2822 is the feed's default date form; a fifth of the jobs use the §5.5 forms.
    date_text = rfc2822(posted) if rng.random() < 0.8 else stamp(rng, posted)[0]
    title = rng.choice(catalog.JOB_TITLES)
    description = f"<p>{title} at {loc['name']}.</p><ul><li>Weekly pay</li><li>Lift 40 lb</li></ul>"
    country = loc["custom_locations_attributes"].get("country", "US")
    return {
        "title": title,
        "date": date_text,
        # Some feeds pad ids with whitespace; the contract joins after trimming.
        "referencenumber": f"  {ref} " if index % 17 == 5 else ref,
        "requisitionid": str(40900 + index) if rng.random() < 0.8 else None,
        "url": f"{site}/apply/{ref}?src=feed&lang=en",
        "company": company if rng.random() < 0.9 else "",
        "streetaddress": loc["addr_1"],
        "city": loc["city"],
        "state": loc["state_code"] or "",
        "postalcode": loc["zip_code"],
        "country": country,
        "description": description,
        "salary": catalog.SALARIES[index % len(catalog.SALARIES)],
        "jobtype": rng.choice(catalog.JOB_TYPES),
        "category": rng.choice(catalog.CATEGORIES),
        "experience": rng.choice(["None required", "1+ years", ""]),
        "education": rng.choice(["None", "High school", None]),
        "remotetype": rng.choice(catalog.REMOTE_TYPES),
        "district": loc["custom_locations_attributes"]["district"],
        "shift": rng.choice(["Overnight", "Days", "Flexible & weekends", None]),
        "_job_loc_code": loc["job_loc_code"],
        "_location_oid": loc["OID"],
    }


def rfc2822(micros: int) -> str:
    moment = datetime.fromtimestamp(micros // 1_000_000, tz=timezone.utc)
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")


def _user(rng: random.Random, index: int, locs: list[dict]) -> dict:
    first, last, mail = catalog.PEOPLE[index % len(catalog.PEOPLE)]
    stem = mail or f"user{index}"
    loc = locs[index % len(locs)]
    email = _none_if_absent(loosen(rng, f"{stem}.{index}@example.com"))
    return {
        "OID": FIRST_USER_OID + index,
        "name": f"{first} {last}",
        "email": email,
        "login_email": email,
        "phone_number": _none_if_absent(loosen(rng, f"+1214555{1000 + index:04d}")),
        "role": rng.choice(["Recruiter", "Hiring Manager", "Admin", "Coordinator"]),
        "user_type": "company_user",
        "timezone": loc["time_zone"],
        "language_preference": rng.choice(["en", "en", "es", "fr_fr"]),
        "employee_id": f"E-{100 + index}" if rng.random() < 0.8 else None,
        "job_title": rng.choice(["Talent Partner", "Store Manager", "HR Generalist", None]),
        "location_ids": [loc["OID"]],
        "location_codes": [loc["job_loc_code"]],
        "area_ids": [],
        "country_code": loc["custom_locations_attributes"].get("country", "US"),
        "external_role_id": None,
    }
