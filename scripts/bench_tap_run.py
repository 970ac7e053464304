"""Full then delta run of the tap against a sandbox: peak RSS, time, ledger bytes per record.

Usage: python scripts/bench_tap_run.py [--candidates 20000] [--all-streams]
The tap runs as a subprocess (the real console script) so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tap_paradox.sandbox import Sandbox, SandboxConfig

PERSON_STREAMS = ("candidates", "applications")


def catalog_for(config_path: Path, all_streams: bool) -> dict:
    """Discover the catalog once and select either every stream or the candidate ones."""
    found = subprocess.run(
        ["tap-paradox", "--config", str(config_path), "--discover"],
        check=True,
        capture_output=True,
        text=True,
    )
    catalog = json.loads(found.stdout)
    for entry in catalog["streams"]:
        for item in entry["metadata"]:
            if item["breadcrumb"] == []:
                item["metadata"]["selected"] = (
                    all_streams or entry["tap_stream_id"] in PERSON_STREAMS
                )
    return catalog


def run_tap(workdir: Path, state: dict | None) -> tuple[dict, float, int, dict[str, int]]:
    """Run the tap once; return its last state, seconds, peak RSS (KiB) and records per stream."""
    args = [
        "tap-paradox",
        "--config",
        str(workdir / "config.json"),
        "--catalog",
        str(workdir / "catalog.json"),
    ]
    if state is not None:
        (workdir / "state.json").write_text(json.dumps(state))
        args += ["--state", str(workdir / "state.json")]
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    last_state: dict = {}
    counts: dict[str, int] = {}
    for line in process.stdout:
        message = json.loads(line)
        if message["type"] == "RECORD":
            counts[message["stream"]] = counts.get(message["stream"], 0) + 1
        elif message["type"] == "STATE":
            last_state = message["value"]
    if process.wait() != 0:
        sys.exit(f"tap-paradox exited with {process.returncode}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return last_state, time.perf_counter() - started, max(peak, before), counts


def main() -> None:
    """Print the figures of one full and one delta run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--all-streams", action="store_true")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tap-paradox-bench-"))
    sandbox_config = SandboxConfig(candidates=options.candidates, jobs=200, locations=20)
    with Sandbox(sandbox_config) as sandbox:
        config = {
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
            "api_url": sandbox.api_url,
            "job_feed_url": sandbox.feed_url,
            "ledger_path": str(workdir / "ledger.sqlite"),
            "discovery_sample_size": 50,
        }
        (workdir / "config.json").write_text(json.dumps(config))
        catalog = catalog_for(workdir / "config.json", options.all_streams)
        (workdir / "catalog.json").write_text(json.dumps(catalog))
        state, seconds, peak_kib, counts = run_tap(workdir, None)
        print(f"full run:  {seconds:6.1f} s, peak RSS {peak_kib / 1024:6.1f} MiB, records {counts}")
        for oid in sandbox.store.candidate_oids()[:5]:
            sandbox.store.update_candidate(oid, {"email": f"changed.{oid}@example.com"})
        sandbox.clear_requests()
        _, seconds, _, counts = run_tap(workdir, state)
        lists = [r for r in sandbox.requests if r.path.endswith("/candidates")]
        print(f"delta run: {seconds:6.1f} s, records {counts}, GET /candidates calls {len(lists)}")
    ledger = workdir / "ledger.sqlite"
    size = ledger.stat().st_size
    with sqlite3.connect(ledger) as connection:
        tracked = sum(
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("people", "records", "applications")
        )
    print(
        f"ledger: {size} bytes, {size / options.candidates:.1f} bytes per candidate "
        f"(candidate + application + application facts), {size / tracked:.1f} bytes per "
        f"tracked row ({tracked} rows)"
    )


if __name__ == "__main__":
    main()
