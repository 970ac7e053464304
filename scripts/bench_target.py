"""Write-back throughput against the sandbox: records per second at 1 and N parallel writers.

Each run creates ``--records`` applicants on a fresh sandbox whose every request takes
``--latency`` seconds, so the figures show what bounded concurrency buys against a slow API.
Usage: python scripts/bench_target.py [--records 200] [--latency 0.02] [--parallel 1 4 8]
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
from pathlib import Path

from tap_paradox.sandbox import Sandbox, SandboxConfig
from tap_paradox.target.target import TargetParadox


def singer_input(count: int, job: str) -> str:
    """A SCHEMA and ``count`` distinct create_application records."""
    lines = [
        json.dumps(
            {
                "type": "SCHEMA",
                "stream": "applications",
                "schema": {"properties": {}},
                "key_properties": [],
            }
        )
    ]
    for number in range(count):
        record = {
            "candidate": {
                "first_name": "Bench",
                "last_name": f"Mark{number}",
                "email_address": f"bench{number}@example.com",
            },
            "application": {"job_id": f"remote:{job}"},
        }
        lines.append(json.dumps({"type": "RECORD", "stream": "applications", "record": record}))
    return "\n".join(lines) + "\n"


def run(records: int, latency: float, parallel: int) -> tuple[float, int]:
    """Return (seconds, POST count) of one target run."""
    with (
        Sandbox(SandboxConfig(candidates=50, jobs=5)) as sandbox,
        tempfile.TemporaryDirectory() as tmp,
    ):
        sandbox.set_faults(latency_s=latency)
        config = {
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
            "api_url": sandbox.api_url,
            "ledger_path": str(Path(tmp) / "ledger.sqlite"),
            "outcomes_path": str(Path(tmp) / "o.jsonl"),
            "dead_letter_path": str(Path(tmp) / "d.singer"),
            "max_parallel_writes": parallel,
        }
        text = singer_input(records, sandbox.store.feed_job_ids()[0])
        started = time.perf_counter()
        TargetParadox(config=config).listen(io.StringIO(text))
        elapsed = time.perf_counter() - started
        posts = sum(
            1 for r in sandbox.requests if r.method == "POST" and r.path.endswith("/candidates")
        )
        return elapsed, posts


def main() -> None:
    """Print one line per parallelism setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--parallel", type=int, nargs="+", default=[1, 4, 8])
    args = parser.parse_args()
    print(
        f"{args.records} creates (1 lookup + 1 POST each), {args.latency * 1000:.0f} ms per request"
    )
    for parallel in args.parallel:
        seconds, posts = run(args.records, args.latency, parallel)
        print(
            f"max_parallel_writes={parallel}: {seconds:6.2f} s, {args.records / seconds:7.1f} "
            f"records/s, {posts} POSTs"
        )


if __name__ == "__main__":
    main()
