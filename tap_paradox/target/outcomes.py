"""Outcome lines, the dead-letter Singer file and the per-action summary (model §4.2)."""

from __future__ import annotations

import copy
import json
import logging
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

STATUSES = ("written", "skipped", "failed")
OMITTED = "[omitted: attachment bytes are not kept in the dead letter]"


def _utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class Outcome:
    """What happened to one input record."""

    stream: str
    seq: int
    action: str | None
    idempotency_key: str | None
    status: str
    operation: str | None = None
    reason: str | None = None
    error: dict | None = None
    ids: dict = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)
    attempts: int = 0
    processed_at: str = field(default_factory=_utc_now)

    def as_line(self) -> dict:
        """Return the outcome line with only the keys its status uses."""
        line: dict[str, Any] = {
            "stream": self.stream,
            "seq": self.seq,
            "action": self.action,
            "idempotency_key": self.idempotency_key,
            "status": self.status,
        }
        if self.status == "written":
            line["operation"] = self.operation
        elif self.status == "skipped":
            line["reason"] = self.reason
        else:
            line["error"] = self.error
        line.update(
            ids=self.ids,
            warnings=self.warnings,
            attempts=self.attempts,
            processed_at=self.processed_at,
        )
        return line


class OutputFileError(RuntimeError):
    """The outcome or dead-letter file cannot be written: the run must stop."""


class OutcomeRecorder:
    """Writes outcome lines and dead letters (thread-safe) and keeps the summary counts."""

    def __init__(self, outcomes_path: str, dead_letter_path: str) -> None:
        """Open both files now (an earlier run's are kept, renamed), failing early if unwritable."""
        self._lock = threading.Lock()
        self._outcomes = _open(outcomes_path)
        self._dead_letter = _open(dead_letter_path)
        self._schemas_written: set[str] = set()
        self.counts: Counter[tuple[str, str]] = Counter()
        self.stream_counts: Counter[tuple[str, str]] = Counter()

    def record(
        self,
        outcome: Outcome,
        *,
        record: Mapping[str, Any] | None = None,
        schema: Mapping[str, Any] | None = None,
        key_properties: list[str] | None = None,
    ) -> None:
        """Write the outcome line; a failure also goes to the dead letter with its input."""
        with self._lock:
            self.counts[(outcome.action or "none", outcome.status)] += 1
            self.stream_counts[(outcome.stream, outcome.status)] += 1
            _write(self._outcomes, outcome.as_line())
            if outcome.status == "failed" and record is not None:
                if outcome.stream not in self._schemas_written:
                    _write(
                        self._dead_letter, _schema_message(outcome.stream, schema, key_properties)
                    )
                    self._schemas_written.add(outcome.stream)
                dead = redact_record(record)
                dead["_paradox_error"] = {**(outcome.error or {}), "seq": outcome.seq}
                _write(
                    self._dead_letter, {"type": "RECORD", "stream": outcome.stream, "record": dead}
                )

    @property
    def failed(self) -> int:
        """Number of failed records so far."""
        return sum(n for (_, status), n in self.counts.items() if status == "failed")

    def summary(self) -> dict[str, dict[str, int]]:
        """Return ``{action: {written, skipped, failed}}``."""
        result: dict[str, dict[str, int]] = {}
        for (action, status), count in sorted(self.counts.items()):
            result.setdefault(action, dict.fromkeys(STATUSES, 0))[status] = count
        return result

    def log_summary(self, logger: logging.Logger) -> None:
        """Log one line per action, at WARNING when anything failed, then the JSON summary."""
        summary = self.summary()
        level = logging.WARNING if self.failed else logging.INFO
        for action, counts in summary.items():
            logger.log(level, "%s: %s", action, ", ".join(f"{k} {v}" for k, v in counts.items()))
        for stream in sorted({stream for stream, _ in self.stream_counts}):
            counts = ", ".join(f"{s} {self.stream_counts[(stream, s)]}" for s in STATUSES)
            logger.log(level, "stream %s: %s", stream, counts)
        logger.log(level, "target-paradox summary: %s", json.dumps(summary, sort_keys=True))

    def close(self) -> None:
        """Flush and close both files."""
        with self._lock:
            for handle in (self._outcomes, self._dead_letter):
                handle.close()


def _open(path: str) -> TextIO:
    try:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        _keep_earlier_run(target)
        return target.open("w", encoding="utf-8")
    except OSError as error:
        msg = f"cannot write {path}: {error.strerror}"
        raise OutputFileError(msg) from error


def _keep_earlier_run(target: Path) -> None:
    """Rename a non-empty file of an earlier run to ``<stem>.<UTC time>.<suffix>``.

    Each run starts its own files, so a dead letter can be fed back as it is; renaming instead
    of truncating keeps an earlier run's failures that nobody has fed back yet.
    """
    if not target.is_file() or target.stat().st_size == 0:
        return
    stamp = datetime.fromtimestamp(target.stat().st_mtime, tz=timezone.utc)
    kept = target.with_name(f"{target.stem}.{stamp:%Y%m%dT%H%M%S%fZ}{target.suffix}")
    target.rename(kept)


def _write(handle: TextIO, message: Mapping[str, Any]) -> None:
    try:
        handle.write(json.dumps(message, ensure_ascii=False, default=str) + "\n")
        handle.flush()
    except OSError as error:
        msg = f"cannot write {handle.name}: {error.strerror}"
        raise OutputFileError(msg) from error


def _schema_message(stream: str, schema: Mapping[str, Any] | None, keys: list[str] | None) -> dict:
    schema = copy.deepcopy(dict(schema or {"type": "object", "properties": {}}))
    schema.setdefault("properties", {})["_paradox_error"] = {"type": ["object", "null"]}
    return {"type": "SCHEMA", "stream": stream, "schema": schema, "key_properties": keys or []}


def redact_record(record: Mapping[str, Any]) -> dict:
    """Copy the input, replacing attachment bytes (nested, flattened or JSON text)."""
    result = copy.deepcopy(dict(record))
    for key, value in list(result.items()):
        if key.endswith("data") and key.startswith(("attachment", "attachments")):
            result[key] = OMITTED
        elif key in ("attachments", "attachment") or key.startswith("attachments"):
            result[key] = _redact_files(value)
    return result


def _redact_files(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip().startswith(("[", "{")):
        try:
            return json.dumps(_redact_files(json.loads(value)))
        except ValueError:
            return value
    if isinstance(value, list):
        return [_redact_files(item) for item in value]
    if isinstance(value, dict):
        return {k: (OMITTED if k == "data" else _redact_files(v)) for k, v in value.items()}
    return value
