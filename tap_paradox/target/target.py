"""target-paradox: the Singer target that writes applicants and their updates to Paradox."""

from __future__ import annotations

import copy
import sys
import typing as t
from functools import partial

from singer_sdk import Target
from singer_sdk.helpers.capabilities import CapabilitiesEnum, PluginCapabilities
from singer_sdk.sinks import Sink

from tap_paradox.target.actions.common import WriteContext
from tap_paradox.target.downloads import DownloadGuard, download
from tap_paradox.target.engine import RunStoppedError, WriteEngine
from tap_paradox.target.feed_jobs import FeedTitles
from tap_paradox.target.http import ParadoxClient
from tap_paradox.target.ledger_thread import LedgerThread
from tap_paradox.target.outcomes import OutcomeRecorder, OutputFileError
from tap_paradox.target.resolve import IdResolver
from tap_paradox.target.run_settings import WriteSettings
from tap_paradox.target.settings import (
    ACTIONS,
    CONFIG_SCHEMA,
    DEFAULT_LEDGER_PATH,
    UNAVAILABLE_ACTIONS,
)
from tap_paradox.target.sinks import ActionSink, IgnoredStreamSink


class FailedRecordsError(RuntimeError):
    """Some records failed (see the outcome and dead-letter files)."""


class SettingsError(RuntimeError):
    """A setting has a value the target cannot work with."""


class UnroutableStreamError(RuntimeError):
    """A stream has no action (policy ``fail``) or ``stream_actions`` names an unknown one."""


class TargetParadox(Target):
    """Writes candidates, applications, CVs, stage moves, result links and notes to Paradox."""

    name = "target-paradox"
    package_name = "tap-paradox"  # the distribution that ships both the tap and this target
    # A copy: the SDK adds its built-in settings to this dict in place.
    config_jsonschema = copy.deepcopy(CONFIG_SCHEMA)
    # No validate-records: records are checked against the action schemas (model §4), never
    # the upstream SCHEMA. No schema-flattening: inputs are unflattened here (flattening_separator).
    capabilities: t.ClassVar[list[CapabilitiesEnum]] = [
        PluginCapabilities.ABOUT,
        PluginCapabilities.STREAM_MAPS,
        PluginCapabilities.STRUCTURED_LOGGING,
    ]
    default_sink_class = ActionSink

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        """Set up the run: settings, ledger, HTTP client, output files and the engine."""
        super().__init__(*args, **kwargs)
        try:
            self.settings = WriteSettings.from_config(self.config)
        except ValueError as error:
            raise SettingsError(str(error)) from error
        # The output files first: an unwritable path fails before the ledger is touched.
        self.recorder = OutcomeRecorder(
            self.config.get("outcomes_path") or "target-paradox-outcomes.jsonl",
            self.config.get("dead_letter_path") or "target-paradox-dead-letter.singer",
        )
        self._ledger = LedgerThread(self._open_ledger)
        client = ParadoxClient(self.config)
        feed = FeedTitles(
            self.config.get("job_feed_url"),
            client.retry_policy,
            self.logger,
            required=self.settings.require_job_in_feed,
        )
        resolver = IdResolver(
            self.settings.tenant_id,
            self._ledger,
            stage_catalog=self.settings.stage_catalog,
            separator=self.settings.journey_status_separator,
            feed_job_ids=feed.job_ids if self.config.get("job_feed_url") else None,
        )
        guard = DownloadGuard(
            allowed_hosts=self.settings.allowed_download_hosts,
            max_bytes=self.settings.resume_max_bytes,
            connect_timeout_s=self.settings.download_connect_timeout_s,
            read_timeout_s=self.settings.download_read_timeout_s,
        )
        self.context = WriteContext(
            settings=self.settings,
            client=client,
            resolver=resolver,
            ledger=self._ledger,
            fetch=partial(download, guard=guard, retry_policy=client.retry_policy),
            feed_titles=feed,
        )
        self.engine = WriteEngine(self.context, self.recorder, self.logger)
        self._finished = False

    def _open_ledger(self) -> t.Any:
        from tap_paradox.ledger import Ledger  # noqa: PLC0415 (opened on the ledger thread)

        path = self.config.get("ledger_path") or DEFAULT_LEDGER_PATH
        return Ledger.open(path, self.settings.tenant_id)

    def action_for(self, stream_name: str) -> str | None:
        """Return the action a stream is routed to, or None (unknown stream)."""
        action = self.settings.stream_actions.get(stream_name)
        # An action Paradox cannot do fails each record (ACTION_NOT_AVAILABLE); a typo stops.
        if action is not None and action not in ACTIONS and action not in UNAVAILABLE_ACTIONS:
            msg = f"stream {stream_name}: stream_actions names an unknown action {action!r}"
            raise UnroutableStreamError(msg)
        return action

    def get_sink_class(self, stream_name: str) -> type[Sink]:
        """Every routed stream uses ActionSink; an unknown one is refused or ignored."""
        if self.action_for(stream_name) is not None:
            return ActionSink
        if self.settings.unknown_stream_policy == "ignore":
            self.logger.warning("Stream %s has no action; its records are ignored", stream_name)
            return IgnoredStreamSink
        msg = (
            f"stream {stream_name} has no action: map it in stream_actions "
            '(e.g. {"' + stream_name + '": "create_application"}) or set '
            "unknown_stream_policy to ignore"
        )
        raise UnroutableStreamError(msg)

    def listen(self, file_input: t.IO[str] | None = None) -> None:
        """Read every message, finish every record, then report (raising when records failed)."""
        try:
            super().listen(file_input)
        finally:
            self.finish()
        if self.engine.stopped is not None:
            raise self.engine.stopped
        if self.recorder.failed and self.config.get("fail_on_failed_records", True):
            msg = f"{self.recorder.failed} record(s) failed; see the outcome and dead-letter files"
            raise FailedRecordsError(msg)

    def finish(self) -> None:
        """Wait for the writes, close the files and the ledger, log the per-action summary."""
        if self._finished:
            return
        self._finished = True
        try:
            self.engine.close()
        finally:
            self.recorder.close()
            self._ledger.shutdown()
            self.recorder.log_summary(self.logger)

    @classmethod
    def invoke(cls, *args: t.Any, **kwargs: t.Any) -> None:
        """Run the target; failed records and stop conditions end the process with exit code 1."""
        try:
            super().invoke(*args, **kwargs)
        except (
            FailedRecordsError,
            RunStoppedError,
            UnroutableStreamError,
            OutputFileError,
            SettingsError,
        ) as error:
            cls.logger.error("target-paradox: %s", error)
            sys.exit(1)


if __name__ == "__main__":
    TargetParadox.cli()
