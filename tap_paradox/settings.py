"""The tap's settings: one titled, described property each, rendered by ``--about``.

Names follow the unified model §6 and the contract §8. Object and array settings also accept
JSON text, because Meltano passes them through environment variables that way.
"""

from __future__ import annotations

from singer_sdk import typing as th

DEFAULT_API_URL = "https://api.paradox.ai"
DEFAULT_LEDGER_PATH = ".paradox-ledger.sqlite"
DEFAULT_LOCATION_ATTRIBUTE_KEYS = ["address", "address_2", "city", "state", "zip_code", "country"]
MAX_PAGE_SIZE = 50


def _text(name: str, title: str, description: str, **kwargs: object) -> th.Property:
    return th.Property(name, th.StringType, title=title, description=description, **kwargs)


def _integer(name: str, title: str, description: str, default: int) -> th.Property:
    return th.Property(name, th.IntegerType, title=title, description=description, default=default)


def _number(name: str, title: str, description: str, default: float) -> th.Property:
    return th.Property(name, th.NumberType, title=title, description=description, default=default)


def _flag(name: str, title: str, description: str, default: bool) -> th.Property:
    return th.Property(name, th.BooleanType, title=title, description=description, default=default)


def _json(name: str, title: str, description: str, kind: th.JSONTypeHelper) -> th.Property:
    # Either the structured value or the same value as JSON text (Meltano environment variables).
    return th.Property(
        name,
        th.CustomType({"oneOf": [kind.type_dict, {"type": "string"}]}),
        title=title,
        description=description,
    )


_STRING_LIST = th.ArrayType(th.StringType)
_OUTCOME_RULE = th.ObjectType(
    th.Property("outcome", th.StringType, allowed_values=["PENDING", "HIRED", "DECLINED"]),
    th.Property("field", th.StringType),
    th.Property("any_of", _STRING_LIST),
)

CONNECTION = [
    _text(
        "client_id",
        "Account ID",
        "Paradox Account ID issued by Paradox's integrations team; required, no default.",
        required=True,
        secret=True,
    ),
    _text(
        "client_secret",
        "Secret Key",
        "Paradox Secret Key paired with the Account ID; required, no default.",
        required=True,
        secret=True,
    ),
    _text(
        "api_url",
        "API URL",
        "Bare API host of the tenant's region, without the "
        f"/api/v1/public base path; default {DEFAULT_API_URL}.",
        default=DEFAULT_API_URL,
    ),
    _text(
        "job_feed_url",
        "Job feed URL",
        "URL of the tenant's XML job feed (plain or gzip); "
        "default none, which leaves jobs as id-only stubs and job_postings empty.",
        secret=True,
    ),
    _text(
        "auth_method",
        "Authentication method",
        "How calls authenticate: oauth (bearer token "
        "from POST /auth/token) or basic (HTTP Basic with the same pair); default oauth.",
        default="oauth",
        allowed_values=["oauth", "basic"],
    ),
    _text(
        "tenant_id",
        "Tenant ID",
        "Text that seeds every record id; default derived from the "
        "Account ID, set it explicitly to keep ids when an account is migrated.",
    ),
    _number(
        "token_refresh_margin_s",
        "Token refresh margin (s)",
        "Seconds before expiry at which a bearer token is renewed; default 60.",
        60,
    ),
    _integer(
        "max_retries",
        "Maximum retries",
        "Retries of a call answered 429, 5xx, a "
        "time-out or a reset before the run fails; default 5.",
        5,
    ),
    _number(
        "backoff_base_s",
        "Backoff base (s)",
        "First wait before a retry without Retry-After, doubled each time; default 2.",
        2,
    ),
    _number(
        "backoff_cap_s",
        "Backoff cap (s)",
        "Longest wait between retries, Retry-After included; default 60.",
        60,
    ),
]

