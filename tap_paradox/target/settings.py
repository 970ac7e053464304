"""target-paradox settings (model §6 "target" rows) and their parsed, typed form."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from singer_sdk import typing as th

from tap_paradox.ids import default_tenant_id
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


def _json_value(config: Mapping[str, Any], name: str, default: Any) -> Any:
    value = config.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as error:
            msg = f"setting {name} is text but not valid JSON"
            raise ValueError(msg) from error
    return value


@dataclass(frozen=True)
class WriteSettings:
    """The settings the actions read, parsed once per run."""

    tenant_id: str
    stream_actions: Mapping[str, str]
    unknown_stream_policy: str
    enabled_actions: frozenset[str]
    on_existing_application: str
    dedupe_lookup: tuple[str, ...]
    require_job_in_feed: bool
    allow_scan_resolution: bool
    dry_run: bool
    action_timeout_s: float
    resume_max_bytes: int
    allowed_download_hosts: frozenset[str]
    download_connect_timeout_s: float
    download_read_timeout_s: float
    max_parallel_writes: int
    max_consecutive_failures: int
    default_phone_country_code: str
    title_attribute: str
    stage_catalog: Mapping[str, Any]
    journey_status_separator: str
    note_mode: str
    note_separator: str
    note_header_template: str
    result_link_prefix: str
    result_link_field_map: Mapping[str, str]
    flattening_separator: str

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WriteSettings:
        """Read the settings with the model §6 defaults; raise ValueError on a bad value."""
        routes = {**DEFAULT_STREAM_ACTIONS, **_json_value(config, "stream_actions", {})}
        result_fields = dict(_json_value(config, "result_link_field_map", {}))
        bad = {v for v in result_fields.values() if v not in RESULT_LINK_FIELDS}
        if bad:
            msg = f"result_link_field_map values must be one of {RESULT_LINK_FIELDS}"
            raise ValueError(msg)
        dedupe = tuple(_json_value(config, "dedupe_lookup", ["ex_id", "email"]))
        if not set(dedupe) <= {"ex_id", "email"}:
            raise ValueError("dedupe_lookup may only hold ex_id and email")
        if config.get("require_job_in_feed") and not config.get("job_feed_url"):
            raise ValueError("require_job_in_feed needs job_feed_url")
        client_id = str(config.get("client_id") or "")
        return cls(
            tenant_id=str(config.get("tenant_id") or default_tenant_id(client_id)),
            stream_actions=routes,
            unknown_stream_policy=str(config.get("unknown_stream_policy") or "fail"),
            enabled_actions=frozenset(_json_value(config, "enabled_actions", ACTIONS)),
            on_existing_application=str(config.get("on_existing_application") or "skip"),
            dedupe_lookup=dedupe,
            require_job_in_feed=bool(config.get("require_job_in_feed", False)),
            allow_scan_resolution=bool(config.get("allow_scan_resolution", True)),
            dry_run=bool(config.get("dry_run", False)),
            action_timeout_s=float(config.get("action_timeout_s") or 300),
            resume_max_bytes=int(config.get("resume_max_bytes") or 10 * 1024 * 1024),
            allowed_download_hosts=frozenset(
                h.lower() for h in _json_value(config, "allowed_download_hosts", [])
            ),
            download_connect_timeout_s=float(config.get("download_connect_timeout_s") or 10),
            download_read_timeout_s=float(config.get("download_read_timeout_s") or 30),
            max_parallel_writes=max(1, int(config.get("max_parallel_writes") or 4)),
            max_consecutive_failures=int(config.get("max_consecutive_failures") or 20),
            default_phone_country_code=str(config.get("default_phone_country_code") or "1"),
            title_attribute=str(config.get("title_attribute") or "current_title"),
            stage_catalog=_json_value(config, "stage_catalog", {}),
            journey_status_separator=str(config.get("journey_status_separator") or ": "),
            note_mode=str(config.get("note_mode") or "overwrite"),
            note_separator=str(config.get("note_separator", "\n\n")),
            note_header_template=str(config.get("note_header_template", DEFAULT_NOTE_HEADER)),
            result_link_prefix=str(config.get("result_link_prefix") or "result"),
            result_link_field_map=result_fields,
            flattening_separator=str(config.get("flattening_separator") or "__"),
        )
