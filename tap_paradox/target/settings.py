"""target-paradox settings (model §6 "target" rows), each titled and described for --about."""

from __future__ import annotations

from typing import Any

from singer_sdk import typing as th

from tap_paradox.settings import CONNECTION, DEFAULT_LEDGER_PATH

ACTIONS = (
    "create_candidate",
    "create_application",
    "add_attachment",
    "move_stage",
    "add_result_link",
    "add_note",
)
# Kombo actions Paradox has no way to perform (INTEGRATION.ACTION_NOT_AVAILABLE).
UNAVAILABLE_ACTIONS = frozenset(
    {"reject_application", "add_tag", "remove_tag", "create_interview", "create_offer"}
)
DEFAULT_STREAM_ACTIONS = {
    "candidates": "create_candidate",
    "applications": "create_application",
    "application_attachments": "add_attachment",
    "application_stage_changes": "move_stage",
    "application_result_links": "add_result_link",
    "application_notes": "add_note",
}
RESULT_LINK_FIELDS = ("hirevue_link", "pymetrics_link", "adp_link")
DEFAULT_NOTE_HEADER = "[{utc:%Y-%m-%d %H:%M} UTC] "
SHARED = {"ledger_path", "title_attribute", "stage_catalog", "journey_status_separator"}


def _prop(name: str, kind: Any, title: str, description: str, **kwargs: Any) -> th.Property:
    return th.Property(name, kind, title=title, description=description, **kwargs)


def _json(name: str, kind: th.JSONTypeHelper, title: str, description: str) -> th.Property:
    # The structured value, or the same value as JSON text (how Meltano passes env variables).
    either = th.CustomType({"oneOf": [kind.type_dict, {"type": "string"}]})
    return th.Property(name, either, title=title, description=description)


_STRINGS = th.ArrayType(th.StringType)
_TEXT_MAP = th.ObjectType(additional_properties=th.StringType)

