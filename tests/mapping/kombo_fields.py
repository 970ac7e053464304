"""Kombo's unified ATS field definitions, transcribed from Kombo's published SDK (reference data).

Sources (stored public copies, read 2026-12-03):
- ``kombohq/typescript-sdk`` (Speakeasy-generated zod schemas):
  ``src/models/getatsjobspositiveresponse.ts`` @ 00720cc31dd256bfd2abe49e9013287c6fead5a2 (Job,
  Job.stages[], Job.job_postings[], Location),
  ``src/models/getatscandidatespositiveresponse.ts`` @ 4e5bc91441b74af1d309d4a5a189cc230c1f976d
  (Candidate, PhoneNumber, EmailAddress, SocialMedia),
  ``src/models/getatsapplicationspositiveresponse.ts`` @ 00720cc3... (Application),
  ``src/models/getatsapplicationstagespositiveresponse.ts`` @ 00720cc3... (ApplicationStage),
  ``src/models/postatscandidatesrequestbody.ts`` @ 00720cc3... (create candidate input).
- ``kombohq/python-sdk`` ``src/kombo/models/getatscandidatespositiveresponse.py``
  @ 884128ecbc2d0c0f800ccc1daa1e0486157719d0 (same Candidate shape, pydantic).
- A zod schema file generated from Kombo's full OpenAPI document (the index gave no repository
  name for it): the only place listing ``integration_fields`` (items ``{id, key, type: DEFAULT |
  CUSTOM, value, label}``) and ``remote_data`` on Job, JobPosting, Candidate, Application and
  stages (the SDKs leave both out), and the write bodies ``PutAtsApplicationsApplicationIdStage``,
  ``PostAtsApplicationsApplicationIdResultLinks``, ``...Notes``, ``...Attachments``.

A field is ``(kind, nullable, enum, open)``; kinds are JSON Schema types plus ``date-time``.
"""

from __future__ import annotations

from typing import NamedTuple


class KomboField(NamedTuple):
    """One Kombo field: its kind, whether null is allowed, and its enum values if any."""

    kind: str
    nullable: bool = True
    enum: tuple[str, ...] = ()
    open_enum: bool = False  # Kombo passes the original text through when nothing maps


STR, NUM, INT, BOOL, DT, OBJ = (
    KomboField(k) for k in ("string", "number", "integer", "boolean", "date-time", "object")
)
ID = KomboField("string", nullable=False)
CHANGED_AT = KomboField("date-time", nullable=False)
LIST = KomboField("array", nullable=False)
NULLABLE_LIST = KomboField("array")


def open_enum(*values: str) -> KomboField:
    """A Kombo ``OpenEnum``: string, the listed values when mapped, else the raw text."""
    return KomboField("string", enum=values, open_enum=True)


def closed_enum(*values: str) -> KomboField:
    """A Kombo ``ClosedEnum``: only the listed values, or null."""
    return KomboField("string", enum=values)


EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACT", "SEASONAL", "INTERNSHIP")
JOB_STATUSES = ("OPEN", "CLOSED", "DRAFT", "ARCHIVED")
JOB_VISIBILITIES = ("PUBLIC", "INTERNAL", "UNLISTED", "CONFIDENTIAL")
REMOTE_WORK_STATUSES = ("REMOTE", "HYBRID", "TEMPORARY", "ON_SITE")
SALARY_PERIODS = ("YEAR", "MONTH", "TWO_WEEKS", "WEEK", "DAY", "HOUR")
POSTING_STATUSES = ("ACTIVE", "INACTIVE", "DRAFT")
POSTING_VISIBILITIES = ("PUBLIC", "INTERNAL", "UNLISTED")
OUTCOMES = ("PENDING", "HIRED", "DECLINED")
INTEGRATION_FIELD_TYPES = ("DEFAULT", "CUSTOM")
ATTACHMENT_TYPES = ("CV", "COVER_LETTER", "OTHER")

