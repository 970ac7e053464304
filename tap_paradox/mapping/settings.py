"""The tap settings that shape mapped records (model §6 "tap: shape"), validated once."""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tap_paradox.mapping.coerce import as_flag
from tap_paradox.mapping.outcome import OutcomeRule

APPLICATION_CANDIDATE_KEYS = (
    "candidate_journey",
    "candidate_journey_status",
    "hired_date",
    "job_title",
    "job_loc_code",
    "location_id",
    "ex_status",
    "ex_step",
    "ex_reason",
    "viewed",
    "completed",
)

# {stream: {unified_key: source_path}}; a "*" in the key stands for each source key of a
# wildcard path ("*" keeps the key as it is).
DEFAULT_CUSTOM_FIELD_MAPPING: Mapping[str, Mapping[str, str]] = {
    "candidates": {"*": "attributes.*"},
    "applications": {
        **{key: f"candidate.{key}" for key in APPLICATION_CANDIDATE_KEYS[:5]},
        "paradox_status": "candidate.status",
        **{key: f"candidate.{key}" for key in APPLICATION_CANDIDATE_KEYS[5:]},
    },
    "jobs": {"*": "feed.*"},
}

DEFAULT_INTEGRATION_FIELDS = (
    "attributes.*",
    "candidate.ex_id",
    "candidate.external_oid",
    "candidate.edited_name",
    "candidate.group_name",
    "candidate.start_keyword",
    "candidate.language_preference",
    "candidate.referrer_name",
    "candidate.referrer_email",
    "candidate.external_referrer",
    "candidate.recruiter_email",
    "candidate.hiring_manager",
)

_SOURCES_BY_STREAM = {
    "candidates": ("attributes", "candidate"),
    "applications": ("attributes", "candidate"),
    "jobs": ("feed",),
}
_URL_PLACEHOLDERS = frozenset({"OID", "external_oid", "api_url"})
RANGE_AMOUNTS = ("low", "high", "mid", "none")


@dataclass(frozen=True)
class MappingSettings:
    """Everything the pure mapping needs from the config; every default is the model's."""

    tenant_id: str
    title_attribute: str = "current_title"
    location_attribute_keys: tuple[str, ...] = (
        "address",
        "address_2",
        "city",
        "state",
        "zip_code",
        "country",
    )
    candidate_url_template: str = ""
    api_url: str = "https://api.paradox.ai"
    include_remote_data: bool = True
    custom_field_mapping: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    integration_fields: tuple[str, ...] | None = None
    outcome_rules: tuple[OutcomeRule, ...] | None = None
    journey_status_separator: str = ": "
    salary_range_amount: str = "low"
    default_currency: str = "USD"
    include_conversation: bool = False
    include_interviews: bool = False

    def __post_init__(self) -> None:
        """Reject settings that would silently produce wrong records."""
        if not self.tenant_id:
            raise ValueError("tenant_id must be a non-empty text")
        if len(self.location_attribute_keys) != 6:
            msg = (
                "location_attribute_keys lists six attribute names: street_1, street_2, city, "
                f"state, zip_code, country; got {len(self.location_attribute_keys)}"
            )
            raise ValueError(msg)
        if self.salary_range_amount not in RANGE_AMOUNTS:
            msg = f"salary_range_amount must be one of {list(RANGE_AMOUNTS)}"
            raise ValueError(msg)
        if not (len(self.default_currency) == 3 and self.default_currency.isalpha()):
            raise ValueError("default_currency must be a 3-letter ISO 4217 code such as USD")
        if not self.journey_status_separator:
            raise ValueError("journey_status_separator must not be empty")
        _check_url_template(self.candidate_url_template)
        for stream, mapping in self.custom_field_mapping.items():
            _check_custom_field_mapping(stream, mapping)
        for position, path in enumerate(self.integration_fields or ()):
            _check_source_path(path, ("attributes", "candidate"), f"integration_fields[{position}]")

    def custom_field_sources(self, stream: str) -> Mapping[str, str]:
        """Return ``{unified_key: source_path}`` for a stream: the setting, else the default."""
        if stream in self.custom_field_mapping:
            return self.custom_field_mapping[stream]
        return DEFAULT_CUSTOM_FIELD_MAPPING.get(stream, {})

    def integration_field_paths(self) -> tuple[str, ...]:
        """Return the integration field source paths: the setting, else the default list."""
        if self.integration_fields is None:
            return DEFAULT_INTEGRATION_FIELDS
        return self.integration_fields

    @classmethod
    def from_config(cls, config: Mapping[str, Any], tenant_id: str) -> MappingSettings:
        """Build the settings from a tap config, reading the model §6 setting names."""
        values: dict[str, Any] = {"tenant_id": tenant_id}
        for name in ("title_attribute", "candidate_url_template", "api_url", "default_currency"):
            if config.get(name) is not None:
                values[name] = str(config[name])
        for name in ("journey_status_separator", "salary_range_amount"):
            if config.get(name) is not None:
                values[name] = str(config[name])
        for name in ("include_remote_data", "include_conversation", "include_interviews"):
            if config.get(name) is not None:
                values[name] = _flag_setting(config[name], name)
        if config.get("location_attribute_keys") is not None:
            keys = _json_setting(config["location_attribute_keys"], "location_attribute_keys")
            values["location_attribute_keys"] = tuple(str(key) for key in keys)
        if config.get("custom_field_mapping") is not None:
            mapping = _json_setting(config["custom_field_mapping"], "custom_field_mapping")
            if not isinstance(mapping, Mapping):
                raise ValueError("custom_field_mapping must be an object {stream: {key: path}}")
            values["custom_field_mapping"] = {
                stream: dict(_as_mapping(entries, f"custom_field_mapping.{stream}"))
                for stream, entries in mapping.items()
            }
        if config.get("integration_fields") is not None:
            paths = _json_setting(config["integration_fields"], "integration_fields")
            values["integration_fields"] = tuple(dict.fromkeys(str(path) for path in paths))
        if config.get("outcome_rules") is not None:
            rules = _json_setting(config["outcome_rules"], "outcome_rules")
            if not isinstance(rules, list):
                raise ValueError("outcome_rules must be a list of {outcome, field, any_of}")
            values["outcome_rules"] = tuple(
                OutcomeRule.from_setting(rule, position) for position, rule in enumerate(rules)
            )
        return cls(**values)


