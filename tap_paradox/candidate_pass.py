"""The one ``GET /candidates`` pass of a run: offset paging that survives data changing under it.

Paradox orders rows by ascending OID, but a deletion while we page shifts every later row one
offset down, so plain offset paging can skip a row (contract §7). Three defences:

* every page re-reads the last ``page_overlap`` rows of the previous one, and rows are deduped
  by OID (a repeat is passed on only when its ``updated_at`` is newer);
* a page must start at or before the highest OID read so far; when it starts after it, rows may
  have slid past us, so the pass steps back (doubling the distance) until the pages overlap;
* when ``count`` drops between calls, the next page starts that many rows earlier.

Inserts get new, higher OIDs and updates do not move rows, so they cause repeats, never gaps;
anything changed behind our position carries an ``updated_at`` after the run's start and is
read by the next run, because the bookmark never passes the run's start.
"""

from __future__ import annotations

import logging
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tap_paradox.mapping.coerce import InvalidRowError, as_int, oid_of
from tap_paradox.timestamps import parse_timestamp

LOGGER = logging.getLogger(__name__)
STOP_RULES = ("both", "short_page", "count")
MAX_STEP_BACKS_PER_PAGE = 32

FetchPage = Callable[[dict[str, Any]], Mapping[str, Any]]


@dataclass(frozen=True)
class PassOptions:
    """How to page: rows per page, rows re-read, stop rule and the fixed query parameters."""

    page_size: int = 50
    overlap: int = 5
    stop_rule: str = "both"
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Reject settings that could never make progress."""
        if not 1 <= self.page_size <= 50:
            msg = f"page_size must be between 1 and 50, got {self.page_size}"
            raise ValueError(msg)
        if not 0 <= self.overlap < self.page_size:
            msg = f"page_overlap must be at least 0 and below page_size, got {self.overlap}"
            raise ValueError(msg)
        if self.stop_rule not in STOP_RULES:
            msg = f"stop_rule must be one of {list(STOP_RULES)}, got {self.stop_rule!r}"
            raise ValueError(msg)


@dataclass
class PassStats:
    """What the pass did, for the run's log line (no personal data)."""

    pages: int = 0
    rows: int = 0
    unique: int = 0
    repeats: int = 0
    skipped: int = 0
    step_backs: int = 0


def rows_of(payload: object) -> list[Any]:
    """Return the rows of a list answer: the ``candidates`` envelope or a bare array."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, Mapping) and isinstance(payload.get("candidates"), list):
        return payload["candidates"]
    msg = "GET /candidates answered without a 'candidates' list"
    raise ValueError(msg)


def _updated_ms(row: Mapping[str, Any]) -> int:
    candidate = row.get("candidate")
    parsed = (
        parse_timestamp(candidate.get("updated_at")) if isinstance(candidate, Mapping) else None
    )
    return int(parsed.timestamp() * 1000) if parsed is not None else -1


class SeenOids:
    """OID -> updated_at (epoch ms) of the rows read, 16 bytes per OID instead of ~100 in a dict.

    Rows arrive in ascending OID order, so nearly every new OID is appended at the end; only a
    row that moved while we paged lands in the middle.
    """

    def __init__(self) -> None:
        """Start empty."""
        self._oids = array("q")
        self._updated = array("q")

    def __len__(self) -> int:
        """Count the OIDs read."""
        return len(self._oids)

    def get(self, oid: int) -> int | None:
        """Return the updated_at stored for an OID, or ``None`` when it was not read."""
        position = bisect_left(self._oids, oid)
        if position < len(self._oids) and self._oids[position] == oid:
            return self._updated[position]
        return None

    def put(self, oid: int, updated_ms: int) -> None:
        """Store (or replace) the updated_at of an OID."""
        oids = self._oids
        if not oids or oid > oids[-1]:
            oids.append(oid)
            self._updated.append(updated_ms)
            return
        position = bisect_left(oids, oid)
        if position < len(oids) and oids[position] == oid:
            self._updated[position] = updated_ms
        else:
            oids.insert(position, oid)
            self._updated.insert(position, updated_ms)


class CandidatePass:
    """Iterate the unique rows of one paged ``GET /candidates`` read."""

    def __init__(
        self, fetch_page: FetchPage, options: PassOptions, logger: logging.Logger = LOGGER
    ) -> None:
        """Bind the page fetcher (one HTTP call per page) and the paging options."""
        self._fetch_page = fetch_page
        self._options = options
        self._logger = logger
        self._seen = SeenOids()
        self._skipped_positions: set[int] = set()
        self.stats = PassStats()

    def rows(self) -> Iterator[tuple[int, Mapping[str, Any]]]:
        """Yield ``(OID, row)`` for each new OID, and for a repeat that is newer."""
        options = self._options
        offset, previous_count, highest_oid = 0, None, -1
        step_backs_here, back = 0, 0
        while True:
            rows, count = self._page(offset)
            oids = [self._oid(row) for row in rows]
            valid = [oid for oid in oids if oid is not None]
            # Without overlap there is no row to recognise, so no gap can be detected.
            if (
                offset > 0
                and options.overlap > 0
                and valid
                and valid[0] > highest_oid
                and step_backs_here < MAX_STEP_BACKS_PER_PAGE
            ):
                back = max(options.overlap, 1, back * 2)
                offset, step_backs_here = max(0, offset - back), step_backs_here + 1
                self.stats.step_backs += 1
                continue
            step_backs_here, back = 0, 0
            for position, (oid, row) in enumerate(zip(oids, rows, strict=True), start=offset):
                if oid is None:
                    self._skip(position)
                elif self._is_new(oid, row):
                    yield oid, row
            highest_oid = max([highest_oid, *valid])
            if self._is_last_page(offset, len(rows), count):
                return
            drop = previous_count - count if previous_count is not None and count else 0
            previous_count = count if count is not None else previous_count
            offset = max(offset + 1, offset + len(rows) - options.overlap - max(drop, 0))

    def _page(self, offset: int) -> tuple[list[Any], int | None]:
        params = {**self._options.params, "limit": self._options.page_size, "offset": offset}
        payload = self._fetch_page(params)
        self.stats.pages += 1
        count = as_int(payload.get("count")) if isinstance(payload, Mapping) else None
        rows = rows_of(payload)
        self.stats.rows += len(rows)
        return rows, count

    def _oid(self, row: Any) -> int | None:
        try:
            return oid_of(row)
        except InvalidRowError:
            return None

    def _skip(self, position: int) -> None:
        # A re-read (overlap, step back) shows the same bad row again: report it once. Nothing
        # of the row is logged, since it may hold a name or an e-mail address.
        if position in self._skipped_positions:
            return
        self._skipped_positions.add(position)
        self.stats.skipped += 1
        self._logger.warning(
            "Skipped the GET /candidates row at offset %d: it has no candidate object or no "
            "usable candidate.OID",
            position,
        )

    def _is_new(self, oid: int, row: Mapping[str, Any]) -> bool:
        updated = _updated_ms(row)
        known = self._seen.get(oid)
        if known is not None and updated <= known:
            self.stats.repeats += 1
            return False
        if known is None:
            self.stats.unique += 1
        self._seen.put(oid, updated)
        return True

    def _is_last_page(self, offset: int, received: int, count: int | None) -> bool:
        if received == 0:
            return True
        short = received < self._options.page_size
        reached_count = count is not None and offset + received >= count
        rule = self._options.stop_rule
        if rule == "short_page":
            return short
        if rule == "count":
            return reached_count if count is not None else short
        return short or reached_count
