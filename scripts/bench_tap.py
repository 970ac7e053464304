"""Benchmark the tap against a local sandbox: wall time, records/s and the tap's peak memory.

Usage: bench_tap.py [N ...]   (default: 20000 200000 candidates)

For each N, a sandbox with N candidates runs in this process; the tap runs as a separate
``tap-paradox`` process (a full sync of every stream, fresh ledger), its Singer output counted
here line by line. Peak RSS is the tap process's own high-water mark (``VmHWM`` of
``/proc/<pid>/status``, read every 0.2 s; it never decreases, so the last reading is the peak).
``ru_maxrss`` would not do: it survives ``exec`` and so counts the pages the child inherited
from this process, sandbox included, before it became ``tap-paradox``.
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
from pathlib import Path

from tap_paradox.sandbox import Sandbox, SandboxConfig

DEFAULT_SIZES = (20_000, 200_000)


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
                peak_kib = [0]
                watcher = threading.Thread(target=_watch_peak, args=(tap, peak_kib), daemon=True)
                watcher.start()
                for line in tap.stdout:
                    if line.startswith('{"type":"RECORD"'):
                        counts[json.loads(line)["stream"]] += 1
                tap.wait()
                watcher.join()
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
        "peak_rss_mib": round(peak_kib[0] / 1024, 1),
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
