"""meltano.yml stays in step with the tap: every setting declared, with the same sensitivity."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from singer_sdk import Tap

from tap_paradox.settings import CONFIG_SCHEMA

PROJECT = Path(__file__).resolve().parent.parent / "meltano.yml"
# Settings every singer-sdk tap accepts; the SDK adds them to --about, not to CONFIG_SCHEMA.
SDK_BUILTINS = {
    "stream_maps",
    "stream_map_config",
    "faker_config",
    "flattening_enabled",
    "flattening_max_depth",
    "flattening_max_key_length",
    "flattening_separator",
    "batch_config",
}
# JSON Schema type of a setting -> the Meltano kinds that render it faithfully.
KINDS = {
    "string": {"string", "options", "date_iso8601", "password"},
    "integer": {"integer"},
    "number": {"decimal"},
    "boolean": {"boolean"},
    "object": {"object"},
    "array": {"array"},
}


@pytest.fixture(scope="module")
def project() -> dict:
    return yaml.safe_load(PROJECT.read_text())


def _plugin(project: dict, kind: str, name: str) -> dict:
    matches = [plugin for plugin in project["plugins"][kind] if plugin["name"] == name]
    assert len(matches) == 1, f"{name} defined {len(matches)} times in meltano.yml"
    return matches[0]


def _json_type(schema: dict) -> str:
    if "oneOf" in schema:
        return _json_type(schema["oneOf"][0])
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return next(kind for kind in types if kind != "null")


def test_project_is_offline_and_quiet(project):
    assert project["send_anonymous_usage_stats"] is False
    assert project["hub_api_root"].startswith("http://127.0.0.1")
    assert project["default_environment"] in {env["name"] for env in project["environments"]}


def test_every_plugin_is_fully_defined(project):
    for kind in ("extractors", "loaders"):
        for plugin in project["plugins"][kind]:
            assert "variant" not in plugin, f"{plugin['name']} would need a hub lookup"
            for key in ("namespace", "pip_url", "executable", "settings"):
                assert plugin.get(key), f"{plugin['name']} lacks {key}"
    loaders = {plugin["name"]: plugin for plugin in project["plugins"]["loaders"]}
    assert {"target-duckdb", "target-jsonl", "target-postgres"} <= set(loaders)
    assert loaders["target-postgres"]["pip_url"].startswith("meltanolabs-target-postgres")


def test_tap_definition(project):
    tap = _plugin(project, "extractors", "tap-paradox")
    assert tap["namespace"] == "tap_paradox"
    assert tap["pip_url"] == "-e ."
    assert tap["executable"] == "tap-paradox"
    assert set(tap["capabilities"]) == {"catalog", "discover", "state", "about", "stream-maps"}


def test_tap_settings_match_settings_py(project):
    tap = _plugin(project, "extractors", "tap-paradox")
    declared = {setting["name"]: setting for setting in tap["settings"]}
    properties = CONFIG_SCHEMA["properties"]
    missing = set(properties) - set(declared)
    extra = set(declared) - set(properties) - SDK_BUILTINS
    assert not missing, f"settings.py settings missing from meltano.yml: {sorted(missing)}"
    assert not extra, f"meltano.yml declares settings the tap lacks: {sorted(extra)}"
    for name, schema in properties.items():
        setting = declared[name]
        assert bool(setting.get("sensitive")) == bool(schema.get("secret")), name
        assert setting["kind"] in KINDS[_json_type(schema)], (name, setting["kind"])
        if "default" in schema and schema["default"] not in (None, ""):
            assert setting.get("value") == schema["default"], name


def test_sdk_builtin_settings_exist_in_the_sdk():
    schema: dict = {"properties": {}}
    Tap.append_builtin_config(schema)
    assert set(schema["properties"]) >= SDK_BUILTINS
