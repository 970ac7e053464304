"""Custom field explorer (model §7 ``paradox-admin fields``): what free-form keys a tenant has.

Pure: it takes already-sampled ``GET /candidates`` rows and feed jobs and returns one report
per candidate attribute key and per extra feed element. The CLI fetches and prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tap_paradox.mapping.coerce import attributes_of
from tap_paradox.mapping.jobs import CONSUMED_ELEMENTS, FeedJobLike
from tap_paradox.mapping.settings import (
    DEFAULT_CUSTOM_FIELD_MAPPING,
    DEFAULT_INTEGRATION_FIELDS,
    MappingSettings,
)
from tap_paradox.timestamps import parse_timestamp

EXAMPLE_LIMIT = 3
EXAMPLE_MAX_CHARS = 40
DISTINCT_CAP = 10_000  # past this many distinct values the count is reported as a lower bound

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_BOOLEANS = frozenset({"true", "false", "yes", "no"})


@dataclass(frozen=True)
class FieldReport:
    """What the explorer knows about one free-form key."""

    key: str
    source: str  # "attributes" (candidate attribute) or "feed" (extra <job> element)
    inferred_type: str  # string, number, boolean, date, date-time, email or url
    fill_rate: float  # share of sampled records with a non-empty value, 0..1
    filled: int
    sampled: int
    distinct: int
    distinct_capped: bool
    examples: tuple[str, ...]
    default_mapped: bool  # the default mappings use it
    unified_keys: tuple[str, ...]  # where it appears with the given settings

    @property
    def path(self) -> str:
        """Return the source path the mapping settings use for this key."""
        return f"{self.source}.{self.key}"

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        data = asdict(self)
        return {
            **data,
            "path": self.path,
            "examples": list(self.examples),
            "unified_keys": list(self.unified_keys),
        }


@dataclass
class _Tally:
    filled: int = 0
    values: list[str] = field(default_factory=list)  # first EXAMPLE_LIMIT distinct values
    distinct: set[str] = field(default_factory=set)
    capped: bool = False
    types: set[str] = field(default_factory=set)

    def add(self, texts: list[str]) -> None:
        if not texts:
            return
        self.filled += 1
        for text in texts:
            self.types.add(value_type(text))
            if text not in self.distinct:
                if len(self.distinct) < DISTINCT_CAP:
                    self.distinct.add(text)
                else:
                    self.capped = True
                if len(self.values) < EXAMPLE_LIMIT and text not in self.values:
                    self.values.append(text)


def _is_number(value: str) -> bool:
    # "02134" is a code (ZIP, id) whose leading zero matters, not a number.
    return bool(_NUMBER.match(value)) and not re.match(r"^[+-]?0\d", value)


_TYPE_TESTS = (  # first match wins
    ("boolean", lambda value: value.casefold() in _BOOLEANS),
    ("number", _is_number),
    ("date", lambda value: bool(_DATE.match(value)) and parse_timestamp(value) is not None),
    ("date-time", lambda value: parse_timestamp(value) is not None),
    ("email", lambda value: bool(_EMAIL.match(value))),
    ("url", lambda value: bool(_URL.match(value))),
)


def value_type(text: str) -> str:
    """Infer the type of one non-empty value."""
    value = text.strip()
    return next((name for name, test in _TYPE_TESTS if test(value)), "string")


def combined_type(types: set[str]) -> str:
    """One type for a key: the common type, dates widened to date-time, else string."""
    if len(types) == 1:
        return next(iter(types))
    if types == {"date", "date-time"}:
        return "date-time"
    return "string"


def _texts(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    texts = []
    for item in items:
        if item is None or isinstance(item, (dict, list)):
            continue
        text = str(item).strip()
        if text:
            texts.append(text)
    return texts


def _example(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= EXAMPLE_MAX_CHARS:
        return one_line
    return one_line[: EXAMPLE_MAX_CHARS - 1] + "\u2026"


def unified_keys_for(source: str, key: str, settings: MappingSettings | None) -> tuple[str, ...]:
    """Return ``stream.custom_fields.<k>`` / ``candidates.integration_fields.<k>`` it maps to."""
    found: list[str] = []
    streams = ("candidates", "applications") if source == "attributes" else ("jobs",)
    for stream in streams:
        sources = (
            settings.custom_field_sources(stream)
            if settings
            else DEFAULT_CUSTOM_FIELD_MAPPING.get(stream, {})
        )
        named = {unified for unified, path in sources.items() if not path.endswith(".*")}
        for unified, path in sources.items():
            if path == f"{source}.{key}":
                found.append(f"{stream}.custom_fields.{unified}")
            elif path == f"{source}.*" and (source != "feed" or key not in CONSUMED_ELEMENTS):
                expanded = unified.replace("*", key)
                if expanded not in named:  # a named entry with that key wins
                    found.append(f"{stream}.custom_fields.{expanded}")
    if source == "attributes":
        paths = settings.integration_field_paths() if settings else DEFAULT_INTEGRATION_FIELDS
        if "attributes.*" in paths or f"attributes.{key}" in paths:
            found.append(f"candidates.integration_fields.{key}")
    return tuple(dict.fromkeys(found))


def explore_fields(
    rows: Iterable[Mapping[str, Any]],
    feed_jobs: Iterable[FeedJobLike] = (),
    settings: MappingSettings | None = None,
    include_examples: bool = True,
) -> list[FieldReport]:
    """Report every attribute key of the rows and every extra element of the feed jobs."""
    tallies: dict[tuple[str, str], _Tally] = {}
    sampled = {"attributes": 0, "feed": 0}
    for row in rows:
        sampled["attributes"] += 1
        for key, value in attributes_of(row).items():
            tallies.setdefault(("attributes", str(key)), _Tally()).add(_texts(value))
    for job in feed_jobs:
        sampled["feed"] += 1
        for key, value in job.fields.items():
            if key not in CONSUMED_ELEMENTS:
                tallies.setdefault(("feed", key), _Tally()).add(_texts(value))
    reports = []
    for (source, key), tally in sorted(tallies.items()):
        total = sampled[source]
        reports.append(
            FieldReport(
                key=key,
                source=source,
                inferred_type=combined_type(tally.types) if tally.types else "string",
                fill_rate=round(tally.filled / total, 4) if total else 0.0,
                filled=tally.filled,
                sampled=total,
                distinct=len(tally.distinct),
                distinct_capped=tally.capped,
                examples=tuple(_example(v) for v in tally.values) if include_examples else (),
                default_mapped=bool(unified_keys_for(source, key, None)),
                unified_keys=unified_keys_for(source, key, settings),
            )
        )
    return reports