SYNCING = [
    th.Property(
        "start_date",
        th.DateTimeType,
        title="Start date",
        description="Oldest candidate updated_at to sync; default none (everything).",
    ),
    _text(
        "ledger_path",
        "Ledger path",
        "Local path or fsspec URL of the SQLite change ledger "
        f"shared with target-paradox; default {DEFAULT_LEDGER_PATH}.",
        default=DEFAULT_LEDGER_PATH,
    ),
    _text(
        "sync_mode",
        "Sync mode",
        "auto (delta runs with a full sync when due), delta (no "
        "scheduled full sync) or full (every run); default auto.",
        default="auto",
        allowed_values=["auto", "delta", "full"],
    ),
    _integer(
        "full_sync_interval_days",
        "Full sync interval (days)",
        "Days after which the "
        "next run is a full sync that also finds deleted candidates; default 7.",
        7,
    ),
    _integer(
        "lookback_minutes",
        "Lookback (minutes)",
        "Minutes subtracted from the bookmark when asking for changed candidates; default 15.",
        15,
    ),
    _integer(
        "page_size",
        "Page size",
        f"Rows per GET /candidates page, 1 to {MAX_PAGE_SIZE}; default {MAX_PAGE_SIZE}.",
        MAX_PAGE_SIZE,
    ),
    _integer(
        "page_overlap",
        "Page overlap",
        "Rows each page re-reads from the previous one so "
        "a deletion while paging cannot skip a row; default 5.",
        5,
    ),
    _text(
        "stop_rule",
        "Paging stop rule",
        "When the candidate pass stops: both (a short page "
        "or offset + rows >= count), short_page, or count; default both.",
        default="both",
        allowed_values=["both", "short_page", "count"],
    ),
    _text(
        "incremental_params",
        "Incremental filter parameter",
        "Query parameter that filters "
        "GET /candidates by updated_at in delta runs, or off to filter only in the tap; "
        "default start_date.",
        default="start_date",
    ),
    _number(
        "max_deletion_ratio",
        "Maximum deletion ratio",
        "Share of a stream's live records "
        "one run may tombstone before it stops with an error; default 0.2.",
        0.2,
    ),
    _flag(
        "allow_mass_delete",
        "Allow mass delete",
        "Emit tombstones even above max_deletion_ratio; default false.",
        default=False,
    ),
    _integer(
        "stage_retention_days",
        "Stage retention (days)",
        "Days a stage without live "
        "applications is kept before a full sync tombstones it; default 30.",
        30,
    ),
]

SHAPE = [
    _flag(
        "include_remote_data",
        "Include remote data",
        "Put the raw Paradox payload in remote_data; default true.",
        default=True,
    ),
    _flag(
        "include_conversation",
        "Include conversation",
        "Ask for and keep each candidate's conversation in remote_data; default false.",
        default=False,
    ),
    _flag(
        "include_interviews",
        "Include interviews",
        "Ask for and keep each candidate's interview in remote_data; default false.",
        default=False,
    ),
    _json(
        "custom_field_mapping",
        "Custom field mapping",
        "{stream: {unified_key: source_path}} "
        "overriding the model's default custom fields; default {} (model defaults).",
        th.ObjectType(additional_properties=th.ObjectType(additional_properties=True)),
    ),
    _json(
        "integration_fields",
        "Integration fields",
        "Source paths that become candidate "
        "integration_fields; default attributes.* plus the model's standard keys.",
        _STRING_LIST,
    ),
    _integer(
        "discovery_sample_size",
        "Discovery sample size",
        "Candidates sampled at discovery to find custom field keys for the catalog; default 200.",
        200,
    ),
    _json(
        "outcome_rules",
        "Outcome rules",
        "Ordered {outcome, field, any_of} rules deciding "
        "applications.outcome; default the model's DECLINED then HIRED rules.",
        th.ArrayType(_OUTCOME_RULE),
    ),
    _json(
        "stage_catalog",
        "Stage catalog",
        '{journey: ["Stage: Status", ...]} stages that '
        "exist even without applications; default {}.",
        th.ObjectType(additional_properties=_STRING_LIST),
    ),
    _json(
        "job_journey_map",
        "Job journey map",
        "{job_req_id: journey} used for a job without live applications; default {}.",
        th.ObjectType(additional_properties=th.StringType),
    ),
    _text(
        "default_journey",
        "Default journey",
        "Journey of a job with no applications and no job_journey_map entry; default none.",
    ),
    _text(
        "journey_status_separator",
        "Journey status separator",
        'Text between stage and status in candidate_journey_status; default ": ".',
        default=": ",
    ),
    _text(
        "stage_keys",
        "Stage object keys",
        "Keys of the row's stage object holding the "
        "stage and status names, comma separated; default name,status.",
        default="name,status",
    ),
    _text(
        "salary_range_amount",
        "Salary range amount",
        "Which bound of a salary range fills salary_amount: low, high, mid or none; default low.",
        default="low",
        allowed_values=["low", "high", "mid", "none"],
    ),
    _text(
        "default_currency",
        "Default currency",
        "ISO 4217 code for a salary written with $; default USD.",
        default="USD",
    ),
    _text(
        "title_attribute",
        "Title attribute",
        "Candidate attribute holding the candidate's title; default current_title.",
        default="current_title",
    ),
    _json(
        "location_attribute_keys",
        "Location attribute keys",
        "Attributes read as street_1, "
        "street_2, city, state, zip_code, country; default "
        + ", ".join(DEFAULT_LOCATION_ATTRIBUTE_KEYS)
        + ".",
        _STRING_LIST,
    ),
    _text(
        "candidate_url_template",
        "Candidate URL template",
        "Console link pattern with "
        "{OID}, {external_oid} or {api_url} for remote_url; default empty (null).",
        default="",
    ),
]

CONFIG_SCHEMA = th.PropertiesList(*CONNECTION, *SYNCING, *SHAPE).to_dict()
