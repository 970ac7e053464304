"""Every timestamp form of contract §5.5 and §6 normalises to the model's UTC form (§1.2)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tap_paradox.timestamps import (
    format_filter_timestamp,
    format_timestamp,
    normalise_timestamp,
    parse_timestamp,
)

NORMALISED = [
    ("iso-z", "2025-03-01T09:15:00Z", "2025-03-01T09:15:00.000Z"),
    ("iso-lower-z", "2025-03-01t09:15:00z", "2025-03-01T09:15:00.000Z"),
    ("iso-offset-plus", "2025-03-01T11:15:00+02:00", "2025-03-01T09:15:00.000Z"),
    ("iso-offset-minus", "2025-03-01T04:15:00-05:00", "2025-03-01T09:15:00.000Z"),
    ("iso-offset-no-colon", "2025-03-01T11:15:00+0200", "2025-03-01T09:15:00.000Z"),
    ("iso-offset-hours-only", "2025-03-01T11:15:00+02", "2025-03-01T09:15:00.000Z"),
    ("offset-crosses-day", "2025-03-01T01:00:00+03:00", "2025-02-28T22:00:00.000Z"),
    ("fraction-1-digit", "2025-03-01T09:15:00.2Z", "2025-03-01T09:15:00.200Z"),
    ("fraction-3-digits", "2025-03-01T09:15:00.250Z", "2025-03-01T09:15:00.250Z"),
    ("fraction-6-digits", "2025-03-01T09:15:00.123456Z", "2025-03-01T09:15:00.123Z"),
    ("fraction-9-digits-truncated", "2025-03-01T09:15:00.999999999Z", "2025-03-01T09:15:00.999Z"),
    ("fraction-with-offset", "2025-03-01T11:15:00.5+02:00", "2025-03-01T09:15:00.500Z"),
    ("naive-space", "2025-02-27 14:02:11", "2025-02-27T14:02:11.000Z"),
    ("naive-t", "2025-03-01T09:15:00", "2025-03-01T09:15:00.000Z"),
    ("naive-no-seconds", "2025-03-01T09:15", "2025-03-01T09:15:00.000Z"),
    ("plain-date", "2025-03-01", "2025-03-01T00:00:00.000Z"),
    ("surrounding-whitespace", "  2025-03-01T09:15:00Z \n", "2025-03-01T09:15:00.000Z"),
    ("rfc2822-gmt", "Mon, 03 Mar 2025 06:00:00 GMT", "2025-03-03T06:00:00.000Z"),
    ("rfc2822-offset", "Fri, 28 Feb 2025 17:20:00 -0600", "2025-02-28T23:20:00.000Z"),
    ("rfc2822-no-weekday", "28 Feb 2025 17:20:00 +0000", "2025-02-28T17:20:00.000Z"),
    ("leap-day", "2024-02-29 23:59:59", "2024-02-29T23:59:59.000Z"),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [case[1:] for case in NORMALISED], ids=[case[0] for case in NORMALISED]
)
def test_normalise_accepts_every_paradox_form(raw, expected):
    assert normalise_timestamp(raw) == expected


UNKNOWN = [
    ("none", None),
    ("empty", ""),
    ("blank", "   "),
    ("junk", "not a date"),
    ("impossible-day", "2025-02-30"),
    ("impossible-hour", "2025-03-01T25:00:00Z"),
    ("bad-offset", "2025-03-01T09:15:00+25:00"),
    ("integer", 1740820500),
    ("boolean", True),
    ("list", ["2025-03-01"]),
    ("date-only-slashes", "03/01/2025"),
    ("trailing-garbage", "2025-03-01T09:15:00Z and more"),
]


@pytest.mark.parametrize("raw", [case[1] for case in UNKNOWN], ids=[case[0] for case in UNKNOWN])
def test_unknown_or_junk_gives_none(raw):
    assert parse_timestamp(raw) is None
    assert normalise_timestamp(raw) is None


def test_parse_returns_aware_utc():
    parsed = parse_timestamp("2025-03-01T11:15:00+02:00")
    assert parsed == datetime(2025, 3, 1, 9, 15, tzinfo=timezone.utc)
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 3, 1, 9, 15, 0, 987654), "2025-03-01T09:15:00.987Z"),
        (
            datetime(2025, 3, 1, 11, 15, tzinfo=timezone(timedelta(hours=2))),
            "2025-03-01T09:15:00.000Z",
        ),
    ],
    ids=["naive-is-utc", "aware-converted"],
)
def test_format_timestamp(value, expected):
    assert format_timestamp(value) == expected
    assert normalise_timestamp(value) == expected


def test_filter_timestamp_has_no_fraction():
    value = datetime(2025, 3, 1, 11, 15, 7, 500000, tzinfo=timezone(timedelta(hours=2)))
    assert format_filter_timestamp(value) == "2025-03-01T09:15:07Z"
