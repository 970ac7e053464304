"""Helpers of the candidate-stream end-to-end tests: a catalog of just those streams."""

from __future__ import annotations

import copy
import io
import json
from contextlib import redirect_stdout
from typing import Any

from tap_paradox.sandbox import Sandbox
from tap_paradox.tap import TapParadox
from tap_paradox.timestamps import normalise_timestamp
from tests.tap.tap_runner import TapOutput

PERSON_STREAMS = ("candidates", "applications")


def person_catalog(config: dict[str, Any], streams=PERSON_STREAMS) -> dict[str, Any]:
    """The discovered catalog with only ``streams`` selected (so no feed, no discovery calls)."""
    catalog = copy.deepcopy(TapParadox(config=config).catalog_dict)
    for entry in catalog["streams"]:
        for item in entry["metadata"]:
            if item["breadcrumb"] == []:
                item["metadata"]["selected"] = entry["tap_stream_id"] in streams
    return catalog


def list_calls(sandbox: Sandbox) -> list[dict[str, str]]:
    """The query of every GET /candidates list call the sandbox received, in order."""
    return [
        dict(request.query)
        for request in sandbox.requests
        if request.method == "GET" and request.path.endswith("/candidates")
    ]


def lookups(sandbox: Sandbox) -> list[int]:
    """The OIDs of every GET /candidates/{OID} the sandbox received."""
    prefix = "/candidates/"
    return [
        int(request.path.rsplit("/", 1)[1])
        for request in sandbox.requests
        if request.method == "GET" and prefix in request.path
    ]


def store_updated_at(sandbox: Sandbox) -> dict[str, str | None]:
    """remote_id -> updated_at (unified form) of every candidate now in the sandbox."""
    return {
        str(oid): normalise_timestamp(sandbox.store.get_row(oid)["candidate"].get("updated_at"))
        for oid in sandbox.store.candidate_oids()
    }


def run_streams(
    config: dict[str, Any],
    catalog: dict[str, Any],
    state: dict[str, Any] | None = None,
    expect_failure: bool = False,
    **flags: Any,
) -> TapOutput:
    """Run the tap in-process with a catalog; collect records, schemas and the last state."""
    tap = TapParadox(config=config, catalog=catalog, state=state or {}, **flags)
    buffer = io.StringIO()
    output = TapOutput()
    with redirect_stdout(buffer):
        try:
            tap.sync_all()
        except Exception as error:
            if not expect_failure:
                raise
            output.error = error
    assert expect_failure == (output.error is not None)
    for line in buffer.getvalue().splitlines():
        message = json.loads(line)
        if message["type"] == "RECORD":
            output.records.setdefault(message["stream"], []).append(message["record"])
        elif message["type"] == "STATE":
            output.state = message["value"]
        elif message["type"] == "SCHEMA":
            output.schemas[message["stream"]] = message["schema"]
    return output
