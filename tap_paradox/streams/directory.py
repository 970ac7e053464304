"""``users`` and ``locations``: the company directory, two small full-table streams.

They are extras beyond the unified model: company users (``GET /users/``, page paging) and
company locations (``GET /company/locations``, one call). Both accept an envelope or a bare
array (contract §8 #22, #23), use Paradox's ``OID`` as ``id`` and ``remote_id``, and skip, with a
log line, an entry without a usable OID.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from singer_sdk import typing as th

from tap_paradox.client import ParadoxStream
from tap_paradox.mapping.coerce import as_int, as_text

USERS_PAGE_SIZE = 50
MAX_USER_PAGES = 10_000  # a server that ignores `page` would otherwise be read forever

_TEXT = th.StringType
_INTEGER_LIST = th.ArrayType(th.IntegerType)
_TEXT_LIST = th.ArrayType(th.StringType)
_RAW = th.ObjectType(additional_properties=True)

# Text fields of each directory stream, shared by its schema and its mapper so the two agree.
USER_TEXT_KEYS = (
    "name",
    "email",
    "login_email",
    "phone_number",
    "role",
    "user_type",
    "timezone",
    "language_preference",
    "employee_id",
    "job_title",
    "country_code",
    "external_role_id",
)
LOCATION_TEXT_SOURCES = {  # record field -> Paradox key
    "name": "name",
    "street_1": "addr_1",
    "street_2": "addr_2",
    "city": "city",
    "state": "state_code",
    "zip_code": "zip_code",
    "time_zone": "time_zone",
    "email": "email",
    "phone_number": "phone_number",
    "job_loc_code": "job_loc_code",
}


def entries_of(payload: object, key: str) -> list[Any]:
    """Return the list under ``key``, or the payload itself when it is a bare array."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, Mapping) and isinstance(payload.get(key), list):
        return payload[key]
    msg = f"the answer has no {key!r} list"
    raise ValueError(msg)


def _ints(value: object) -> list[int]:
    values = value if isinstance(value, list) else []
    return [number for number in (as_int(item) for item in values) if number is not None]


def _texts(value: object) -> list[str]:
    values = value if isinstance(value, list) else []
    return [text for text in (as_text(item) for item in values) if text is not None]


def map_user(user: Mapping[str, Any], include_remote_data: bool = True) -> dict[str, Any]:
    """Map one ``GET /users/`` entry (it must carry an OID)."""
    oid = str(as_int(user.get("OID")))
    record: dict[str, Any] = {"id": oid, "remote_id": oid}
    for key in USER_TEXT_KEYS:
        record[key] = as_text(user.get(key))
    record["location_ids"] = _ints(user.get("location_ids"))
    record["location_codes"] = _texts(user.get("location_codes"))
    record["area_ids"] = _ints(user.get("area_ids"))
    record["remote_data"] = dict(user) if include_remote_data else None
    return record


def map_location(location: Mapping[str, Any], include_remote_data: bool = True) -> dict[str, Any]:
    """Map one ``GET /company/locations`` entry (it must carry an OID)."""
    oid = str(as_int(location.get("OID")))
    attributes = location.get("custom_locations_attributes")
    return {
        "id": oid,
        "remote_id": oid,
        **{field: as_text(location.get(key)) for field, key in LOCATION_TEXT_SOURCES.items()},
        "parent_id": as_text(as_int(location.get("parent_id"))),
        "custom_fields": dict(attributes) if isinstance(attributes, Mapping) else {},
        "remote_data": dict(location) if include_remote_data else None,
    }


class _DirectoryStream(ParadoxStream):
    primary_keys: ClassVar[list[str]] = ["id"]
    replication_key = None

    def _usable(self, entry: object, seen: set[str]) -> bool:
        oid = as_int(entry.get("OID")) if isinstance(entry, Mapping) else None
        if oid is None:
            # Nothing of the entry is logged: users carry names and e-mail addresses.
            self.logger.warning("Skipped a %s entry without a usable OID", self.name)
            return False
        return str(oid) not in seen


class UsersStream(_DirectoryStream):
    """Company users from ``GET /users/`` (page numbers from 1)."""

    name = "users"
    path = "/users/"
    schema = th.PropertiesList(
        th.Property("id", _TEXT, required=True),
        th.Property("remote_id", _TEXT),
        *(th.Property(key, _TEXT) for key in USER_TEXT_KEYS),
        th.Property("location_ids", _INTEGER_LIST),
        th.Property("location_codes", _TEXT_LIST),
        th.Property("area_ids", _INTEGER_LIST),
        th.Property("remote_data", _RAW),
    ).to_dict()

    def get_records(self, context: Mapping | None) -> Iterator[dict[str, Any]]:
        """Read every page until a short or empty one."""
        seen: set[str] = set()
        include_raw = bool(self.config.get("include_remote_data", True))
        for page in range(1, MAX_USER_PAGES + 1):
            payload = self.request_json(self.path, {"limit": USERS_PAGE_SIZE, "page": page})
            users = entries_of(payload, "users")
            fresh = [user for user in users if self._usable(user, seen)]
            for user in fresh:
                record = map_user(user, include_raw)
                seen.add(record["id"])
                yield record
            if len(users) < USERS_PAGE_SIZE or not fresh:
                return


class LocationsStream(_DirectoryStream):
    """Company locations from ``GET /company/locations`` (no paging)."""

    name = "locations"
    path = "/company/locations"
    schema = th.PropertiesList(
        th.Property("id", _TEXT, required=True),
        th.Property("remote_id", _TEXT),
        *(th.Property(key, _TEXT) for key in (*LOCATION_TEXT_SOURCES, "parent_id")),
        th.Property("custom_fields", _RAW),
        th.Property("remote_data", _RAW),
    ).to_dict()

    def get_records(self, context: Mapping | None) -> Iterator[dict[str, Any]]:
        """Read the whole list in one call."""
        seen: set[str] = set()
        include_raw = bool(self.config.get("include_remote_data", True))
        for location in entries_of(self.request_json(self.path), "locations"):
            if self._usable(location, seen):
                record = map_location(location, include_raw)
                seen.add(record["id"])
                yield record
