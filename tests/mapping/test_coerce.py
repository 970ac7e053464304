"""Loose Paradox values (contract §7): coerce where unambiguous, else no value."""

from __future__ import annotations

import pytest

from tap_paradox.mapping.coerce import as_flag, as_int, as_text
from tap_paradox.mapping.enums import record_status_label, source_label

INTS = [
    ("int", 7, 7),
    ("numeric-string", "481516", 481516),
    ("padded-string", " 42 ", 42),
    ("signed-string", "-3", -3),
    ("integral-float", 12.0, 12),
    ("fraction", 12.5, None),
    ("decimal-string", "12.5", None),
    ("boolean", True, None),
    ("text", "seven", None),
    ("empty", "", None),
    ("null", None, None),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in INTS], ids=[c[0] for c in INTS])
def test_as_int(value, expected):
    assert as_int(value) == expected


FLAGS = [
    ("one", 1, 1),
    ("zero", 0, 0),
    ("true", True, 1),
    ("false", False, 0),
    ("text-one", "1", 1),
    ("text-true", "TRUE", 1),
    ("text-no", "no", 0),
    ("two", 2, None),
    ("text", "maybe", None),
    ("null", None, None),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in FLAGS], ids=[c[0] for c in FLAGS])
def test_as_flag(value, expected):
    assert as_flag(value) == expected


TEXTS = [
    ("text", " Dallas ", "Dallas"),
    ("blank", "   ", None),
    ("empty", "", None),
    ("null", None, None),
    ("int", 4695550142, "4695550142"),
    ("integral-float", 4695550142.0, "4695550142"),
    ("boolean", True, "true"),
    ("object", {"a": 1}, None),
    ("list", ["a"], None),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in TEXTS], ids=[c[0] for c in TEXTS])
def test_as_text(value, expected):
    assert as_text(value) == expected


@pytest.mark.parametrize(
    ("value", "source", "status"),
    [
        (1, "SMS", "APPROVED"),
        ("5", "EMBEDDED_WIDGET", "SPAM"),
        (0, "0", "0"),
        (None, None, None),
        ("X", "X", "X"),
    ],
    ids=["known", "numeric-string", "unknown-number", "null", "text-passed-through"],
)
def test_enum_labels(value, source, status):
    assert (source_label(value), record_status_label(value)) == (source, status)
