"""Paradox enumerations and the unified enums the mapping emits (contract §5.2, model §1.5)."""

from __future__ import annotations

from tap_paradox.mapping.coerce import as_int

# candidate.source: the channel the applicant came in through.
SOURCE_LABELS = {
    1: "SMS",
    2: "WIDGET",
    3: "RECRUITER_PAGE",
    4: "COMPANY_PAGE",
    5: "EMBEDDED_WIDGET",
    6: "WIT_WIDGET",
}

# candidate.status: the record status, independent of the journey.
RECORD_STATUS_LABELS = {1: "APPROVED", 2: "PENDING", 3: "ARCHIVED", 4: "DRAFT", 5: "SPAM"}

OUTCOMES = ("PENDING", "HIRED", "DECLINED")
STAGE_STATUSES = ("ACTIVE", "INACTIVE")
JOB_POSTING_STATUSES = ("ACTIVE", "INACTIVE", "DRAFT")
JOB_POSTING_VISIBILITIES = ("PUBLIC", "INTERNAL", "UNLISTED")
INTEGRATION_FIELD_TYPES = ("DEFAULT", "CUSTOM")

STREAMS = (
    "candidates",
    "applications",
    "application_stages",
    "jobs",
    "job_postings",
    "job_stages",
)


def enum_label(labels: dict[int, str], value: object) -> str | None:
    """Label a Paradox enum integer; an unknown number gives its digits, no number gives None."""
    number = as_int(value)
    if number is None:
        if isinstance(value, str) and value.strip():
            return value.strip()  # a label sent as text: pass it through rather than lose it
        return None
    return labels.get(number, str(number))


def source_label(value: object) -> str | None:
    """Label of ``candidate.source`` (``1`` -> ``SMS``; ``9`` -> ``"9"``)."""
    return enum_label(SOURCE_LABELS, value)


def record_status_label(value: object) -> str | None:
    """Label of ``candidate.status`` (``1`` -> ``APPROVED``; ``9`` -> ``"9"``)."""
    return enum_label(RECORD_STATUS_LABELS, value)
