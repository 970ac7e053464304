"""Country to ISO 3166-1 alpha-2 (model §1.5): names, alpha-2, alpha-3, else the raw text."""

from __future__ import annotations

import pytest

from tap_paradox.mapping.country import _TABLE, country_code

CASES = [
    ("alpha-2", "US", "US"),
    ("alpha-2-lower", "gb", "GB"),
    ("alpha-3", "MEX", "MX"),
    ("alpha-3-lower", "deu", "DE"),
    ("name", "Canada", "CA"),
    ("name-any-case", "UNITED STATES", "US"),
    ("name-with-the", "The Netherlands", "NL"),
    ("name-without-the", "Bahamas", "BS"),
    ("dotted-abbreviation", "U.S.A.", "US"),
    ("dotted-two-letters", "U.K.", "GB"),
    ("accented", "C\u00f4te d\u2019Ivoire", "CI"),
    ("accent-dropped", "Cote dIvoire", "CI"),
    ("ampersand", "Trinidad & Tobago", "TT"),
    ("local-name", "Deutschland", "DE"),
    ("surrounding-space", "  France ", "FR"),
    ("unknown-kept", "Atlantis", "Atlantis"),
    ("unknown-code-kept", "XX", "XX"),
    ("empty", "", None),
    ("null", None, None),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_country_code(value, expected):
    assert country_code(value) == expected


def test_table_covers_every_assigned_country_once():
    entries = [entry.split(" ", 2) for entry in _TABLE.split(";")]
    alpha2 = [entry[0] for entry in entries]
    alpha3 = [entry[1] for entry in entries]
    assert len(entries) == 249
    assert len(set(alpha2)) == len(alpha2)
    assert len(set(alpha3)) == len(alpha3)
    assert all(country_code(code) == code for code in alpha2)
