"""The standalone command: prints where it serves, answers, and stops cleanly on SIGTERM."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import requests

from tap_paradox.sandbox.cli import build_parser


def test_command_serves_until_sigterm():
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tap_paradox.sandbox.cli",
            "--port",
            "0",
            "--candidates",
            "40",
            "--seed",
            "3",
            "--rate-429",
            "1",
            "--retry-after",
            "2",
            "--fail-path",
            "/users",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        printed = {}
        for line in process.stdout:
            match = re.match(r"(api_url|client_id|client_secret|job_feed_url):\s+(\S+)", line)
            if match:
                printed[match.group(1)] = match.group(2)
            if line.startswith("Ctrl-C"):
                break
        base = printed["api_url"] + "/api/v1/public"
        token = requests.post(
            f"{base}/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": printed["client_id"],
                "client_secret": printed["client_secret"],
            },
            timeout=10,
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        listing = requests.get(f"{base}/candidates", headers=headers, timeout=10).json()
        assert listing["count"] == 40
        throttled = requests.get(f"{base}/users/", headers=headers, timeout=10)
        assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "2"
        assert requests.get(printed["job_feed_url"], timeout=10).content.startswith(b"<?xml")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_parser_exposes_every_fault_knob():
    args = build_parser().parse_args(
        [
            "--latency",
            "0.1",
            "--rate-5xx",
            "0.2",
            "--error-5xx-kind",
            "json",
            "--reset-rate",
            "0.1",
            "--reset-after-write-rate",
            "0.5",
            "--churn-inserts",
            "1",
            "--churn-updates",
            "2",
            "--churn-deletes",
            "3",
            "--ignore-date-filters",
            "--token-lifetime",
            "60",
        ]
    )
    assert (args.latency, args.rate_5xx, args.error_5xx_kind, args.reset_rate) == (
        0.1,
        0.2,
        "json",
        0.1,
    )
    assert (args.churn_inserts, args.churn_updates, args.churn_deletes) == (1, 2, 3)
    assert args.ignore_date_filters and args.token_lifetime == 60
    assert args.reset_after_write_rate == 0.5
