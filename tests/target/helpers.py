"""Run target-paradox against a sandbox and read back what it wrote."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tap_paradox.ids import default_tenant_id
from tap_paradox.ledger import Ledger
from tap_paradox.target.engine import RunStoppedError
from tap_paradox.target.target import FailedRecordsError, TargetParadox

CASES = Path(__file__).parent / "cases"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class RunResult:
    """The outcome lines, dead-letter messages and the error (if any) of one target run."""

    outcomes: list[dict]
    dead_letter: list[dict]
    error: Exception | None

    def by_seq(self, stream: str) -> list[dict]:
        """Return the outcomes of one stream in input order."""
        return sorted((o for o in self.outcomes if o["stream"] == stream), key=lambda o: o["seq"])


def target_config(sandbox: Any, tmp_path: Path, **overrides: Any) -> dict:
    """Config for a run against ``sandbox`` with its files in ``tmp_path`` and tiny backoffs."""
    config = {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "api_url": sandbox.api_url,
        "ledger_path": str(tmp_path / "ledger.sqlite"),
        "outcomes_path": str(tmp_path / "outcomes.jsonl"),
        "dead_letter_path": str(tmp_path / "dead-letter.singer"),
        "backoff_base_s": 0.01,
        "backoff_cap_s": 0.05,
        "max_retries": 2,
    }
    config.update(overrides)
    return config


def singer_lines(stream: str, records: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return a SCHEMA and one RECORD line per record."""
    schema = {
        "type": "SCHEMA",
        "stream": stream,
        "schema": {"properties": {}},
        "key_properties": [],
    }
    lines = [json.dumps(schema)]
    lines += [json.dumps({"type": "RECORD", "stream": stream, "record": r}) for r in records]
    return lines


def run_target(config: Mapping[str, Any], lines: Iterable[str]) -> RunResult:
    """Run the target over ``lines``; return outcomes, dead letters and the raised error."""
    error: Exception | None = None
    target = TargetParadox(config=dict(config))
    try:
        target.listen(io.StringIO("\n".join(lines) + "\n"))
    except (FailedRecordsError, RunStoppedError) as raised:
        error = raised
    return RunResult(
        outcomes=read_jsonl(config["outcomes_path"]),
        dead_letter=read_jsonl(config["dead_letter_path"]),
        error=error,
    )


def read_jsonl(path: str | Path) -> list[dict]:
    """Read a JSONL file (missing or empty: [])."""
    file = Path(path)
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text().splitlines() if line.strip()]


def case_lines(name: str, **values: str) -> list[str]:
    """Read ``tests/target/cases/<name>``, filling ``{placeholders}`` with ``values``."""
    text = (CASES / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return [line for line in text.splitlines() if line.strip()]


def writes(sandbox: Any) -> list[Any]:
    """Return the write requests the sandbox received."""
    return [r for r in sandbox.requests if r.method in WRITE_METHODS and "/auth/" not in r.path]


def tenant_of(sandbox: Any) -> str:
    """The tenant id the target derives for the sandbox account."""
    return default_tenant_id(sandbox.client_id)


def seed_ledger(config: Mapping[str, Any], entries: Iterable[tuple[str, str, str]]) -> None:
    """Pretend a tap sync completed into the ledger, with these id index entries."""
    ledger = Ledger.open(config["ledger_path"], tenant_of_config(config))
    ledger.index_ids(list(entries))
    ledger.set_generation(max(1, ledger.generation))
    ledger.commit()
    ledger.close()


def tenant_of_config(config: Mapping[str, Any]) -> str:
    """The tenant id of a target config."""
    return config.get("tenant_id") or default_tenant_id(config["client_id"])


def applicant(email: str, job_req_id: str, **extra: Any) -> dict:
    """A minimal valid create input, nested."""
    record = {
        "candidate": {"first_name": "Ana", "last_name": "Ruiz", "email_address": email},
        "application": {"job_id": f"remote:{job_req_id}"},
    }
    record.update(extra)
    return record
