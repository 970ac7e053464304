"""Benchmark the tap against a local sandbox: wall time, records/s and the tap's peak memory.

Usage: bench_tap.py [N ...]   (default: 20000 200000 candidates)

For each N, a sandbox with N candidates runs in this process; the tap runs as a separate
``tap-paradox`` process (a full sync of every stream, fresh ledger), its Singer output counted
here line by line. Peak RSS is the tap process's own (``ru_maxrss`` of the waited-for child),
so the sandbox's memory is not part of it. Flat memory means the figure hardly grows with N.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tap_paradox.sandbox import Sandbox, SandboxConfig

DEFAULT_SIZES = (20_000, 200_000)


def run_once(candidates: int) -> dict[str, object]:
    """Run one full sync against a sandbox of ``candidates``; return the figures."""
    jobs = max(60, candidates // 200)
    started = time.perf_counter()
    with Sandbox(SandboxConfig(seed=7, candidates=candidates, jobs=jobs)) as sandbox:
        seeded = time.perf_counter() - started
        with tempfile.TemporaryDirectory(prefix="bench-tap-") as workdir:
            config_path = Path(workdir) / "config.json"
            config_path.write_text(
                json.dumps(
                    {
                        "client_id": sandbox.client_id,
                        "client_secret": sandbox.client_secret,
                        "api_url": sandbox.api_url,
                        "job_feed_url": sandbox.feed_gzip_url,
                        "ledger_path": str(Path(workdir) / "ledger.sqlite"),
                    }
                )
            )
            executable = Path(sys.executable).with_name("tap-paradox")
            counts: Counter[str] = Counter()
            began = time.perf_counter()
            with subprocess.Popen(
                [str(executable), "--config", str(config_path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            ) as tap:
                assert tap.stdout is not None
                for line in tap.stdout:
                    if line.startswith('{"type":"RECORD"'):
                        counts[json.loads(line)["stream"]] += 1
                _, status, usage = os.wait4(tap.pid, 0)
                tap.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - began
            ledger_bytes = (Path(workdir) / "ledger.sqlite").stat().st_size
    if tap.returncode != 0:
        msg = f"tap-paradox exited with {tap.returncode} at {candidates} candidates"
        raise SystemExit(msg)
    records = sum(counts.values())
    return {
        "candidates": candidates,
        "feed_jobs": jobs,
        "sandbox_seed_s": round(seeded, 1),
        "wall_s": round(wall, 1),
        "records": records,
        "records_per_s": round(records / wall),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),  # ru_maxrss is KiB on Linux
        "ledger_mib": round(ledger_bytes / 2**20, 1),
        "per_stream": dict(sorted(counts.items())),
    }


def main(sizes: list[int]) -> None:
    """Print one result line per size, then a small table."""
    results = []
    for size in sizes:
        result = run_once(size)
        print(json.dumps(result), flush=True)
        results.append(result)
    print(f"\n{'candidates':>10} {'wall s':>8} {'records':>9} {'rec/s':>7} {'peak RSS MiB':>13}")
    for result in results:
        print(
            f"{result['candidates']:>10} {result['wall_s']:>8} {result['records']:>9} "
            f"{result['records_per_s']:>7} {result['peak_rss_mib']:>13}"
        )
    own_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(this benchmark process, sandbox included: {own_mib} MiB)")


if __name__ == "__main__":
    main([int(value) for value in sys.argv[1:]] or list(DEFAULT_SIZES))
