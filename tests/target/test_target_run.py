"""Routing, enabled actions, stop conditions, exit status and stdout of a target run."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tap_paradox.ids import record_id
from tap_paradox.target.outcomes import OutcomeRecorder, OutputFileError
from tap_paradox.target.target import SettingsError, TargetParadox, UnroutableStreamError
from tests.target.helpers import (
    applicant,
    run_target,
    singer_lines,
    target_config,
    tenant_of,
    writes,
)


def notes_for(sandbox, count: int, text: str = "note") -> list[dict]:
    tenant = tenant_of(sandbox)
    oids = sandbox.store.candidate_oids()[:count]
    return [
        {"application_id": record_id(tenant, "applications", oid), "content": f"{text} {i}"}
        for i, oid in enumerate(oids)
    ]


def test_a_stream_without_an_action_stops_before_its_first_record(sandbox, tmp_path):
    target = TargetParadox(config=target_config(sandbox, tmp_path))
    lines = singer_lines("crm_new_applicants", [applicant("a@example.com", "REQ-1")])
    with pytest.raises(UnroutableStreamError, match="stream_actions"):
        target.listen(io.StringIO("\n".join(lines) + "\n"))
    assert writes(sandbox) == []


def test_stream_actions_route_any_stream_name_and_accept_json_text(sandbox, tmp_path):
    job = sandbox.store.feed_job_ids()[0]
    config = target_config(
        sandbox, tmp_path, stream_actions=json.dumps({"crm_new_applicants": "create_application"})
    )
    result = run_target(
        config, singer_lines("crm_new_applicants", [applicant("b@example.com", job)])
    )
    assert result.outcomes[0]["action"] == "create_application"
    assert result.outcomes[0]["status"] == "written"


def test_unknown_streams_can_be_ignored(sandbox, tmp_path):
    config = target_config(sandbox, tmp_path, unknown_stream_policy="ignore")
    lines = singer_lines("page_views", [{"url": "/x"}]) + singer_lines(
        "application_notes", notes_for(sandbox, 1)
    )
    result = run_target(config, lines)
    assert [o["stream"] for o in result.outcomes] == ["application_notes"]
    assert result.error is None


def test_an_action_paradox_cannot_do_fails_each_record(sandbox, tmp_path):
    config = target_config(sandbox, tmp_path, stream_actions={"rejections": "reject_application"})
    result = run_target(config, singer_lines("rejections", [{"application_id": "remote:1"}]))
    assert result.outcomes[0]["error"]["code"] == "INTEGRATION.ACTION_NOT_AVAILABLE"
    assert (
        result.dead_letter[1]["record"]["_paradox_error"]["code"]
        == "INTEGRATION.ACTION_NOT_AVAILABLE"
    )
    assert writes(sandbox) == []


def test_a_misspelt_action_stops_before_the_first_record(sandbox, tmp_path):
    config = target_config(sandbox, tmp_path, stream_actions={"notes": "add_notes"})
    target = TargetParadox(config=config)
    with pytest.raises(UnroutableStreamError, match="unknown action"):
        target.listen(io.StringIO("\n".join(singer_lines("notes", [{}])) + "\n"))


def test_a_disabled_action_fails_its_records_without_calls(sandbox, tmp_path):
    config = target_config(sandbox, tmp_path, enabled_actions=["create_application"])
    result = run_target(config, singer_lines("application_notes", notes_for(sandbox, 2)))
    assert {o["error"]["code"] for o in result.outcomes} == {"INTEGRATION.ACTION_DISABLED"}
    assert len(result.dead_letter) == 3
    assert [r for r in sandbox.requests if "/auth/" not in r.path] == []


def test_refused_credentials_stop_the_run_and_dead_letter_what_was_queued(sandbox, tmp_path):
    config = target_config(sandbox, tmp_path, client_secret="wrong", max_parallel_writes=1)
    result = run_target(config, singer_lines("application_notes", notes_for(sandbox, 3)))
    assert type(result.error).__name__ == "RunStoppedError"
    assert {o["error"]["code"] for o in result.outcomes} == {"INTEGRATION.AUTHENTICATION_INVALID"}
    assert len([m for m in result.dead_letter if m["type"] == "RECORD"]) == len(result.outcomes)
    token_calls = [r for r in sandbox.requests if r.path.endswith("/auth/token")]
    assert len(token_calls) == 1


def test_remote_failures_in_a_row_stop_the_run(sandbox, tmp_path):
    config = target_config(
        sandbox, tmp_path, max_consecutive_failures=2, max_retries=0, max_parallel_writes=1
    )
    sandbox.set_faults(rate_5xx=1.0, fail_paths=["/candidates/"])
    result = run_target(config, singer_lines("application_notes", notes_for(sandbox, 5)))
    assert type(result.error).__name__ == "RunStoppedError"
    attempted = [r for r in sandbox.requests if "/candidates/" in r.path]
    assert len(attempted) == 2
    messages = [o["error"]["message"] for o in result.by_seq("application_notes")]
    assert all(m.startswith("not attempted") for m in messages[2:])


def test_fail_on_failed_records_false_ends_cleanly(sandbox, tmp_path):
    config = target_config(sandbox, tmp_path, fail_on_failed_records=False)
    bad = [{"application_id": "remote:1"}]
    result = run_target(config, singer_lines("application_notes", bad))
    assert result.outcomes[0]["status"] == "failed" and result.error is None


def test_an_unwritable_outcomes_path_fails_before_any_write(sandbox, tmp_path):
    (tmp_path / "blocker").write_text("a file, not a directory")
    config = target_config(sandbox, tmp_path, outcomes_path=str(tmp_path / "blocker" / "o.jsonl"))
    with pytest.raises(OutputFileError):
        TargetParadox(config=config)


def test_stdout_carries_only_the_upstream_state(sandbox, tmp_path, capsys):
    lines = singer_lines("application_notes", notes_for(sandbox, 2))
    lines.append(json.dumps({"type": "STATE", "value": {"bookmarks": {"notes": 2}}}))
    TargetParadox(config=target_config(sandbox, tmp_path)).listen(io.StringIO("\n".join(lines)))
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert out == [{"bookmarks": {"notes": 2}}]  # a target emits the bare state value


def test_the_cli_exits_non_zero_when_a_record_failed(sandbox, tmp_path):
    good, bad = notes_for(sandbox, 1)[0], {"application_id": "remote:1"}
    source = tmp_path / "input.singer"
    source.write_text("\n".join(singer_lines("application_notes", [good, bad])) + "\n")
    config = tmp_path / "config.json"
    for fail, expected in ((True, 1), (False, 0)):
        config.write_text(json.dumps(target_config(sandbox, tmp_path, fail_on_failed_records=fail)))
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "tap_paradox.target.target",
                "--config",
                str(config),
                "--input",
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == expected, run.stderr[-2000:]
        assert "target-paradox summary" in run.stderr


def test_settings_the_target_cannot_use_are_refused_at_start(sandbox, tmp_path):
    for bad in (
        {"dedupe_lookup": ["phone"]},
        {"require_job_in_feed": True},
        {"result_link_field_map": {"x": "photo_url"}},
        {"stream_actions": "{not json"},
    ):
        with pytest.raises(SettingsError):
            TargetParadox(config=target_config(sandbox, tmp_path, **bad))


def test_an_outcome_file_that_stops_accepting_lines_stops_the_run(sandbox, tmp_path, monkeypatch):
    real_record = OutcomeRecorder.record

    def disk_full_after_one(self, outcome, **kwargs):
        if sum(self.counts.values()) >= 1:
            raise OutputFileError("cannot write outcomes.jsonl: No space left on device")
        return real_record(self, outcome, **kwargs)

    monkeypatch.setattr(OutcomeRecorder, "record", disk_full_after_one)
    config = target_config(sandbox, tmp_path, max_parallel_writes=1)
    result = run_target(config, singer_lines("application_notes", notes_for(sandbox, 5)))
    assert type(result.error).__name__ == "RunStoppedError"
    assert "No space left" in str(result.error)
    assert len(result.outcomes) == 1