# Nested value objects: key -> (kind, nullable). Location keys are all optional and nullable.
LOCATION = dict.fromkeys(
    ("city", "country", "raw", "state", "street_1", "street_2", "zip_code"), STR
)
PHONE_NUMBER = {"phone_number": ID, "type": STR}
EMAIL_ADDRESS = {"email_address": STR, "type": STR}
SOCIAL_MEDIA = {"link": STR, "type": STR, "username": STR}
INTEGRATION_FIELD = {
    "id": ID,
    "key": ID,
    "type": KomboField("string", nullable=False, enum=INTEGRATION_FIELD_TYPES),
    "value": KomboField("any"),
    "label": STR,
}
NESTED = {
    ("jobs", "location"): LOCATION,
    ("candidates", "location"): LOCATION,
    ("candidates", "phone_numbers"): PHONE_NUMBER,
    ("candidates", "email_addresses"): EMAIL_ADDRESS,
    ("candidates", "social_media"): SOCIAL_MEDIA,
    **{
        (s, "integration_fields"): INTEGRATION_FIELD for s in ("jobs", "candidates", "applications")
    },
}

JOB = {
    "id": ID,
    "remote_id": ID,
    "name": STR,
    "job_code": STR,
    "description": STR,
    "confidential": BOOL,
    "weekly_hours": NUM,
    "employment_type": open_enum(*EMPLOYMENT_TYPES),
    "status": open_enum(*JOB_STATUSES),
    "visibility": open_enum(*JOB_VISIBILITIES),
    "category": STR,
    "department": STR,
    "post_url": STR,
    "experience_level": STR,
    "remote_work_status": open_enum(*REMOTE_WORK_STATUSES),
    "salary_amount": NUM,
    "salary_amount_from": NUM,
    "salary_amount_to": NUM,
    "salary_currency": STR,
    "salary_period": open_enum(*SALARY_PERIODS),
    "location": OBJ,
    "custom_fields": OBJ,
    "integration_fields": LIST,
    "remote_url": STR,
    "opened_at": DT,
    "closed_at": DT,
    "remote_created_at": DT,
    "remote_updated_at": DT,
    "contact_id": STR,
    "remote_data": OBJ,
    "changed_at": CHANGED_AT,
    "remote_deleted_at": DT,
    "stages": LIST,
    "screening_questions": LIST,
    "job_postings": LIST,
    "hiring_team": LIST,
}
JOB_POSTING = {  # Job.job_postings[]
    "id": ID,
    "remote_id": STR,
    "title": STR,
    "description_html": STR,
    "status": closed_enum(*POSTING_STATUSES),
    "visibility": closed_enum(*POSTING_VISIBILITIES),
    "url": STR,
    "remote_data": OBJ,
}
CANDIDATE = {
    "id": ID,
    "remote_id": ID,
    "first_name": STR,
    "last_name": STR,
    "company": STR,
    "title": STR,
    "confidential": BOOL,
    "source": STR,
    "phone_numbers": NULLABLE_LIST,
    "email_addresses": NULLABLE_LIST,
    "social_media": NULLABLE_LIST,
    "location": OBJ,
    "custom_fields": OBJ,
    "integration_fields": LIST,
    "remote_url": STR,
    "remote_created_at": DT,
    "remote_updated_at": DT,
    "remote_data": OBJ,
    "changed_at": CHANGED_AT,
    "remote_deleted_at": DT,
    "applications": LIST,
    "tags": LIST,
}
APPLICATION = {
    "id": ID,
    "remote_id": STR,
    "outcome": closed_enum(*OUTCOMES),
    "rejection_reason_name": STR,
    "rejected_at": DT,
    "current_stage_id": STR,
    "job_id": STR,
    "candidate_id": STR,
    "screening_question_answers": NULLABLE_LIST,
    "custom_fields": OBJ,
    "integration_fields": LIST,
    "remote_url": STR,
    "changed_at": CHANGED_AT,
    "remote_deleted_at": DT,
    "remote_created_at": DT,
    "remote_updated_at": DT,
    "remote_data": OBJ,
    "candidate": OBJ,
    "current_stage": OBJ,
    "job": OBJ,
    "interviews": LIST,
    "offers": LIST,
}
APPLICATION_STAGE = {
    "id": ID,
    "remote_id": STR,
    "name": STR,
    "custom_fields": OBJ,  # typescript-sdk; the OpenAPI-derived file has remote_data instead
    "remote_data": OBJ,
    "changed_at": CHANGED_AT,
    "remote_deleted_at": DT,
}
JOB_STAGE = {  # Job.stages[]: `id` is the application stage's id
    "id": ID,
    "remote_id": STR,
    "name": STR,
    "custom_fields": OBJ,
    "remote_data": OBJ,
    "index": INT,
}
KOMBO_MODELS = {
    "Job": JOB,
    "JobPosting": JOB_POSTING,
    "Candidate": CANDIDATE,
    "Application": APPLICATION,
    "ApplicationStage": APPLICATION_STAGE,
    "Job.stages[]": JOB_STAGE,
}

