"""The settings as the actions read them: parsed once per run, with the model §6 defaults."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tap_paradox.ids import default_tenant_id
from tap_paradox.target.settings import (
    ACTIONS,
    DEFAULT_NOTE_HEADER,
    DEFAULT_STREAM_ACTIONS,
    RESULT_LINK_FIELDS,
)


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
