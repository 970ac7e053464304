"""Discovery: sampled custom field keys become typed catalog columns; --about stays offline."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from tap_paradox.discovery import discover_custom_field_keys, sample_candidate_rows
from tests.tap.tap_runner import discover, run_tap, sandbox_config

LIST_PATH = "/api/v1/public/candidates"


@pytest.fixture
def config(sandbox, tmp_path):
    return sandbox_config(sandbox, tmp_path / "ledger.sqlite", discovery_sample_size=120)


def _list_calls(sandbox) -> list:
    return [r for r in sandbox.requests if r.method == "GET" and r.path == LIST_PATH]


def test_sample_reads_the_newest_candidates_in_pages_of_at_most_50(sandbox, config):
    rows = sample_candidate_rows(config, 120)
    oids = sorted(sandbox.store.candidate_oids())
    assert [row["candidate"]["OID"] for row in rows] == oids[-120:]
    calls = _list_calls(sandbox)
    assert all(call.query["include_attributes"] == "Yes" for call in calls)
    assert all(int(call.query["limit"]) <= 50 for call in calls)
    assert len(calls) == 1 + 3  # one call learns the count, three read the newest 120


def test_catalog_types_sampled_attribute_and_feed_keys(sandbox, config):
    catalog = {entry["stream"]: entry for entry in discover(config)["streams"]}
    candidate_fields = catalog["candidates"]["schema"]["properties"]["custom_fields"]
    expected = set()
    for oid in sorted(sandbox.store.candidate_oids())[-120:]:
        expected.update(sandbox.store.get_row(oid).get("attributes") or {})
    assert expected <= set(candidate_fields["properties"])
    assert candidate_fields["properties"]["shift_preference"]["type"] == ["string", "null"]
    assert candidate_fields["additionalProperties"] is True
    job_fields = catalog["jobs"]["schema"]["properties"]["custom_fields"]["properties"]
    assert {"district", "company", "salary"} <= set(job_fields)
    application_fields = catalog["applications"]["schema"]["properties"]["custom_fields"]
    assert "candidate_journey" in application_fields["properties"]


def test_catalog_types_custom_fields_mapped_from_typed_candidate_keys(sandbox, config):
    mapping = {
        "applications": {"seen": "candidate.viewed", "journey": "candidate.candidate_journey"}
    }
    config = {**config, "custom_field_mapping": mapping}

    catalog = {entry["stream"]: entry for entry in discover(config)["streams"]}

    fields = catalog["applications"]["schema"]["properties"]["custom_fields"]["properties"]
    assert "integer" in fields["seen"]["type"]
    assert set(fields) >= {"seen", "journey"}


def test_discovery_uses_the_taps_one_token_for_every_sample_page(sandbox, config):
    discover(config)

    tokens = [r for r in sandbox.requests if r.path.endswith("/auth/token")]
    assert len(_list_calls(sandbox)) > 2
    assert len(tokens) == 1


def test_unreachable_tenant_still_gives_a_catalog(sandbox, config, caplog):
    feed = "http://127.0.0.1:9/secret-xyz/jobs.xml"
    config = {**config, "api_url": "http://127.0.0.1:9", "job_feed_url": feed}
    config["max_retries"] = 0
    keys = discover_custom_field_keys(config)
    assert keys == {}
    assert "custom fields stay untyped" in caplog.text
    assert "secret-xyz" not in caplog.text


def test_a_run_with_a_catalog_samples_nothing(sandbox, config):
    catalog = discover(config)
    sandbox.clear_requests()
    output = run_tap(config, catalog=catalog)
    pass_calls = _list_calls(sandbox)
    # Only the candidate pass pages: offsets step from 0, none jumps to the newest rows.
    offsets = [int(call.query.get("offset", 0)) for call in pass_calls]
    assert offsets == sorted(offsets)
    assert offsets[0] == 0
    assert output.schemas["candidates"]["properties"]["custom_fields"]["properties"]


@pytest.mark.parametrize("flag", ["--about", "--help"])
def test_about_and_help_make_no_http_call(sandbox, config, tmp_path, flag):
    config_path = tmp_path / "config.json"
    config_path.write_text(json.dumps(config))
    executable = Path(sys.executable).with_name("tap-paradox")
    command = [str(executable), flag, "--config", str(config_path)]
    if flag == "--about":
        command += ["--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    if flag == "--about":
        assert "job_feed_url" in json.loads(result.stdout)["settings"]["properties"]
    else:
        assert "--discover" in result.stdout
    assert sandbox.requests == []


def test_feed_sample_never_logs_the_feed_path(sandbox, config, caplog):
    secret = sandbox.feed_url.split("/feeds/", 1)[1].split("/", 1)[0]
    with caplog.at_level(logging.DEBUG):
        keys = discover_custom_field_keys(config)
    assert keys["jobs"]
    assert "urllib3" in caplog.text  # DEBUG request lines were logged, without the path
    assert secret not in caplog.text
