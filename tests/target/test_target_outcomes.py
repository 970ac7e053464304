"""Outcome lines, dead-letter redaction and the summary (pure)."""

from __future__ import annotations

import json
import logging

import requests

from tap_paradox.target.errors import ActionError
from tap_paradox.target.http import classify_response
from tap_paradox.target.outcomes import OMITTED, Outcome, OutcomeRecorder, redact_record


def test_attachment_bytes_are_left_out_in_every_input_shape():
    record = {
        "attachment": {"type": "CV", "data": "SECRETBYTES", "name": "cv.pdf"},
        "attachment__data": "SECRETBYTES",
        "attachments": '[{"type": "CV", "data": "SECRETBYTES"}]',
        "attachments__0__data": "SECRETBYTES",
        "candidate": {"first_name": "Ana"},
    }
    redacted = redact_record(record)
    assert "SECRETBYTES" not in json.dumps(redacted)
    assert redacted["attachment"] == {"type": "CV", "data": OMITTED, "name": "cv.pdf"}
    assert json.loads(redacted["attachments"]) == [{"type": "CV", "data": OMITTED}]
    assert redacted["candidate"] == {"first_name": "Ana"}
    assert record["attachment"]["data"] == "SECRETBYTES"  # the input itself is not changed


def test_one_schema_per_stream_then_the_failed_records(tmp_path):
    recorder = OutcomeRecorder(str(tmp_path / "o.jsonl"), str(tmp_path / "d.singer"))
    error = {"code": "PLATFORM.INPUT_INVALID", "message": "m", "field": "f", "remote_status": None}
    for seq, stream in enumerate(["a", "a", "b"], start=1):
        recorder.record(
            Outcome(stream, seq, "add_note", None, "failed", error=error),
            record={"n": seq},
            schema={"properties": {"n": {}}},
            key_properties=["n"],
        )
    recorder.record(
        Outcome("a", 4, "add_note", "k", "written", operation="appended_note"), record={"n": 4}
    )
    recorder.close()
    dead = [json.loads(line) for line in (tmp_path / "d.singer").read_text().splitlines()]
    assert [(m["type"], m["stream"]) for m in dead] == [
        ("SCHEMA", "a"),
        ("RECORD", "a"),
        ("RECORD", "a"),
        ("SCHEMA", "b"),
        ("RECORD", "b"),
    ]
    assert dead[0]["key_properties"] == ["n"]
    assert dead[1]["record"] == {"n": 1, "_paradox_error": {**error, "seq": 1}}
    lines = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert len(lines) == 4 and "error" not in lines[3] and lines[3]["operation"] == "appended_note"
    assert recorder.summary() == {"add_note": {"written": 1, "skipped": 0, "failed": 3}}


def test_a_new_run_keeps_the_earlier_runs_files_beside_its_own(tmp_path):
    error = {"code": "PLATFORM.INPUT_INVALID", "message": "m", "field": "f", "remote_status": None}
    for run in (1, 2):
        recorder = OutcomeRecorder(str(tmp_path / "o.jsonl"), str(tmp_path / "d.singer"))
        recorder.record(
            Outcome("a", run, "add_note", None, "failed", error=error),
            record={"run": run},
            schema={"properties": {"run": {}}},
            key_properties=[],
        )
        recorder.close()

    kept = sorted(tmp_path.glob("d.*.singer"))
    assert len(kept) == 1
    current = [json.loads(line) for line in (tmp_path / "d.singer").read_text().splitlines()]
    earlier = [json.loads(line) for line in kept[0].read_text().splitlines()]
    assert [m["record"]["run"] for m in current if m["type"] == "RECORD"] == [2]
    assert [m["record"]["run"] for m in earlier if m["type"] == "RECORD"] == [1]
    assert len(sorted(tmp_path.glob("o.*.jsonl"))) == 1


def test_an_empty_earlier_file_is_simply_reused(tmp_path):
    (tmp_path / "d.singer").write_text("")

    OutcomeRecorder(str(tmp_path / "o.jsonl"), str(tmp_path / "d.singer")).close()

    assert sorted(path.name for path in tmp_path.iterdir()) == ["d.singer", "o.jsonl"]


def test_the_summary_is_logged_at_warning_when_anything_failed(tmp_path, caplog):
    recorder = OutcomeRecorder(str(tmp_path / "o.jsonl"), str(tmp_path / "d.singer"))
    recorder.record(Outcome("s", 1, "move_stage", None, "skipped", reason="ALREADY_IN_STAGE"))
    with caplog.at_level(logging.INFO):
        recorder.log_summary(logging.getLogger("t"))
    assert {r.levelno for r in caplog.records} == {logging.INFO}
    assert "move_stage: written 0, skipped 1, failed 0" in caplog.messages
    assert "stream s: written 0, skipped 1, failed 0" in caplog.messages
    recorder.record(Outcome("s", 2, "move_stage", None, "failed", error={"code": "X"}), record={})
    caplog.clear()
    recorder.log_summary(logging.getLogger("t"))
    assert {r.levelno for r in caplog.records} == {logging.WARNING}


def _response(status: int, body: bytes, content_type: str = "application/json"):
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers["Content-Type"] = content_type
    return response


def test_answers_are_classified_without_assuming_json():
    cases = [
        (_response(200, b"<html>oops</html>", "text/html"), "PLATFORM.UNKNOWN_ERROR"),
        (_response(404, b"404", "text/plain"), "INTEGRATION.SETUP_INCOMPLETE"),
        (
            _response(403, b'{"message":"Missing Authentication Token"}'),
            "INTEGRATION.SETUP_INCOMPLETE",
        ),
        (
            _response(
                404, b'{"errors":[{"code":1004,"message":"Candidate not found.","field":"ID"}]}'
            ),
            "REMOTE.INPUT_INVALID",
        ),
        (_response(409, b"conflict", "text/plain"), "REMOTE.UNKNOWN_HTTP_ERROR"),
        (_response(422, b'{"message": "nope"}'), "REMOTE.UNKNOWN_HTTP_ERROR"),
        (_response(400, b"not json", "text/plain"), "REMOTE.INPUT_INVALID"),
    ]
    for response, code in cases:
        try:
            classify_response("GET", "/candidates/1", response)
        except ActionError as error:
            assert error.code == code, (response.status_code, error.message)
            assert error.remote_status == response.status_code
        else:
            raise AssertionError(f"{response.status_code} was not classified")
    assert classify_response("GET", "/x", _response(200, b'{"ok": 1}')) == {"ok": 1}
