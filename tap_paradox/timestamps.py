"""Parse the timestamp forms Paradox sends and write the one form the unified model emits.

Paradox mixes ISO-8601 with ``Z`` or an offset, fractional seconds, naive ``YYYY-MM-DD HH:MM:SS``
(UTC), the naive ``T`` form, and, in the job feed, RFC 2822 and plain dates. Everything is
normalised to UTC ``YYYY-MM-DDTHH:MM:SS.sssZ``; text that is none of these gives ``None`` so a bad
value never stops a record (the raw text stays in ``remote_data``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_ISO_PATTERN = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})
        (?:[Tt\ ](?P<hour>\d{2}):(?P<minute>\d{2})
           (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?
           \s*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$""",
    re.VERBOSE,
)


def parse_timestamp(value: object) -> datetime | None:
    """Read any Paradox timestamp form as an aware UTC datetime; ``None`` when unknown or junk."""
    if isinstance(value, datetime):
        return _as_utc(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    match = _ISO_PATTERN.match(text)
    if match:
        return _from_iso_match(match)
    return _from_rfc2822(text)


def format_timestamp(dt: datetime) -> str:
    """Write a datetime as UTC ``YYYY-MM-DDTHH:MM:SS.sssZ`` (a naive datetime is taken as UTC)."""
    utc = _as_utc(dt)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def normalise_timestamp(value: object) -> str | None:
    """Parse a Paradox timestamp and write it in the unified form; ``None`` when unparseable."""
    parsed = parse_timestamp(value)
    return format_timestamp(parsed) if parsed is not None else None


def format_filter_timestamp(dt: datetime) -> str:
    """Write a datetime as ``YYYY-MM-DDTHH:MM:SSZ``, the only form the client sends as a filter."""
    return f"{_as_utc(dt):%Y-%m-%dT%H:%M:%S}Z"


def _as_utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _from_iso_match(match: re.Match[str]) -> datetime | None:
    try:
        day = datetime.strptime(match["date"], "%Y-%m-%d").replace(tzinfo=timezone.utc)
        if match["hour"] is None:
            return day
        # Fractions beyond microseconds are truncated, not rounded, so a value never moves
        # into the next second.
        fraction = (match["fraction"] or "").ljust(6, "0")[:6]
        local = day.replace(
            hour=int(match["hour"]),
            minute=int(match["minute"]),
            second=int(match["second"] or 0),
            microsecond=int(fraction or 0),
        )
        return local - _zone_offset(match["zone"])
    except (ValueError, OverflowError):
        return None


def _zone_offset(zone: str | None) -> timedelta:
    if zone is None or zone in ("Z", "z"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(zone)
    return sign * timedelta(hours=hours, minutes=minutes)


def _from_rfc2822(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    return _as_utc(parsed)
