"""One stored candidate: the columns lists filter on, plus its rendered JSON pieces."""

from __future__ import annotations

import json

from tap_paradox.sandbox import timestamps
from tap_paradox.sandbox.validation import split_status

# One reusable encoder: json.dumps with any non-default option builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(", ", ": "))


def dumps(value: object) -> bytes:
    """UTF-8 JSON the way the sandbox serves it."""
    return _ENCODER.encode(value).encode()


class Full:
    """A candidate held in full: after any write, or for candidates created at run time."""

    __slots__ = ("attrs", "attrs_b", "cand", "cand_b", "note", "note_b")

    def __init__(self, cand: dict, attrs: dict, note: str) -> None:
        self.cand, self.attrs, self.note = cand, attrs, note
        self.render()

    def render(self) -> None:
        """Re-render the JSON pieces after a change (the list path only joins bytes)."""
        self.cand_b = dumps(self.cand)
        self.attrs_b = dumps(self.attrs)
        self.note_b = dumps(self.note)


class Row:
    """Filter columns of one candidate; ``full`` is None while it is still as seeded."""

    __slots__ = (
        "cjs",
        "created",
        "email",
        "ex_id",
        "full",
        "index",
        "job_req_id",
        "location_id",
        "oid",
        "status",
        "updated",
    )

    def __init__(self, oid: int, index: int) -> None:
        self.oid, self.index, self.full = oid, index, None

    def set_columns(self, columns: tuple) -> None:
        """Set the filter columns directly (seeded rows, without rendering them)."""
        (
            self.email,
            self.job_req_id,
            self.ex_id,
            self.cjs,
            self.location_id,
            self.status,
            self.created,
            self.updated,
        ) = columns

    def load_columns(self, cand: dict) -> None:
        """Refresh the filter columns from the candidate object."""
        self.set_columns(
            (
                _text(cand.get("email")),
                _text(cand.get("job_req_id")),
                _text(cand.get("ex_id")),
                _text(cand.get("candidate_journey_status")),
                _integer(cand.get("location_id")),
                _integer(cand.get("status")),
                _instant(cand.get("created_at")),
                _instant(cand.get("updated_at")),
            )
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _instant(value: object) -> int | None:
    if not isinstance(value, str) or not value:
        return None
    return timestamps.parse_any(value)


class StageBytes:
    """Rendered ``stage`` objects, shared by every row in the same journey status."""

    def __init__(self) -> None:
        self._cache: dict[str | None, bytes] = {None: b"null"}

    def get(self, journey_status: str | None) -> bytes:
        """The ``stage`` JSON for a journey status (null without one)."""
        cached = self._cache.get(journey_status)
        if cached is None:
            stage, status = split_status(journey_status or "")
            cached = dumps({"name": stage, "status": status})
            self._cache[journey_status] = cached
        return cached

    @staticmethod
    def as_object(journey_status: str | None) -> dict | None:
        """The ``stage`` object for a journey status."""
        if not journey_status:
            return None
        stage, status = split_status(journey_status)
        return {"name": stage, "status": status}