TARGET_SETTINGS = [
    _prop(
        "ledger_path",
        th.StringType,
        "Ledger path",
        "Local path or fsspec URL of the SQLite "
        f"ledger shared with tap-paradox; default {DEFAULT_LEDGER_PATH}.",
        default=DEFAULT_LEDGER_PATH,
    ),
    _json(
        "stream_actions",
        _TEXT_MAP,
        "Stream actions",
        "{upstream stream: action} routing "
        "merged over the defaults (candidates → create_candidate, applications → "
        "create_application, application_notes → add_note, …); default {}.",
    ),
    _prop(
        "unknown_stream_policy",
        th.StringType,
        "Unknown stream policy",
        "fail (stop before "
        "the stream's first record) or ignore (log and drop) for a stream without an action; "
        "default fail.",
        default="fail",
        allowed_values=["fail", "ignore"],
    ),
    _json(
        "enabled_actions",
        _STRINGS,
        "Enabled actions",
        "Actions allowed to write; records "
        "of any other action fail with INTEGRATION.ACTION_DISABLED; default all six.",
    ),
    _prop(
        "on_existing_application",
        th.StringType,
        "On existing application",
        "What a create "
        "does when Paradox already has this email (or ex_id) for the job: skip, update or "
        "fail; default skip.",
        default="skip",
        allowed_values=["skip", "update", "fail"],
    ),
    _json(
        "dedupe_lookup",
        _STRINGS,
        "Duplicate lookup keys",
        "Keys looked up, in order, before "
        'a create: ex_id and/or email; default ["ex_id", "email"].',
    ),
    _prop(
        "require_job_in_feed",
        th.BooleanType,
        "Require job in feed",
        "Fail a create whose job is not in the job feed (needs job_feed_url); default false.",
        default=False,
    ),
    _prop(
        "allow_scan_resolution",
        th.BooleanType,
        "Allow scan resolution",
        "Resolve an unknown "
        "stage id by reading the journeys of the job's own candidates; default true.",
        default=True,
    ),
    _prop(
        "dry_run",
        th.BooleanType,
        "Dry run",
        "Validate and resolve every record but make no "
        "write call (outcomes are skipped / DRY_RUN); default false.",
        default=False,
    ),
    _prop(
        "outcomes_path",
        th.StringType,
        "Outcomes path",
        "JSONL file with one outcome line per input record; default target-paradox-outcomes.jsonl.",
        default="target-paradox-outcomes.jsonl",
    ),
    _prop(
        "dead_letter_path",
        th.StringType,
        "Dead-letter path",
        "Singer file of the failed "
        "records with a _paradox_error each, to feed back once fixed; default "
        "target-paradox-dead-letter.singer.",
        default="target-paradox-dead-letter.singer",
    ),
    _prop(
        "fail_on_failed_records",
        th.BooleanType,
        "Fail on failed records",
        "Exit non-zero when any record failed; default true.",
        default=True,
    ),
    _prop(
        "max_consecutive_failures",
        th.IntegerType,
        "Maximum consecutive failures",
        "Remote failures in a row after which the run stops; default 20.",
        default=20,
    ),
    _prop(
        "action_timeout_s",
        th.NumberType,
        "Action timeout (s)",
        "Longest time one record's "
        "action may take, retries included, before PLATFORM.TASK_TIMED_OUT; default 300.",
        default=300,
    ),
    _prop(
        "request_timeout_s",
        th.NumberType,
        "Request read timeout (s)",
        "Read time-out of one Paradox call; default 60.",
        default=60,
    ),
    _prop(
        "resume_max_bytes",
        th.IntegerType,
        "CV size limit (bytes)",
        "Largest CV accepted, decoded, inline or downloaded; default 10485760 (10 MB).",
        default=10 * 1024 * 1024,
    ),
    _json(
        "allowed_download_hosts",
        _STRINGS,
        "Allowed download hosts",
        "Host names a data_url "
        "may use even though they resolve to loopback or private addresses; default none.",
    ),
    _prop(
        "download_connect_timeout_s",
        th.NumberType,
        "Download connect timeout (s)",
        "Connect time-out of a data_url download; default 10.",
        default=10,
    ),
    _prop(
        "download_read_timeout_s",
        th.NumberType,
        "Download read timeout (s)",
        "Read time-out of a data_url download; default 30.",
        default=30,
    ),
    _prop(
        "max_parallel_writes",
        th.IntegerType,
        "Maximum parallel writes",
        "Records written at "
        "the same time (records sharing an application or email + job stay in order); "
        "default 4.",
        default=4,
    ),
    _prop(
        "default_phone_country_code",
        th.StringType,
        "Default phone country code",
        "Country code put before a phone number given without +; default 1.",
        default="1",
    ),
    _prop(
        "title_attribute",
        th.StringType,
        "Title attribute",
        "Candidate attribute that receives candidate.title; default current_title.",
        default="current_title",
    ),
    _json(
        "stage_catalog",
        th.ObjectType(additional_properties=_STRINGS),
        "Stage catalog",
        '{journey: ["Stage: Status", ...]} used to resolve stage ids; default {}.',
    ),
    _prop(
        "journey_status_separator",
        th.StringType,
        "Journey status separator",
        'Text between stage and status in candidate_journey_status; default ": ".',
        default=": ",
    ),
    _prop(
        "note_mode",
        th.StringType,
        "Note mode",
        "overwrite (Paradox replaces the note, so the "
        "target appends itself) or append (Paradox appends); default overwrite.",
        default="overwrite",
        allowed_values=["overwrite", "append"],
    ),
    _prop(
        "note_separator",
        th.StringType,
        "Note separator",
        # No schema default: two newlines would break the --about markdown table.
        "Text between the earlier note and a new entry; default two newlines.",
    ),
    _prop(
        "note_header_template",
        th.StringType,
        "Note header template",
        "Header before each "
        "new note entry, {utc:<strftime>} is the write time; default "
        f'"{DEFAULT_NOTE_HEADER}".',
        default=DEFAULT_NOTE_HEADER,
    ),
    _prop(
        "result_link_prefix",
        th.StringType,
        "Result link prefix",
        "Attribute key prefix of a "
        "result link without details.custom_field_name_prefix; default result.",
        default="result",
    ),
    _json(
        "result_link_field_map",
        _TEXT_MAP,
        "Result link field map",
        "{label: hirevue_link, "
        "pymetrics_link or adp_link} also setting that candidate field; default {}.",
    ),
    _prop(
        "flattening_separator",
        th.StringType,
        "Flattening separator",
        "Separator of flattened input keys such as candidate__first_name; default __.",
        default="__",
    ),
]

CONFIG_SCHEMA = th.PropertiesList(
    *[p for p in CONNECTION if p.name not in SHARED], *TARGET_SETTINGS
).to_dict()
