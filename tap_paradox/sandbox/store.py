"""Live, thread-safe sandbox state: candidates, users, locations and the feed jobs.

Pristine seeded candidates are not kept in memory: only their filter columns are, and their JSON
is rebuilt from (seed, index) on demand into a bounded cache. A write turns a row into a ``Full``
one whose JSON pieces are re-rendered at once, so a list page is always a join of bytes.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import random
import threading

from tap_paradox.sandbox import catalog, seed_activity, seed_candidates
from tap_paradox.sandbox.config import SandboxConfig
from tap_paradox.sandbox.directory import DirectoryMixin
from tap_paradox.sandbox.rows import Full, Row, StageBytes, dumps
from tap_paradox.sandbox.seed_data import build_tenant, oid_of_external
from tap_paradox.sandbox.validation import not_found
from tap_paradox.sandbox.writes import WriteMixin

# Rendered pieces are only re-used to compose another add-on variant of a recent row; the
# composed rows (bounded by config.render_cache_rows) are what pages are served from.
_PIECES_CACHE_ROWS = 4096


@dataclasses.dataclass(frozen=True)
class ListQuery:
    """The parsed parameters of one ``GET /candidates`` call."""

    limit: int = 50
    offset: int = 0
    start: int | None = None
    end: int | None = None
    created_start: int | None = None
    email: str | None = None
    job_req_id: str | None = None
    ex_id: str | None = None
    journey_status: str | None = None
    location_id: int | None = None
    status: int | None = None
    attributes: bool = False
    note: bool = False
    conversation: bool = False
    interviews: bool = False

    def filter_key(self) -> tuple:
        """The part of the query that selects rows (paging and add-ons excluded)."""
        return (
            self.start,
            self.end,
            self.created_start,
            self.email,
            self.job_req_id,
            self.ex_id,
            self.journey_status,
            self.location_id,
            self.status,
        )

    def matches(self, row: Row) -> bool:
        """Whether a row passes every filter (AND)."""
        if self.start is not None and (row.updated is None or row.updated < self.start):
            return False
        if self.end is not None and (row.updated is None or row.updated > self.end):
            return False
        if self.created_start is not None and (
            row.created is None or row.created < self.created_start
        ):
            return False
        return (
            (self.email is None or row.email == self.email)
            and (self.job_req_id is None or row.job_req_id == self.job_req_id)
            and (self.ex_id is None or row.ex_id == self.ex_id)
            and (self.journey_status is None or row.cjs == self.journey_status)
            and (self.location_id is None or row.location_id == self.location_id)
            and (self.status is None or row.status == self.status)
        )


class Store(WriteMixin, DirectoryMixin):
    """The sandbox tenant's live data, shared by the HTTP handlers and the Python API."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.tenant = build_tenant(
            config.seed, config.locations, config.jobs, config.users, config.unknown_job_ratio
        )
        self.public_url = "http://127.0.0.1"
        self._lock = threading.RLock()
        self._write_rng = random.Random(config.seed * 7919 + 1)
        self._rows: dict[int, Row] = {}
        self._oids: list[int] = []
        self._stage = StageBytes()
        self._cache: dict[int, tuple[bytes, bytes, bytes]] = {}
        # Whole list rows per (OID, attributes?, note?): a page is then one join.
        self._composed: dict[tuple[int, bool, bool], bytes] = {}
        self._matches: dict[tuple, tuple[int, list[int]]] = {}
        self._resumes: dict[int, tuple[str, bytes]] = {}
        self._version = 0
        self._feed_version = 0
        self._next_index = config.candidates
        for index in range(config.candidates):
            base = seed_candidates.core(self.tenant, index)
            row = Row(base.oid, index)
            row.set_columns(base.columns())
            self._rows[row.oid] = row
            self._oids.append(row.oid)
        self._next_oid = (self._oids[-1] if self._oids else seed_candidates.FIRST_CANDIDATE_OID) + 1

    # ----- reads -------------------------------------------------------------------------
    @property
    def journeys(self) -> dict[str, list[str]]:
        """Journey name -> its "<Stage>: <Status>" values in order."""
        return {name: list(statuses) for name, statuses in self.tenant.journeys.items()}

    @property
    def default_journey(self) -> str:
        """The company default journey used when a create names none."""
        return catalog.DEFAULT_JOURNEY

    def candidate_oids(self) -> list[int]:
        """Every live OID, ascending."""
        with self._lock:
            return list(self._oids)

    def get_row(self, oid: int) -> dict:
        """The row as ``GET /candidates/{oid}`` serves it (a copy)."""
        with self._lock:
            row = self._rows.get(oid)
            if row is None:
                raise not_found("ID")
            return json.loads(self.single_bytes(row, conversation=False))

    def resolve(self, ident: str) -> Row | None:
        """Find a candidate by OID, else external_oid, else ex_id (lowest OID) [C] 17."""
        with self._lock:
            if ident.isdigit() and int(ident) in self._rows:
                return self._rows[int(ident)]
            decoded = oid_of_external(self.config.seed, ident)
            if decoded is not None and decoded in self._rows:
                return self._rows[decoded]
            # Limitation: ex_id has no index, so this scans (fine for lookups, not for bulk).
            return next(
                (self._rows[oid] for oid in self._oids if self._rows[oid].ex_id == ident), None
            )

    def row_by_oid(self, oid: int) -> Row | None:
        """The live row with this OID, if any."""
        with self._lock:
            return self._rows.get(oid)

    def list_page(self, query: ListQuery, ignore_dates: bool = False) -> bytes:
        """The whole ``GET /candidates`` answer for a query, as bytes."""
        if ignore_dates:
            query = dataclasses.replace(query, start=None, end=None, created_start=None)
        with self._lock:
            oids = self._matching(query)
            page = oids[query.offset : query.offset + query.limit]
            # Fast path: most rows of a page are already composed for this add-on variant.
            composed, variant_a, variant_n = self._composed, query.attributes, query.note
            plain = not (query.conversation or query.interviews)
            rows = b", ".join(
                (plain and composed.get((oid, variant_a, variant_n)))
                or self._list_row(self._rows[oid], query)
                for oid in page
            )
            head = f'{{"limit": {query.limit}, "count": {len(oids)}, "offset": {query.offset}, '
            return head.encode() + b'"candidates": [' + rows + b"]}"

    def _matching(self, query: ListQuery) -> list[int]:
        key = query.filter_key()
        if not any(part is not None for part in key):
            return self._oids
        if query.start is not None and query.end is not None and query.start > query.end:
            return []  # start after end: 200 with an empty list
        cached = self._matches.get(key)
        if cached is not None and cached[0] == self._version:
            return cached[1]
        # Limitation: a filter scans every row (about 30 ms at 200 000 candidates); the result is
        # cached until the next write, so paging through one filtered listing scans once.
        rows = self._rows
        found = [oid for oid in self._oids if query.matches(rows[oid])]
        if len(self._matches) > 64:
            self._matches.clear()
        self._matches[key] = (self._version, found)
        return found

    def _pieces(self, row: Row) -> tuple[bytes, bytes, bytes]:
        # Limitation: rendering a pristine row costs ~100 us (about 10 000 rows/s), so the first
        # read of a large dataset is slower than later, cached reads.
        if row.full is not None:
            return row.full.cand_b, row.full.attrs_b, row.full.note_b
        cached = self._cache.get(row.oid)
        if cached is None:
            cand, attrs, note = seed_candidates.generate(self.tenant, row.index)
            cached = (dumps(cand), dumps(attrs), dumps(note))
            if len(self._cache) >= _PIECES_CACHE_ROWS:
                del self._cache[next(iter(self._cache))]  # first in, first out
            self._cache[row.oid] = cached
        return cached

    def _list_row(self, row: Row, query: ListQuery) -> bytes:
        if query.conversation or query.interviews:
            return self._compose(row, query)
        key = (row.oid, query.attributes, query.note)
        composed = self._composed.get(key)
        if composed is None:
            if row.full is None and row.oid not in self._cache:
                composed = self._render_pristine(row, query)
            else:
                composed = self._compose(row, query)
            # When full, new rows are not cached: evicting would make every sequential pass
            # over a dataset larger than the cache miss on every row.
            cap = self.config.render_cache_rows
            if cap is None or len(self._composed) < cap:
                self._composed[key] = composed
        return composed

    def _render_pristine(self, row: Row, query: ListQuery) -> bytes:
        """A first read of a seeded row: one encoder call for the whole row (no pieces)."""
        cand, attrs, note = seed_candidates.generate(self.tenant, row.index)
        document = {"candidate": cand, "stage": StageBytes.as_object(row.cjs)}
        if query.attributes:
            document["attributes"] = attrs
        if query.note:
            document["note"] = note
        return dumps(document)

    def _forget(self, oid: int) -> None:
        """Drop every rendered form of a row after it changed."""
        self._cache.pop(oid, None)
        for attributes in (False, True):
            for note in (False, True):
                self._composed.pop((oid, attributes, note), None)

    def _compose(self, row: Row, query: ListQuery) -> bytes:
        cand_b, attrs_b, note_b = self._pieces(row)
        parts = [b'{"candidate": ', cand_b, b', "stage": ', self._stage.get(row.cjs)]
        if query.attributes:
            parts += [b', "attributes": ', attrs_b]
        if query.note:
            parts += [b', "note": ', note_b]
        if query.conversation:
            parts += [b', "conversation": ', dumps(self._conversation(row))]
        if query.interviews:
            parts += [b', "interview": ', dumps(self._interview(row))]
        parts.append(b"}")
        return b"".join(parts)

    def single_bytes(self, row: Row, *, conversation: bool, interviews: bool = False) -> bytes:
        """One row with note and attributes, as ``GET /candidates/{ID}`` answers."""
        query = ListQuery(
            attributes=True, note=True, conversation=conversation, interviews=interviews
        )
        return self._list_row(row, query)

    def write_answer(self, row: Row, *, success: bool) -> bytes:
        """The row shape a create (with ``success``) or an update answers."""
        cand_b, _attrs_b, _note_b = self._pieces(row)
        head = b'{"success": true, ' if success else b"{"
        return head + b'"candidate": ' + cand_b + b', "stage": ' + self._stage.get(row.cjs) + b"}"

    def _conversation(self, row: Row) -> list[dict]:
        # Limitation: conversations are seeded only; no write adds messages, and candidates
        # created at run time have none.
        if row.index < 0:
            return []
        return seed_activity.conversation(self.tenant, row.index)

    def _interview(self, row: Row) -> dict:
        if row.index < 0:
            return seed_activity.interview_none()
        return seed_activity.interview(self.tenant, row.index, row.location_id)

    def _full(self, row: Row) -> Full:
        """Hold a row in full before changing it."""
        if row.full is None:
            cand, attrs, note = seed_candidates.generate(self.tenant, row.index)
            row.full = Full(cand, attrs, note)
            self._forget(row.oid)
        return row.full

    def _insert_row(self, row: Row) -> None:
        self._rows[row.oid] = row
        bisect.insort(self._oids, row.oid)
        self._version += 1

    def _drop_row(self, oid: int) -> None:
        del self._rows[oid]
        del self._oids[bisect.bisect_left(self._oids, oid)]
        self._forget(oid)
        self._resumes.pop(oid, None)
        self._version += 1

    def resume(self, oid: int) -> tuple[str, bytes] | None:
        """The stored CV of a candidate (file name, content)."""
        with self._lock:
            return self._resumes.get(oid)
