"""Salary text into amount, range, currency and period (model §2.1.1)."""

from __future__ import annotations

import pytest

from tap_paradox.mapping.salary import SalaryFields, parse_salary

CASES = [
    ("contract-example", "$15.00 - $18.00 per hour", (15, 15, 18, "USD", "HOUR")),
    ("single-number", "$16.50 an hour", (16.5, None, None, "USD", "HOUR")),
    ("thousands", "$45,000 to $60,000 a year", (45000, 45000, 60000, "USD", "YEAR")),
    ("k-suffix-both", "$45k-$60k per year", (45000, 45000, 60000, "USD", "YEAR")),
    ("k-suffix-upper-only", "$50-60K/yr", (50000, 50000, 60000, "USD", "YEAR")),
    ("k-decimal", "£32.5k annual", (32500, None, None, "GBP", "YEAR")),
    ("en-dash", "€2,000\u2013€2,500 monthly", (2000, 2000, 2500, "EUR", "MONTH")),
    ("em-dash", "$20\u2014$25 hourly", (20, 20, 25, "USD", "HOUR")),
    ("to-any-case", "$20 TO $25 Hourly", (20, 20, 25, "USD", "HOUR")),
    ("iso-code-before", "CAD 20 - 25 per hour", (20, 20, 25, "CAD", "HOUR")),
    ("iso-code-after", "1,200 - 1,500 EUR per month", (1200, 1200, 1500, "EUR", "MONTH")),
    ("code-beats-symbol", "$30 AUD per hour", (30, None, None, "AUD", "HOUR")),
    ("prefixed-dollar", "C$25/hr", (25, None, None, "CAD", "HOUR")),
    ("period-per-bound", "$15/hr - $18/hr", (15, 15, 18, "USD", "HOUR")),
    ("bi-weekly", "$1,250.00 bi-weekly", (1250, None, None, "USD", "TWO_WEEKS")),
    ("biweekly", "$1,250 biweekly", (1250, None, None, "USD", "TWO_WEEKS")),
    ("weekly", "$800 weekly", (800, None, None, "USD", "WEEK")),
    ("daily", "$150 per day", (150, None, None, "USD", "DAY")),
    ("per-annum", "£40,000 per annum", (40000, None, None, "GBP", "YEAR")),
    ("no-currency-no-period", "18", (18, None, None, None, None)),
    ("reversed-range-sorted", "$18 - $15 per hour", (15, 15, 18, "USD", "HOUR")),
    (
        "money-number-preferred",
        "40 hours a week, $60,000 per year",
        (60000, None, None, "USD", "YEAR"),
    ),
    (
        "two-numbers-not-a-range",
        "$18 per hour plus $2 shift differential",
        (18, None, None, "USD", "HOUR"),
    ),
    ("decimal-comma", "15,50 € pro Stunde", (15.5, None, None, "EUR", None)),
    ("lowercase-code-ignored", "usd 20", (20, None, None, None, None)),
    ("dot-thousands", "\u20ac1.850 brutto monatlich", (1850, None, None, "EUR", None)),
    ("dot-thousands-comma-decimal", "2.100,50 EUR", (2100.5, None, None, "EUR", None)),
    ("dot-thousands-range", "10.000-12.000 EUR per year", (10000, 10000, 12000, "EUR", "YEAR")),
    (
        "sandbox-pound-range",
        "\u00a322k\u2013\u00a325k a year",
        (22000, 22000, 25000, "GBP", "YEAR"),
    ),
    ("up-to", "Up to $52,000 annually", (52000, None, None, "USD", "YEAR")),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_salary_text(text, expected):
    amount, low, high, currency, period = expected
    assert parse_salary(text) == SalaryFields(amount, low, high, currency, period)


@pytest.mark.parametrize(
    "text",
    ["", "   ", None, "Competitive", "DOE", "$ depending on experience"],
    ids=["empty", "blank", "null", "competitive", "doe", "symbol-only"],
)
def test_no_number_gives_all_null(text):
    assert parse_salary(text) == SalaryFields()


@pytest.mark.parametrize(
    ("range_amount", "amount"),
    [("low", 15), ("high", 18), ("mid", 16.5), ("none", None)],
)
def test_range_amount_setting(range_amount, amount):
    result = parse_salary("$15 - $18 per hour", range_amount=range_amount)
    assert (result.amount, result.amount_from, result.amount_to) == (amount, 15, 18)


def test_default_currency_for_dollar():
    assert parse_salary("$15", default_currency="CAD").currency == "CAD"
    assert parse_salary("US$15", default_currency="CAD").currency == "USD"


def test_unknown_range_amount_is_an_error():
    with pytest.raises(ValueError, match="range_amount"):
        parse_salary("$15", range_amount="max")


def test_record_field_names():
    assert parse_salary("$15 - $18 per hour").as_record_fields() == {
        "salary_amount": 15,
        "salary_amount_from": 15,
        "salary_amount_to": 18,
        "salary_currency": "USD",
        "salary_period": "HOUR",
    }
