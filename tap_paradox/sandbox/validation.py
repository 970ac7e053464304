"""Write-body validation of §4.3, §4.4 and §4.6; every failure names the offending field."""

from __future__ import annotations

import base64
import binascii
import re

from tap_paradox.sandbox import timestamps

RESUME_MAX_BYTES = 10 * 1024 * 1024
RESUME_EXTENSIONS = (".pdf", ".doc", ".docx", ".png", ".jpg", ".txt")
ATTRIBUTE_VALUE_MAX = 255

# Text fields of the create / update body and their maximum length (None: unbounded).
TEXT_FIELDS: dict[str, int | None] = {
    "name": 50,
    "first_name": 50,
    "last_name": 50,
    "email": 50,
    "phone": 20,
    "ex_id": 255,
    "job_req_id": 255,
    "job_title": 255,
    "job_loc_code": 20,
    "candidate_journey": None,
    "candidate_journey_status": None,
    "note": None,
    "external_source_id": 255,
    "resume": None,
    "resume_file_name": 150,
    "language_preference": None,
    "referrer_email": 50,
    "referrer_name": 50,
    "external_referrer": 1000,
    "recruiter_email": None,
    "hiring_manager": None,
    "hired_date": None,
    "hirevue_link": 255,
    "pymetrics_link": 255,
    "adp_link": 255,
    "candidate_location_info": 100,
}
UPDATE_ONLY_TEXT = {"location": None}
# Documented create keys the project does not use: accepted and stored when scalar.
DOCUMENTED_EXTRAS = (
    "ex_step",
    "ex_status",
    "ex_reason",
    "audience_type",
    "hm_cid",
    "external_group_id",
    "hirevue_instructions",
    "talent_community",
    "job_application_id",
    "use_application_id_for_identity",
    "offer_letter",
    "offer_file_name",
    "use_paradox_status_map",
    "status_map_name",
    "status_map_ex_id",
    "community_of_interest",
    "skip_send_opt_in",
    "consent_to_marketing",
)
_WHITESPACE = re.compile(r"\s+")


class ValidationError(Exception):
    """A request was refused with one or more 400 error entries."""

    def __init__(self, fields: list[str], code: int = 1015, message: str = "Invalid request."):
        super().__init__(f"invalid fields: {fields}")
        self.fields = fields
        self.code = code
        self.message = message

    def body(self) -> dict:
        """The contract's error envelope for this failure."""
        return {
            "errors": [
                {"code": self.code, "message": self.message, "field": f} for f in self.fields
            ]
        }


def not_found(field: str) -> ValidationError:
    """The 1004 answer for an unknown or deleted candidate."""
    return ValidationError([field], code=1004, message="Candidate not found.")


def _present(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def clean_body(body: object, *, creating: bool) -> dict:
    """Check a create (or update) body and return its accepted keys; null values are dropped."""
    if not isinstance(body, dict):
        raise ValidationError([""])
    body = {key: value for key, value in body.items() if value is not None}
    errors: list[str] = []
    texts = dict(TEXT_FIELDS) if creating else {**TEXT_FIELDS, **UPDATE_ONLY_TEXT}
    clean: dict = {}
    for key, value in body.items():
        try:
            accepted = _check_key(key, value, texts, creating=creating)
        except ValidationError:
            errors.append(key)
            continue
        if accepted is not _IGNORED:
            clean[key] = accepted
    if creating:
        errors = _required_errors(clean, errors)
    elif (
        "name" not in errors and len(clean.get("first_name", "") + clean.get("last_name", "")) > 50
    ):
        errors.append("name")
    if "hired_date" in clean and clean["hired_date"].strip():
        try:
            timestamps.parse_any(clean["hired_date"])
        except timestamps.TimestampError:
            errors.append("hired_date")
    if "resume" in clean:
        try:
            clean["resume"] = _decode_resume(clean["resume"], clean.get("resume_file_name", ""))
        except ValidationError:
            errors.append("resume")
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    return clean


_IGNORED = object()  # an unknown body key: ignored, as the contract says


def _check_key(key: str, value: object, texts: dict, *, creating: bool) -> object:
    """The accepted value of one body key; raises ValidationError when refused."""
    if key in texts:
        limit = texts[key]
        if not isinstance(value, str) or (limit is not None and len(value) > limit):
            raise ValidationError([key])
        return value
    if key == "primary_contact_method" or (key == "status" and not creating):
        number = _small_int(value, allow_text=key == "status")
        if number is None:
            raise ValidationError([key])
        return number
    if key == "candidate_attribute_data":
        return clean_attributes(value, field=key)
    if key in DOCUMENTED_EXTRAS:
        if isinstance(value, (dict, list)):
            raise ValidationError([key])
        return value
    return _IGNORED


def _required_errors(clean: dict, errors: list[str]) -> list[str]:
    has_name = _present(clean.get("name"))
    has_parts = _present(clean.get("first_name")) and _present(clean.get("last_name"))
    too_long = len(clean.get("first_name", "") + clean.get("last_name", "")) > 50
    if (not has_name and not has_parts) or (not has_name and too_long):
        errors = ["name", *errors]
    no_contact = not _present(clean.get("email")) and not _present(clean.get("phone"))
    if no_contact and "email" not in errors and "phone" not in errors:
        errors.append("email")
    return errors


def _small_int(value: object, *, allow_text: bool) -> int | None:
    """An enum int 1..5 (status also as "1".."5", contract [C] 19); None when refused."""
    if isinstance(value, bool):
        return None
    if allow_text and isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    return None


def _decode_resume(data: str, file_name: str) -> bytes:
    if not file_name.lower().endswith(RESUME_EXTENSIONS):
        raise ValidationError(["resume"])
    try:
        content = base64.b64decode(_WHITESPACE.sub("", data), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValidationError(["resume"]) from error
    if not content or len(content) > RESUME_MAX_BYTES:
        raise ValidationError(["resume"])
    return content


def clean_attributes(value: object, field: str = "attributes") -> dict[str, str]:
    """Check an attribute map: non-empty string keys, string values of at most 255 characters."""
    if not isinstance(value, dict):
        raise ValidationError([field])
    for key, item in value.items():
        if not isinstance(key, str) or not key or not isinstance(item, str):
            raise ValidationError([field])
        if len(item) > ATTRIBUTE_VALUE_MAX:
            raise ValidationError([field])
    return dict(value)


def split_status(journey_status: str) -> tuple[str, str]:
    """Split "<Stage>: <Status>" at the first separator (stage names never contain it)."""
    stage, _, status = journey_status.partition(": ")
    return stage, status
