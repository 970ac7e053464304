"""Benchmark the tap against a local sandbox: a full run, then a delta run after 5 changes.

Usage: bench_tap.py [N ...]   (default: 20000 200000 candidates)

For each N, a sandbox with N candidates runs in this process; the tap runs as a separate
``tap-paradox`` process (every stream, fresh ledger), its Singer output counted here line by
line. Then 5 candidates change and the tap runs again from the saved state, so the delta run's
records and ``GET /candidates`` calls show that only the changes come through.

Peak RSS is the tap process's own high-water mark (``VmHWM`` of ``/proc/<pid>/status``, read
every 0.2 s; it never decreases, so the last reading is the peak). ``ru_maxrss`` would not do:
it survives ``exec`` and so counts the pages the child inherited from this process, sandbox
included, before it became ``tap-paradox``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tap_paradox.sandbox import Sandbox, SandboxConfig

DEFAULT_SIZES = (20_000, 200_000)
CHANGED = 5
TAP = str(Path(sys.executable).with_name("tap-paradox"))


@dataclass
class TapRun:
    """What one tap process did."""

    seconds: float
    peak_kib: int
    records: Counter[str] = field(default_factory=Counter)
    state: dict = field(default_factory=dict)


def _watch_peak(process: subprocess.Popen, peak_kib: list[int]) -> None:
    """Keep the highest VmHWM of a running process in ``peak_kib[0]``."""
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kib[0] = max(peak_kib[0], int(line.split()[1]))
        except OSError:
            return
        time.sleep(0.2)


def run_tap(workdir: Path, state: dict | None) -> TapRun:
    """Run ``tap-paradox`` once, from ``state`` when given; return its figures."""
    args = [TAP, "--config", str(workdir / "config.json"), "--catalog", str(workdir / "catalog")]
    if state is not None:
        (workdir / "state.json").write_text(json.dumps(state))
        args += ["--state", str(workdir / "state.json")]
    began = time.perf_counter()
    records: Counter[str] = Counter()
    last_state: dict = {}
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as tap:
        assert tap.stdout is not None
        peak_kib = [0]
        watcher = threading.Thread(target=_watch_peak, args=(tap, peak_kib), daemon=True)
        watcher.start()
        for line in tap.stdout:
            if line.startswith('{"type":"RECORD"'):
                records[json.loads(line)["stream"]] += 1
            elif line.startswith('{"type":"STATE"'):
                last_state = json.loads(line)["value"]
        watcher.join()
    if tap.returncode != 0:
        msg = f"tap-paradox exited with {tap.returncode}"
        raise SystemExit(msg)
    return TapRun(time.perf_counter() - began, peak_kib[0], records, last_state)


def run_size(candidates: int) -> dict[str, object]:
    """Full run, 5 changes, delta run against a sandbox of ``candidates``; return the figures."""
    jobs = max(60, candidates // 200)
    with (
        Sandbox(SandboxConfig(seed=7, candidates=candidates, jobs=jobs)) as sandbox,
        tempfile.TemporaryDirectory(prefix="bench-tap-") as directory,
    ):
        workdir = Path(directory)
        config = {
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
            "api_url": sandbox.api_url,
            "job_feed_url": sandbox.feed_gzip_url,
            "ledger_path": str(workdir / "ledger.sqlite"),
        }
        (workdir / "config.json").write_text(json.dumps(config))
        # Discover once, as Meltano does, so the runs themselves sample nothing.
        catalog = subprocess.run(
            [TAP, "--config", str(workdir / "config.json"), "--discover"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (workdir / "catalog").write_text(catalog)
        full = run_tap(workdir, None)
        ledger_bytes = (workdir / "ledger.sqlite").stat().st_size
        for oid in sandbox.store.candidate_oids()[:CHANGED]:
            sandbox.store.update_candidate(oid, {"note": "benchmark change"})
        sandbox.clear_requests()
        delta = run_tap(workdir, full.state)
        list_calls = [r for r in sandbox.requests if r.path.endswith("/candidates")]
    records = sum(full.records.values())
    return {
        "candidates": candidates,
        "feed_jobs": jobs,
        "full_wall_s": round(full.seconds, 1),
        "full_records": records,
        "records_per_s": round(records / full.seconds),
        "peak_rss_mib": round(full.peak_kib / 1024, 1),
        "ledger_bytes_per_candidate": round(ledger_bytes / candidates, 1),
        "delta_wall_s": round(delta.seconds, 1),
        "delta_candidates": delta.records["candidates"],
        "delta_list_calls": len(list_calls),
        "full_per_stream": dict(sorted(full.records.items())),
    }


def main(sizes: list[int]) -> None:
    """Print one JSON line per size, then a small table."""
    results = []
    for size in sizes:
        result = run_size(size)
        print(json.dumps(result), flush=True)
        results.append(result)
    columns = (
        "candidates",
        "full_wall_s",
        "records_per_s",
        "peak_rss_mib",
        "ledger_bytes_per_candidate",
        "delta_candidates",
        "delta_list_calls",
    )
    print("\n" + "  ".join(columns))
    for result in results:
        print("  ".join(str(result[column]).rjust(len(column)) for column in columns))
    own_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(this benchmark process, sandbox included: {own_mib} MiB)")


if __name__ == "__main__":
    main([int(value) for value in sys.argv[1:]] or list(DEFAULT_SIZES))
