"""paradox-admin against the sandbox: check, fields and passthrough, as a user runs them."""

import json

import pytest
import requests

from tap_paradox import passthrough
from tap_paradox.admin import main


def _config(sandbox, tmp_path, **overrides):
    config = {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "api_url": sandbox.api_url,
        "job_feed_url": sandbox.feed_gzip_url,
        "ledger_path": str(tmp_path / "ledger.sqlite"),
        "backoff_base_s": 0,
        **overrides,
    }
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    return config, path


def test_check_passes_every_step_against_the_sandbox(sandbox, tmp_path, capsys):
    _config_values, path = _config(sandbox, tmp_path)

    status = main(["check", "--config", str(path)])

    checks = json.loads(capsys.readouterr().out)["checks"]
    assert status == 0
    assert [check["name"] for check in checks] == ["token", "candidates", "job_feed", "ledger"]
    assert all(check["ok"] for check in checks)
    assert f"{len(sandbox.store.feed_job_ids())} jobs" in checks[2]["message"]
    token_calls = [r for r in sandbox.requests if r.path.endswith("/auth/token")]
    assert token_calls


def test_check_reports_refused_credentials_with_their_code(sandbox, tmp_path, capsys):
    _config_values, path = _config(sandbox, tmp_path, client_secret="wrong")

    status = main(["check", "--config", str(path)])

    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert status == 1
    assert checks["token"]["code"] == "INTEGRATION.AUTHENTICATION_INVALID"
    assert "wrong" not in json.dumps(checks)
    assert checks["ledger"]["ok"]


def test_check_reports_a_wrong_base_path_as_setup_incomplete(sandbox, tmp_path, capsys):
    _config_values, path = _config(sandbox, tmp_path, api_url=sandbox.api_url + "/api/v1/public")

    status = main(["check", "--config", str(path)])

    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert status == 1
    assert checks["token"]["code"] == "INTEGRATION.SETUP_INCOMPLETE"


def test_fields_lists_attribute_keys_and_feed_extras(sandbox, tmp_path, capsys):
    _config_values, path = _config(sandbox, tmp_path)

    status = main(["fields", "--config", str(path), "--sample", "120", "--format", "json"])

    reports = json.loads(capsys.readouterr().out)
    assert status == 0
    sources = {report["source"] for report in reports}
    assert sources == {"attributes", "feed"}
    attribute_reports = [r for r in reports if r["source"] == "attributes"]
    assert all(r["sampled"] == 120 for r in attribute_reports)
    assert all(len(example) <= 40 for r in reports for example in r["examples"])
    listed = [r for r in sandbox.requests if r.path.endswith("/candidates")]
    assert all(r.query.get("include_attributes") == "Yes" for r in listed)


def test_fields_table_without_examples(sandbox, tmp_path, capsys):
    _config_values, path = _config(sandbox, tmp_path)

    main(["fields", "--config", str(path), "--sample", "50", "--no-examples"])

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "path",
        "inferred_type",
        "fill_rate",
        "distinct",
        "default_mapped",
        "examples",
    ]
    assert any(line.startswith("attributes.") for line in lines[1:])


def test_passthrough_returns_status_and_parsed_body(sandbox, tmp_path):
    config, _path = _config(sandbox, tmp_path)

    result = passthrough.request(config, "GET", "/candidates", params={"limit": 2})

    assert result["status"] == 200
    assert len(result["data"]["candidates"]) == 2
    assert result["url"].startswith(sandbox.api_url + "/api/v1/public/candidates")


def test_passthrough_retries_a_get_after_429(sandbox, tmp_path, monkeypatch):
    config, _path = _config(sandbox, tmp_path)
    waits = []
    monkeypatch.setattr("tap_paradox.retry.time.sleep", waits.append)
    sandbox.set_faults(rate_429=1.0, retry_after_s=3, fail_paths=("/company/locations",))
    config["max_retries"] = 2

    result = passthrough.request(config, "GET", "/company/locations")

    assert result["status"] == 429
    assert waits == [3.0, 3.0]


