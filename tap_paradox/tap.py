"""TapParadox: the unified ATS streams of a Paradox tenant, with delta syncs (model §2, §3)."""

from __future__ import annotations

from typing import Any

import click
from singer_sdk import Tap
from singer_sdk.helpers._util import load_json
from singer_sdk.plugin_base import _ConfigInput

from tap_paradox.auth import build_authenticator
from tap_paradox.errors import ParadoxError
from tap_paradox.settings import CONFIG_SCHEMA
from tap_paradox.streams.candidates import ApplicationsStream, CandidatesStream
from tap_paradox.streams.directory import LocationsStream, UsersStream
from tap_paradox.sync_run import SyncRun

STATE_MARKER_KEYS = ("ledger_id", "ledger_generation")


class StreamsFailedError(ParadoxError):
    """Some streams could not run this time; the others completed and were committed."""


class TapParadox(Tap):
    """Singer tap for the Paradox ATS."""

    name = "tap-paradox"
    config_jsonschema = CONFIG_SCHEMA

    def __init__(
        self,
        *args: Any,
        full_refresh: bool = False,
        allow_mass_delete: bool = False,
        **kwargs: Any,
    ) -> None:
        """Create the tap; ``full_refresh`` / ``allow_mass_delete`` mirror the CLI flags."""
        self._full_refresh = full_refresh
        self._allow_mass_delete = allow_mass_delete
        self._authenticator: Any = None
        self._sync_run: SyncRun | None = None
        self._in_sync_all = False
        self._catalog_schemas: Any = None
        super().__init__(*args, **kwargs)

    def discover_streams(self) -> list:
        """Return every stream: candidate pass, feed, derived and directory streams."""
        from tap_paradox.streams.jobs import JobPostingsStream, JobsStream  # noqa: PLC0415
        from tap_paradox.streams.stages import (  # noqa: PLC0415
            ApplicationStagesStream,
            JobStagesStream,
        )

        stream_types = [
            CandidatesStream,
            ApplicationsStream,
            ApplicationStagesStream,
            JobsStream,
            JobPostingsStream,
            JobStagesStream,
            UsersStream,
            LocationsStream,
        ]
        return [stream_type(tap=self) for stream_type in stream_types]

    @property
    def catalog_schemas(self) -> Any:
        """Schemas of the six unified streams, discovered (sampling the tenant) on first use."""
        if self._catalog_schemas is None:
            from tap_paradox.discovery import CatalogSchemas  # noqa: PLC0415

            self._catalog_schemas = CatalogSchemas(self)
        return self._catalog_schemas

    @property
    def authenticator(self) -> Any:
        """The tap instance's one authenticator, shared by every stream."""
        if self._authenticator is None:
            self._authenticator = build_authenticator(self.config)
        return self._authenticator

    @property
    def sync_run(self) -> SyncRun:
        """This tap instance's sync run (created on first use, never shared between taps)."""
        if self._sync_run is None:
            source = self.streams["candidates"]
            self._sync_run = SyncRun(
                self.config,
                self.state,
                source,
                full_refresh=self._full_refresh,
                allow_mass_delete=self._allow_mass_delete,
                # Only sync_all commits the ledger; --test and the SDK's dry runs sync streams
                # without it, so they get a private copy instead of holding the ledger's lock.
                dry_run=not self._in_sync_all,
                logger=self.logger,
            )
            self.state.update(self._sync_run.state_markers())
        return self._sync_run

    def load_state(self, state: dict[str, Any]) -> None:
        """Load the bookmarks, and the ledger markers the SDK does not know about."""
        super().load_state(state)
        for key in STATE_MARKER_KEYS:
            if key in state:
                self.state[key] = state[key]

    def sync_all(self) -> None:  # type: ignore[misc]
        """Sync every stream, then commit the ledger (on failure, drop this run's changes).

        The SDK has no hook after the last stream; the ledger must be committed only once
        every stream has emitted, so a failed run never records what it did not emit.
        """
        self._in_sync_all = True
        if self._sync_run is not None:
            # Built before this sync as a dry run (on a private copy): start a real one.
            self._sync_run.abort()
            self._sync_run = None
        try:
            super().sync_all()
        except BaseException:
            if self._sync_run is not None:
                self._sync_run.abort()
            raise
        if self._sync_run is not None:
            self._sync_run.finish()
            # A stream that could not run (an unreadable job feed) let the others finish and
            # keep their ledger changes; the run still ends as a failure that names it.
            if self._sync_run.stream_failures:
                raise StreamsFailedError("; ".join(self._sync_run.stream_failures))

    @classmethod
    def get_singer_command(cls) -> click.Command:
        """Add ``--full-refresh`` and ``--allow-mass-delete`` to the SDK's command."""
        command = super().get_singer_command()
        command.params.extend(
            [
                click.Option(
                    ["--full-refresh"],
                    is_flag=True,
                    default=False,
                    help="Run a full sync whatever the state says.",
                ),
                click.Option(
                    ["--allow-mass-delete"],
                    is_flag=True,
                    default=False,
                    help="Emit tombstones even above max_deletion_ratio.",
                ),
            ]
        )
        return command

    @classmethod
    def invoke(  # type: ignore[override]
        cls,
        *,
        about: bool = False,
        about_format: str | None = None,
        config: Any = None,
        state: Any = None,
        catalog: Any = None,
        full_refresh: bool = False,
        allow_mass_delete: bool = False,
    ) -> None:
        """Run the tap from the command line: the SDK's flow, plus the two flags."""
        # Tap.invoke builds the tap itself, so the flags could not reach it: skip to the
        # plugin's invoke (``--about``), then build and run the tap here.
        super(Tap, cls).invoke(about=about, about_format=about_format)
        cls.print_version(print_fn=cls.logger.info)
        config = config or _ConfigInput()
        tap = cls(
            config=config.config,
            state=None if state is None else load_json(state.read()),
            catalog=None if catalog is None else load_json(catalog.read()),
            parse_env_config=config.parse_env,
            validate_config=True,
            full_refresh=full_refresh,
            allow_mass_delete=allow_mass_delete,
        )
        tap.sync_all()


cli = TapParadox.cli
