"""The tap-paradox command: --about settings, --full-refresh and --allow-mass-delete."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tap_paradox.settings import CONFIG_SCHEMA, CONNECTION, SHAPE, SYNCING
from tap_paradox.tap import TapParadox
from tests.tap.candidate_helpers import list_calls, person_catalog, run_streams
from tests.tap.tap_runner import sandbox_config

SECRETS = {"client_id", "client_secret", "job_feed_url"}


def test_every_setting_has_a_title_a_description_with_its_default_and_secrets_marked() -> None:
    properties = CONFIG_SCHEMA["properties"]
    # The SDK adds its own capability settings (stream_maps, ...) to the same schema.
    ours = [prop.name for prop in (*CONNECTION, *SYNCING, *SHAPE)]
    assert len(ours) == 39
    for name in ours:
        schema = properties[name]
        assert schema.get("title"), name
        assert "default" in schema["description"], name
        assert bool(schema.get("secret")) == (name in SECRETS), name
    assert properties["client_id"]["title"] == "Account ID"
    assert properties["client_secret"]["title"] == "Secret Key"
    assert properties["api_url"]["default"] == "https://api.paradox.ai"


def test_about_markdown_renders_the_settings_table() -> None:
    result = CliRunner().invoke(TapParadox.cli, ["--about", "--format=markdown"])
    assert result.exit_code == 0
    assert "| client_id | True | None |" in result.output
    assert "| full_sync_interval_days | False | 7 |" in result.output


def test_full_refresh_flag_reads_everything_whatever_the_state(sandbox, tmp_path) -> None:
    config = sandbox_config(sandbox, tmp_path / "ledger.sqlite")
    catalog = person_catalog(config)
    first = run_streams(config, catalog)
    (tmp_path / "config.json").write_text(json.dumps(config))
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    (tmp_path / "state.json").write_text(json.dumps(first.state))
    sandbox.clear_requests()
    args = [
        "--config",
        str(tmp_path / "config.json"),
        "--catalog",
        str(tmp_path / "catalog.json"),
        "--state",
        str(tmp_path / "state.json"),
        "--full-refresh",
    ]

    result = CliRunner().invoke(TapParadox.cli, args)

    assert result.exit_code == 0, result.output
    assert [call.get("start_date") for call in list_calls(sandbox)] == [None] * 7
    records = [json.loads(line) for line in result.stdout.splitlines() if '"RECORD"' in line]
    assert len([r for r in records if r["stream"] == "candidates"]) == 300
