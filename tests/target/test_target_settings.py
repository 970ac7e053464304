"""Every target setting is titled and described with its default; parsing keeps the defaults."""

from __future__ import annotations

import pytest

from tap_paradox.ids import default_tenant_id
from tap_paradox.target.run_settings import WriteSettings
from tap_paradox.target.settings import CONFIG_SCHEMA, DEFAULT_STREAM_ACTIONS

SECRETS = {"client_id", "client_secret", "job_feed_url"}


@pytest.mark.parametrize("name", sorted(CONFIG_SCHEMA["properties"]))
def test_each_setting_has_a_title_and_a_description_naming_its_default(name):
    prop = CONFIG_SCHEMA["properties"][name]
    assert prop.get("title"), name
    assert "default" in prop.get("description", ""), name
    assert bool(prop.get("secret")) == (name in SECRETS), name


def test_defaults_follow_the_model():
    settings = WriteSettings.from_config({"client_id": "acct-1", "client_secret": "s"})
    assert settings.tenant_id == default_tenant_id("acct-1")
    assert dict(settings.stream_actions) == DEFAULT_STREAM_ACTIONS
    assert settings.on_existing_application == "skip"
    assert settings.dedupe_lookup == ("ex_id", "email")
    assert (settings.max_parallel_writes, settings.max_consecutive_failures) == (4, 20)
    assert (settings.action_timeout_s, settings.resume_max_bytes) == (300, 10 * 1024 * 1024)
    assert settings.note_separator == "\n\n" and settings.note_mode == "overwrite"
    assert settings.allowed_download_hosts == frozenset()
    assert len(settings.enabled_actions) == 6 and not settings.dry_run


def test_json_text_settings_are_read_as_meltano_passes_them():
    settings = WriteSettings.from_config(
        {
            "client_id": "a",
            "client_secret": "s",
            "tenant_id": "acme",
            "stream_actions": '{"crm": "create_application"}',
            "allowed_download_hosts": '["Files.Example.com"]',
            "enabled_actions": '["add_note"]',
        }
    )
    assert settings.tenant_id == "acme"
    assert settings.stream_actions["crm"] == "create_application"
    assert settings.stream_actions["candidates"] == "create_candidate"  # defaults kept
    assert settings.allowed_download_hosts == frozenset({"files.example.com"})
    assert settings.enabled_actions == frozenset({"add_note"})
