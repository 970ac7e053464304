"""One sink per input stream: hands each record to the run's WriteEngine in input order.

The upstream SCHEMA is kept for the dead-letter file but not used for validation: the action
schemas of model §4 are (a warehouse table's schema says nothing about what Paradox takes).
"""

from __future__ import annotations

from typing import Any

from singer_sdk.sinks import Sink

from tap_paradox.target.engine import InputRecord, WriteEngine


class ActionSink(Sink):
    """Routes every record of one stream to one write action."""

    def __init__(self, target: Any, stream_name: str, schema: dict, key_properties: Any) -> None:
        """Bind the sink to its stream's action and the run's engine (both on the target)."""
        super().__init__(target, stream_name, schema, key_properties)
        self.action: str = target.action_for(stream_name)
        self.engine: WriteEngine = target.engine

    def get_validator(self) -> None:
        """Validate against the action schema instead (in the engine), never the upstream one."""
        return None

    def _parse_timestamps_in_record(self, record: dict, schema: dict, treatment: Any) -> None:
        """Keep every value as received: the record may be dead-lettered unchanged."""

    def process_record(self, record: dict, context: dict) -> None:
        """Number the record in its stream and queue it for writing."""
        self.engine.submit(
            InputRecord(
                stream=self.stream_name,
                seq=self.engine.next_seq(self.stream_name),
                action=self.action,
                record=record,
                schema=self.schema,
                key_properties=list(self.key_properties or []),
            )
        )

    def process_batch(self, context: dict) -> None:
        """Wait until every queued record of this stream has an outcome (before state goes out)."""
        self.engine.wait_stream(self.stream_name)


class IgnoredStreamSink(Sink):
    """A stream without an action under ``unknown_stream_policy: ignore``: counted, not written."""

    def get_validator(self) -> None:
        """Nothing is validated: the records are dropped."""
        return None

    def process_record(self, record: dict, context: dict) -> None:
        """Drop the record."""

    def process_batch(self, context: dict) -> None:
        """Nothing to write."""