def test_passthrough_never_retries_a_write(sandbox, tmp_path, monkeypatch):
    config, _path = _config(sandbox, tmp_path)
    monkeypatch.setattr("tap_paradox.retry.time.sleep", lambda _s: None)
    sandbox.set_faults(rate_5xx=1.0, fail_paths=("/candidates",))
    sandbox.clear_requests()

    result = passthrough.request(config, "POST", "/candidates", json={"name": "A B"})

    assert result["status"] >= 500
    assert [r.method for r in sandbox.requests if r.path.endswith("/candidates")] == ["POST"]


def test_passthrough_renews_the_token_once_after_401(sandbox, tmp_path):
    config, _path = _config(sandbox, tmp_path)
    session_result = passthrough.request(config, "GET", "/users/")
    assert session_result["status"] == 200

    sandbox.expire_tokens()
    result = passthrough.request(config, "GET", "/users/")

    assert result["status"] == 200


@pytest.mark.parametrize("api", ["v2", "public"])
def test_passthrough_refuses_an_unknown_api_prefix(tmp_path, api):
    with pytest.raises(ValueError, match="api must be one of"):
        passthrough.request({"client_id": "a", "client_secret": "b"}, "GET", "/x", api=api)


def test_check_reads_tap_settings_from_the_environment_as_meltano_sets_them(
    sandbox, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)  # no stray .env file is read
    monkeypatch.setenv("TAP_PARADOX_CLIENT_ID", sandbox.client_id)
    monkeypatch.setenv("TAP_PARADOX_CLIENT_SECRET", sandbox.client_secret)
    monkeypatch.setenv("TAP_PARADOX_API_URL", sandbox.api_url)
    monkeypatch.setenv("TAP_PARADOX_LEDGER_PATH", str(tmp_path / "ledger.sqlite"))
    monkeypatch.setenv("TAP_PARADOX_MAX_RETRIES", "1")

    status = main(["check"])

    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert status == 0
    assert checks["job_feed"]["message"].startswith("job_feed_url not set")
    assert sandbox.client_secret not in json.dumps(checks)


def test_without_config_or_environment_the_command_says_what_to_give(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("TAP_PARADOX_CLIENT_ID", "TAP_PARADOX_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)

    status = main(["check"])

    assert status == 2
    assert "TAP_PARADOX_CLIENT_ID" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("faults", "code"),
    [
        ({"rate_429": 1.0}, "REMOTE.RATE_LIMIT_EXCEEDED"),
        ({"rate_5xx": 1.0}, "REMOTE.SERVICE_UNAVAILABLE"),
    ],
)
def test_check_reports_a_lasting_candidates_failure_with_the_targets_code(
    sandbox, tmp_path, capsys, faults, code
):
    _config_values, path = _config(sandbox, tmp_path, max_retries=0)
    sandbox.set_faults(**faults, fail_paths=("/candidates",))

    status = main(["check", "--config", str(path)])

    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert status == 1
    assert checks["token"]["ok"]
    assert checks["candidates"]["code"] == code


def test_passthrough_retries_a_get_after_resets_then_raises_the_last(sandbox, tmp_path):
    config, _path = _config(sandbox, tmp_path, max_retries=2)
    sandbox.set_faults(reset_rate=1.0, fail_paths=("/company/locations",))
    sandbox.clear_requests()

    with pytest.raises(requests.ConnectionError):
        passthrough.request(config, "GET", "/company/locations")

    calls = [r for r in sandbox.requests if r.path.endswith("/company/locations")]
    assert len(calls) == 3


@pytest.mark.parametrize(
    ("faults", "code"),
    [
        ({"rate_429": 1.0}, "REMOTE.RATE_LIMIT_EXCEEDED"),
        ({"rate_5xx": 1.0}, "REMOTE.SERVICE_UNAVAILABLE"),
        ({"reset_rate": 1.0}, "REMOTE.SERVICE_UNAVAILABLE"),
    ],
)
def test_check_retries_the_token_request_then_reports_the_lasting_failure(
    sandbox, tmp_path, capsys, faults, code
):
    _config_values, path = _config(sandbox, tmp_path, max_retries=2)
    sandbox.set_faults(**faults, fail_paths=("/auth/token",))
    sandbox.clear_requests()

    main(["check", "--config", str(path)])

    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["token"]["code"] == code
    token_calls = [r for r in sandbox.requests if r.path.endswith("/auth/token")]
    # The token check and the candidates check each ask once and retry twice.
    assert len(token_calls) == 6