# Write inputs: dotted path -> (kind, required within its parent, enum). Only the fields the
# model maps (model §4.4 to §4.8, §8); Kombo-only fields are ignored by the target (FIELD_IGNORED).
CREATE_CANDIDATE_INPUT = {
    "candidate": ("object", True, ()),
    "candidate.first_name": ("string", True, ()),
    "candidate.last_name": ("string", True, ()),
    "candidate.email_address": ("string", True, ()),
    "candidate.title": ("string", False, ()),
    "candidate.phone_number": ("string", False, ()),
    "candidate.location": ("object", False, ()),
    "candidate.location.city": ("string", False, ()),
    "candidate.location.country": ("string", True, ()),  # ISO 3166-1 alpha-2, ^[A-Z]{2}$
    "candidate.location.state": ("string", False, ()),
    "candidate.location.street_1": ("string", False, ()),
    "candidate.location.zip_code": ("string", False, ()),
    "application": ("object", True, ()),
    "application.job_id": ("string", True, ()),
    "application.stage_id": ("string", False, ()),
    "attachments": ("array", False, ()),
    "attachments[].name": ("string", True, ()),
    "attachments[].content_type": ("string", False, ()),
    "attachments[].data_url": ("string", False, ()),
    "attachments[].data": ("string", False, ()),
    "attachments[].type": ("string", True, ATTACHMENT_TYPES),
    "source": ("object", False, ()),
    "source.name": ("string", False, ()),
    "remote_fields": ("object", False, ()),
}
ATTACHMENT_INPUT = {
    "attachment": ("object", True, ()),
    "attachment.name": ("string", True, ()),
    "attachment.content_type": ("string", False, ()),
    "attachment.data_url": ("string", False, ()),
    "attachment.data": ("string", False, ()),
    "attachment.type": ("string", True, ATTACHMENT_TYPES),
    "remote_fields": ("object", False, ()),
}
MOVE_STAGE_INPUT = {"stage_id": ("string", True, ()), "remote_fields": ("object", False, ())}
RESULT_LINK_INPUT = {
    "label": ("string", True, ()),
    "url": ("string", True, ()),
    "details": ("object", False, ()),
    "details.custom_field_name_prefix": ("string", True, ()),
    "details.attributes": ("array", True, ()),
    "details.attributes[].key": ("string", True, ()),
    "details.attributes[].value": ("string", True, ()),
    "remote_fields": ("object", False, ()),
}
NOTE_INPUT = {
    "content": ("string", True, ()),
    "content_type": ("string", True, ("PLAIN_TEXT",)),
    "remote_fields": ("object", False, ()),
}
# Kombo's path parameter ({application_id}) is a body field of every application action here.
KOMBO_INPUTS = {
    "create_candidate": CREATE_CANDIDATE_INPUT,
    "create_application": CREATE_CANDIDATE_INPUT,
    "add_attachment": ATTACHMENT_INPUT,
    "move_stage": MOVE_STAGE_INPUT,
    "add_result_link": RESULT_LINK_INPUT,
    "add_note": NOTE_INPUT,
}
