"""Action input schemas (model §4.4 to §4.8) as JSON Schema, with a readable message per field.

``x-message`` is our own keyword (validators ignore unknown keywords): the sentence shown when
the value under it is wrong, so a person sees "must be an e-mail address", not a regex.
"""

from __future__ import annotations

NON_EMPTY = {"type": "string", "pattern": r"\S", "x-message": "must be a non-empty string"}
URL = {
    "type": "string",
    "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+",
    "x-message": "must be an http(s) URL",
}
REMOTE_FIELDS = {
    "type": "object",
    "properties": {"paradox": {"type": "object", "x-message": "must be an object of body keys"}},
}
IDEMPOTENCY_KEY = {"type": "string", "minLength": 1, "maxLength": 255}
APPLICATION_ID = {**NON_EMPTY, "x-message": "must be an application id or remote:<OID>"}
STAGE_ID = {**NON_EMPTY, "x-message": "must be a stage id or remote:<remote_id>"}


def _text(max_length: int) -> dict:
    return {
        "type": "string",
        "maxLength": max_length,
        "x-message": f"must be a string of at most {max_length} characters",
    }


FILE = {
    "type": "object",
    "required": ["type"],
    "properties": {
        "type": {
            "enum": ["CV", "COVER_LETTER", "OTHER"],
            "x-message": "must be CV, COVER_LETTER or OTHER",
        },
        "data_url": URL,
        "data": {"type": "string", "minLength": 1, "x-message": "must be base64 text"},
        "name": _text(150),
        "content_type": {
            "type": "string",
            "pattern": r"^[\w.-]+/[\w.-]+$",
            "x-message": "must be a media type such as application/pdf",
        },
    },
}

LOCATION = {
    "type": "object",
    "required": ["country"],
    "properties": {
        "city": _text(255),
        "country": {
            "type": "string",
            "pattern": "^[A-Z]{2}$",
            "x-message": "must be an ISO 3166-1 alpha-2 code such as US",
        },
        "state": _text(255),
        "zip_code": _text(255),
        "street_1": _text(255),
    },
}

CREATE = {
    "type": "object",
    "required": ["candidate", "application"],
    "properties": {
        "candidate": {
            "type": "object",
            "required": ["first_name", "last_name", "email_address"],
            "properties": {
                "first_name": NON_EMPTY,
                "last_name": NON_EMPTY,
                "email_address": {
                    "type": "string",
                    "maxLength": 50,
                    "pattern": r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$",
                    "x-message": "must be an e-mail address of at most 50 characters",
                },
                "title": _text(255),
                "phone_number": {
                    "type": "string",
                    "pattern": r"^\s*\+?[0-9().\- ]*[0-9][0-9().\- ]*$",
                    "x-message": "must be digits with optional + ( ) - . and spaces",
                },
                "location": LOCATION,
            },
        },
        "application": {
            "type": "object",
            "required": ["job_id"],
            "properties": {
                "job_id": {**NON_EMPTY, "x-message": "must be a job id or remote:<job_req_id>"},
                "stage_id": STAGE_ID,
            },
        },
        "attachments": {"type": "array", "items": FILE, "x-message": "must be a list of files"},
        "source": {"type": "object", "properties": {"name": _text(255)}},
        "remote_fields": REMOTE_FIELDS,
        "idempotency_key": IDEMPOTENCY_KEY,
    },
}


def _on_application(required: list[str], **properties: dict) -> dict:
    """Schema of an action on an existing application: its own fields between the shared ones."""
    return {
        "type": "object",
        "required": ["application_id", *required],
        "properties": {
            "application_id": APPLICATION_ID,
            **properties,
            "remote_fields": REMOTE_FIELDS,
            "idempotency_key": IDEMPOTENCY_KEY,
        },
    }


ADD_ATTACHMENT = _on_application(["attachment"], attachment=FILE)

MOVE_STAGE = _on_application(["stage_id"], stage_id=STAGE_ID)

RESULT_LINK = _on_application(
    ["label", "url"],
    label=NON_EMPTY,
    url={**URL, "maxLength": 255, "x-message": "must be an http(s) URL of at most 255"},
    details={
        "type": "object",
        "required": ["custom_field_name_prefix", "attributes"],
        "properties": {
            "custom_field_name_prefix": {"type": "string"},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "value"],
                    "properties": {"key": {"type": "string"}, "value": _text(255)},
                },
            },
        },
    },
)

NOTE = _on_application(
    ["content"],
    content=NON_EMPTY,
    content_type={"enum": ["PLAIN_TEXT"], "x-message": "only PLAIN_TEXT is supported"},
)

ACTION_SCHEMAS = {
    "create_candidate": CREATE,
    "create_application": CREATE,
    "add_attachment": ADD_ATTACHMENT,
    "move_stage": MOVE_STAGE,
    "add_result_link": RESULT_LINK,
    "add_note": NOTE,
}

# Paths whose value is a container; a string there is JSON text from a Singer flattener.
CONTAINER_PATHS = frozenset(
    {
        ("candidate",),
        ("candidate", "location"),
        ("application",),
        ("attachments",),
        ("attachment",),
        ("source",),
        ("details",),
        ("details", "attributes"),
        ("remote_fields",),
        ("remote_fields", "paradox"),
    }
)
