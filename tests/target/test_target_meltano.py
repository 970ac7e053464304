"""meltano.yml declares target-paradox and tap-jsonl as the write-back example needs them."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from tap_paradox.target.settings import CONFIG_SCHEMA
from tap_paradox.target.target import TargetParadox

ROOT = Path(__file__).resolve().parents[2]


def plugins(kind: str) -> dict[str, dict]:
    project = yaml.safe_load((ROOT / "meltano.yml").read_text())
    return {plugin["name"]: plugin for plugin in project["plugins"][kind]}


def test_target_settings_match_the_config_schema():
    loader = plugins("loaders")["target-paradox"]
    declared = {setting["name"]: setting for setting in loader["settings"]}
    with_builtins = copy.deepcopy(CONFIG_SCHEMA)
    TargetParadox.append_builtin_config(with_builtins)
    assert set(declared) == set(with_builtins["properties"])
    for name, prop in CONFIG_SCHEMA["properties"].items():
        assert bool(declared[name].get("sensitive")) == bool(prop.get("secret")), name
        if "default" in prop:
            assert declared[name]["value"] == prop["default"], name
    assert loader["executable"] == "target-paradox" and loader["pip_url"] == "-e ."


def test_the_example_stream_is_routed_to_create_application():
    tap_jsonl = plugins("extractors")["tap-jsonl"]
    assert tap_jsonl["pip_url"].startswith("tap-jsonl==")
    assert (ROOT / tap_jsonl["config"]["path"].replace("${MELTANO_PROJECT_ROOT}/", "")).is_file()
    routes = plugins("loaders")["target-paradox"]["config"]["stream_actions"]
    assert routes == {tap_jsonl["config"]["stream_name"]: "create_application"}