def _flag_setting(value: Any, name: str) -> bool:
    # An environment variable gives "false" as text, which bool() would read as True.
    flag = as_flag(value)
    if flag is None:
        raise ValueError(f"{name} must be true or false, got {value!r}")
    return bool(flag)


def _json_setting(value: Any, name: str) -> Any:
    # Meltano passes object and array settings from environment variables as JSON text.
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name} is not valid JSON: {error.msg}") from error
    return value


def _as_mapping(value: Any, name: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be an object of unified_key -> source path")
    return {str(key): str(path) for key, path in value.items()}


def _check_url_template(template: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise ValueError(f"candidate_url_template is malformed: {error}") from error
    unknown = names - _URL_PLACEHOLDERS
    if unknown:
        msg = (
            f"candidate_url_template uses unknown placeholders {sorted(unknown)}; "
            f"allowed: {sorted(_URL_PLACEHOLDERS)}"
        )
        raise ValueError(msg)


def _check_custom_field_mapping(stream: str, mapping: Mapping[str, str]) -> None:
    if stream not in _SOURCES_BY_STREAM:
        msg = (
            f"custom_field_mapping has stream {stream!r}; custom fields can be mapped for "
            f"{sorted(_SOURCES_BY_STREAM)}"
        )
        raise ValueError(msg)
    for key, path in mapping.items():
        where = f"custom_field_mapping.{stream}.{key}"
        wildcard = _check_source_path(path, _SOURCES_BY_STREAM[stream], where)
        if wildcard != ("*" in key):
            msg = f"{where}: a '*' key goes with a '.*' path and only with one (got {path!r})"
            raise ValueError(msg)


def _check_source_path(path: str, sources: tuple[str, ...], where: str) -> bool:
    """Validate ``<source>.<key>`` or ``<source>.*``; return whether it is a wildcard."""
    source, dot, key = path.partition(".")
    if not dot or source not in sources or not key:
        allowed = ", ".join(f"{name}.<key>" for name in sources)
        raise ValueError(f"{where}: source path {path!r} is not one of {allowed} or <source>.*")
    if key == "*" and source == "candidate":
        raise ValueError(f"{where}: 'candidate.*' is not supported; name candidate keys one by one")
    return key == "*"
