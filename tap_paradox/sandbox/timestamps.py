"""The four timestamp forms of the contract (§5.5) and the filter-parameter parser (§4.1)."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone

FORM_ISO_Z = 0  # 2025-03-01T09:15:00Z
FORM_OFFSET = 1  # 2025-03-01T11:15:00+02:00
FORM_FRACTION = 2  # 2025-03-01T09:15:00.250Z or with an offset
FORM_NAIVE_SPACE = 3  # 2025-03-01 09:15:00 (UTC)
FORMS = (FORM_ISO_Z, FORM_OFFSET, FORM_FRACTION, FORM_NAIVE_SPACE)

# Offsets seen in real tenants: whole hours, half hours (India) and quarter hours (Nepal).
OFFSET_MINUTES = (-480, -420, -360, -300, -240, 60, 120, 180, 330, 345, 540, 600)

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$", re.IGNORECASE
)


class TimestampError(ValueError):
    """A filter value is not one of the accepted timestamp forms."""


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def micros_of(moment: datetime) -> int:
    """Whole microseconds since the epoch of an aware datetime (exact, unlike float seconds)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


def render(micros: int, form: int, offset_minutes: int = 0, fraction_digits: int = 3) -> str:
    """Write an instant (already truncated to what the form can show) in one of the four forms."""
    seconds, fraction = divmod(micros, 1_000_000)
    # The offset form always shows its offset (even +00:00); fractions use Z when it is zero.
    if form in (FORM_NAIVE_SPACE, FORM_ISO_Z) or (form == FORM_FRACTION and not offset_minutes):
        offset_minutes, suffix = 0, "Z"
    else:
        sign = "-" if offset_minutes < 0 else "+"
        suffix = "%s%02d:%02d" % (sign, *divmod(abs(offset_minutes), 60))  # noqa: UP031
    # time.gmtime is several times cheaper than datetime arithmetic plus strftime.
    wall = time.gmtime(seconds + offset_minutes * 60)
    if form == FORM_NAIVE_SPACE:
        return "%04d-%02d-%02d %02d:%02d:%02d" % wall[:6]  # noqa: UP031
    text = "%04d-%02d-%02dT%02d:%02d:%02d" % wall[:6]  # noqa: UP031
    if form == FORM_FRACTION:
        text += "." + f"{fraction:06d}"[:fraction_digits]
    return text + suffix


def truncate(micros: int, form: int, fraction_digits: int = 3) -> int:
    """Round an instant down to the precision the form shows, so filters agree with the text."""
    step = 10 ** (6 - fraction_digits) if form == FORM_FRACTION else 1_000_000
    return micros // step * step


def parse_filter(value: str, *, end_of_day: bool) -> int:
    """Parse a §4.1 filter value to epoch microseconds; a plain date is its day start or end."""
    text = value.strip()
    if _DATE_ONLY.match(text):
        try:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
        except ValueError as error:
            raise TimestampError(value) from error
        if end_of_day:
            day += timedelta(days=1, microseconds=-1)
        return micros_of(day)
    if not _DATE_TIME.match(text):
        raise TimestampError(value)
    try:
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError as error:
        raise TimestampError(value) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return micros_of(moment)


def parse_any(value: str) -> int:
    """Parse any timestamp a writer may send (the filter forms, naive forms read as UTC)."""
    return parse_filter(value, end_of_day=False)


def ceil(micros: int, form: int, fraction_digits: int = 3) -> int:
    """Round an instant up to the precision the form shows (a write never looks older)."""
    step = 10 ** (6 - fraction_digits) if form == FORM_FRACTION else 1_000_000
    return -(-micros // step) * step
