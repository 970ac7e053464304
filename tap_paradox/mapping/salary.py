"""Salary text of the job feed into amount, range, currency and period (model §2.1.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# 15 · 15.50 · 1,250.00 · 45k · 45.5K, and the European 1.850 / 2.100,50 / 15,5: a "." before
# exactly three digits is a thousands separator (no salary is written with three decimals), a
# "," before one or two final digits is a decimal comma.
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+)"
    r"(?:\.(?P<dec>\d+)|,(?P<dec_comma>\d{1,2})(?!\d))?"
    r"(?:\s?(?P<k>[kK])(?![A-Za-z]))?"
)
_SYMBOLS = {  # longest first, so "US$" is not read as "$"
    "US$": "USD",
    "CA$": "CAD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "MX$": "MXN",
    "C$": "CAD",
    "A$": "AUD",
    "S$": "SGD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₱": "PHP",
}
# The ISO 4217 codes a job feed plausibly carries; matched only in upper case so that words
# such as "all" or "top" (also ISO codes) are never read as currencies.
_CODE_NAMES = (
    "USD EUR GBP CAD AUD NZD CHF JPY CNY INR MXN BRL SEK NOK DKK PLN CZK HUF RON BGN ZAR SGD HKD "
    "AED SAR ILS TRY KRW PHP IDR MYR THB VND COP CLP PEN ARS EGP NGN KES MAD PKR BDT TWD"
)
_CODES = frozenset(_CODE_NAMES.split())
_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_SYMBOL = re.compile("|".join(re.escape(symbol) for symbol in [*_SYMBOLS, "$"]))
# Known limitation: period words are English only ("monatlich", "par heure" give no period),
# and a bare number such as "401k" in a benefits text is read as an amount when it is the only
# number. The raw text always stays in custom_fields.salary.
_PERIODS = (  # bi-weekly before weekly; each on word boundaries, any case
    ("TWO_WEEKS", r"bi-?weekly|bi-?week|fortnight(?:ly)?|every\s+two\s+weeks"),
    ("HOUR", r"hours?|hourly|hrs?|h"),
    ("DAY", r"days?|daily"),
    ("WEEK", r"weeks?|weekly|wk"),
    ("MONTH", r"months?|monthly|mo|mth"),
    ("YEAR", r"years?|yearly|yr|annual(?:ly)?|per\s+annum|p\.?a\.?"),
)
_PERIOD = re.compile(
    "|".join(rf"(?P<{name}>(?<![\w-])(?:{words})(?![\w-]))" for name, words in _PERIODS),
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile("^\\s*(?:-|\u2013|\u2014|to)\\s*$", re.IGNORECASE)  # -, en/em dash, to
_NOISE_BETWEEN = re.compile(
    rf"{_SYMBOL.pattern}|(?<![A-Za-z])[A-Z]{{3}}(?![A-Za-z])|/|\bper\b|\ban?\b|{_PERIOD.pattern}",
    re.IGNORECASE,
)
RANGE_AMOUNTS = ("low", "high", "mid", "none")


@dataclass(frozen=True)
class SalaryFields:
    """The salary columns of a job; all ``None`` when the text has no number."""

    amount: float | None = None
    amount_from: float | None = None
    amount_to: float | None = None
    currency: str | None = None
    period: str | None = None

    def as_record_fields(self) -> dict[str, object]:
        """Return the fields under their ``jobs`` column names."""
        return {
            "salary_amount": self.amount,
            "salary_amount_from": self.amount_from,
            "salary_amount_to": self.amount_to,
            "salary_currency": self.currency,
            "salary_period": self.period,
        }


def parse_salary(
    text: str | None, default_currency: str = "USD", range_amount: str = "low"
) -> SalaryFields:
    """Read a salary text such as ``$15.00 - $18.00 per hour`` into its fields."""
    if range_amount not in RANGE_AMOUNTS:
        raise ValueError(f"range_amount must be one of {list(RANGE_AMOUNTS)}")
    if not isinstance(text, str):
        return SalaryFields()
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return SalaryFields()
    anchor = _anchor(text, numbers)
    low, high, last = _range_from(text, numbers, anchor)
    currency = _currency(text, default_currency)
    period = _period(text, last.end())
    if high is None:
        return SalaryFields(low, None, None, currency, period)
    low, high = min(low, high), max(low, high)
    amount = {"low": low, "high": high, "mid": (low + high) / 2, "none": None}[range_amount]
    return SalaryFields(amount, low, high, currency, period)


def _value(match: re.Match[str]) -> float:
    digits = match["int"].replace(",", "").replace(".", "")
    fraction = match["dec"] or match["dec_comma"] or "0"
    value = float(f"{digits}.{fraction}")
    return value * 1000 if match["k"] else value


def _anchor(text: str, numbers: list[re.Match[str]]) -> int:
    """Index of the first number marked as money (next to a currency), else the first number."""
    for index, match in enumerate(numbers):
        before = text[max(0, match.start() - 4) : match.start()]
        after = text[match.end() : match.end() + 4]
        if _SYMBOL.search(before) or _code_in(before) or _code_in(after):
            # "1,200 - 1,500 EUR": the marked number may be the upper bound of a range.
            if index and _joined(text, numbers[index - 1], match):
                return index - 1
            return index
    return 0


def _joined(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Tell whether two numbers form a range (only a dash or "to" between them)."""
    between = _NOISE_BETWEEN.sub("", text[first.end() : second.start()])
    return _RANGE_JOIN.match(between) is not None


def _code_in(text: str) -> bool:
    return any(code in _CODES for code in _CODE.findall(text))


def _range_from(
    text: str, numbers: list[re.Match[str]], anchor: int
) -> tuple[float, float | None, re.Match[str]]:
    first = numbers[anchor]
    if anchor + 1 >= len(numbers):
        return _value(first), None, first
    second = numbers[anchor + 1]
    if not _joined(text, first, second):
        return _value(first), None, first
    low, high = _value(first), _value(second)
    if second["k"] and not first["k"] and low * 1000 <= high:
        low *= 1000  # "$50-60k": the suffix covers both bounds
    return low, high, second


def _currency(text: str, default_currency: str) -> str | None:
    for code in _CODE.findall(text):
        if code in _CODES:
            return code
    symbol = _SYMBOL.search(text)
    if symbol is None:
        return None
    return _SYMBOLS.get(symbol.group(0), default_currency)


def _period(text: str, after: int) -> str | None:
    """The first period word after the amount, else the first one anywhere."""
    match = _PERIOD.search(text, after) or _PERIOD.search(text)
    if match is None:
        return None
    return next(name for name, value in match.groupdict().items() if value is not None)
