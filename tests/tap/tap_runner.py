"""Run TapParadox in-process against a sandbox and collect what it emitted."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tap_paradox.tap import TapParadox


@dataclass
class TapOutput:
    """The Singer messages of one run, split by kind."""

    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    error: BaseException | None = None

    def of(self, stream: str) -> list[dict[str, Any]]:
        """The records emitted on one stream (empty list when none)."""
        return self.records.get(stream, [])

    def by_remote_id(self, stream: str) -> dict[str, dict[str, Any]]:
        """The records of one stream keyed by remote_id."""
        return {record["remote_id"]: record for record in self.of(stream)}


def sandbox_config(sandbox: Any, ledger: Path, **overrides: Any) -> dict[str, Any]:
    """A tap config that points at a running sandbox, with fast retries."""
    config = {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "api_url": sandbox.api_url,
        "job_feed_url": sandbox.feed_url,
        "ledger_path": str(ledger),
        "backoff_base_s": 0.01,
        "backoff_cap_s": 0.05,
        "discovery_sample_size": 20,
    }
    config.update(overrides)
    return {key: value for key, value in config.items() if value is not None}


def discover(config: dict[str, Any]) -> dict[str, Any]:
    """Run discovery (as Meltano does before a run); every stream comes back selected."""
    return TapParadox(config=config, validate_config=True).catalog_dict


def run_tap(
    config: dict[str, Any],
    state: dict[str, Any] | None = None,
    *,
    catalog: dict[str, Any] | None = None,
    expect_failure: bool = False,
    **flags: Any,
) -> TapOutput:
    """Run one tap invocation over every stream (flags: full_refresh, allow_mass_delete).

    With ``expect_failure`` the run must raise; the error is kept in ``output.error`` beside
    the messages emitted before and after it.
    """
    tap = TapParadox(
        config=config, state=state or {}, catalog=catalog, validate_config=True, **flags
    )
    buffer = io.StringIO()
    error = None
    with redirect_stdout(buffer):
        try:
            tap.sync_all()
        except Exception as raised:
            if not expect_failure:
                raise
            error = raised
    if expect_failure and error is None:
        msg = "the tap run was expected to fail but succeeded"
        raise AssertionError(msg)
    output = TapOutput(error=error)
    for line in buffer.getvalue().splitlines():
        message = json.loads(line)
        if message["type"] == "RECORD":
            output.records.setdefault(message["stream"], []).append(message["record"])
        elif message["type"] == "SCHEMA":
            output.schemas[message["stream"]] = message["schema"]
        elif message["type"] == "STATE":
            output.state = message["value"]
    return output
