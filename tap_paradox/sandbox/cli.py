"""``paradox-sandbox``: serve a seeded Paradox sandbox until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time

from tap_paradox.sandbox import Sandbox, SandboxConfig


def build_parser() -> argparse.ArgumentParser:
    """The command-line options: dataset counts, credentials, server and fault knobs."""
    defaults = SandboxConfig()
    parser = argparse.ArgumentParser(
        prog="paradox-sandbox",
        description="Serve a seeded local Paradox API sandbox until Ctrl-C or SIGTERM.",
    )
    data = parser.add_argument_group("data")
    data.add_argument("--seed", type=int, default=defaults.seed)
    data.add_argument("--candidates", type=int, default=defaults.candidates)
    data.add_argument("--jobs", type=int, default=defaults.jobs)
    data.add_argument("--locations", type=int, default=defaults.locations)
    data.add_argument("--users", type=int, default=defaults.users)
    data.add_argument("--unknown-job-ratio", type=float, default=defaults.unknown_job_ratio)
    server = parser.add_argument_group("server")
    server.add_argument("--host", default=defaults.host)
    server.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    server.add_argument("--client-id", default=defaults.client_id)
    server.add_argument("--client-secret", default=defaults.client_secret)
    server.add_argument(
        "--token-lifetime",
        type=int,
        default=defaults.token_lifetime_s,
        help="expires_in of issued tokens, seconds",
    )
    faults = parser.add_argument_group("faults (deterministic under --seed)")
    faults.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    faults.add_argument("--rate-429", type=float, default=0.0, help="share of requests throttled")
    faults.add_argument(
        "--retry-after",
        type=float,
        default=None,
        help="Retry-After seconds on 429 (omitted: no header)",
    )
    faults.add_argument("--rate-5xx", type=float, default=0.0, help="share of server errors")
    faults.add_argument("--error-5xx-kind", choices=("mixed", "text", "json"), default="mixed")
    faults.add_argument("--reset-rate", type=float, default=0.0, help="share of connections reset")
    faults.add_argument(
        "--reset-after-write-rate",
        type=float,
        default=0.0,
        help="share of applied writes whose answer is lost to a reset",
    )
    faults.add_argument(
        "--churn-inserts", type=int, default=0, help="per list call after the first"
    )
    faults.add_argument("--churn-updates", type=int, default=0)
    faults.add_argument("--churn-deletes", type=int, default=0)
    faults.add_argument("--ignore-date-filters", action="store_true")
    faults.add_argument(
        "--fail-path",
        action="append",
        dest="fail_paths",
        default=None,
        help="limit faults to paths containing this (repeatable)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Start the sandbox, print how to reach it, and serve until stopped."""
    args = build_parser().parse_args(argv)
    config = SandboxConfig(
        seed=args.seed,
        candidates=args.candidates,
        jobs=args.jobs,
        locations=args.locations,
        users=args.users,
        unknown_job_ratio=args.unknown_job_ratio,
        token_lifetime_s=args.token_lifetime,
        client_id=args.client_id,
        client_secret=args.client_secret,
        host=args.host,
        port=args.port,
    )
    started = time.perf_counter()
    sandbox = Sandbox(config).start()
    sandbox.set_faults(
        latency_s=args.latency,
        rate_429=args.rate_429,
        retry_after_s=args.retry_after,
        rate_5xx=args.rate_5xx,
        error_5xx_kind=args.error_5xx_kind,
        reset_rate=args.reset_rate,
        reset_after_write_rate=args.reset_after_write_rate,
        churn_inserts=args.churn_inserts,
        churn_updates=args.churn_updates,
        churn_deletes=args.churn_deletes,
        ignore_date_filters=args.ignore_date_filters,
        fail_paths=args.fail_paths,
    )
    # Printing the credentials is this command's job: they are the sandbox's own test pair.
    sys.stdout.write(
        f"paradox-sandbox ready in {time.perf_counter() - started:.2f}s "
        f"({config.candidates} candidates, seed {config.seed})\n"
        f"api_url:       {sandbox.api_url}   (base path {sandbox.base_path})\n"
        f"client_id:     {sandbox.client_id}\n"
        f"client_secret: {sandbox.client_secret}\n"
        f"job_feed_url:  {sandbox.feed_url}\n"
        f"feed (gzip):   {sandbox.feed_gzip_url}\n"
        "Ctrl-C or SIGTERM stops it.\n"
    )
    sys.stdout.flush()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
