"""Measure how many 50-row ``GET /candidates`` pages per second the sandbox serves.

The sandbox runs as its own process (the ``paradox-sandbox`` command); client processes, each
with a few threads holding keep-alive ``requests.Session`` connections, page through the list
the way the tap does (``include_attributes=Yes&note=true``). Prints pages/second.

    .venv/bin/python scripts/bench_sandbox.py --candidates 2000 --seconds 10
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

BASE = "/api/v1/public"
COUNT = re.compile(rb'"count": (\d+)')


def start_sandbox(candidates: int, seed: int) -> tuple[subprocess.Popen, str]:
    """Start the standalone sandbox on a free port; return the process and its api_url."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tap_paradox.sandbox.cli",
            "--port",
            "0",
            "--candidates",
            str(candidates),
            "--seed",
            str(seed),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in process.stdout:
        match = re.match(r"api_url:\s+(\S+)", line)
        if match:
            return process, match.group(1)
    msg = "the sandbox exited before printing its api_url"
    raise RuntimeError(msg)


def _requests_getter(api_url: str, token: str):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"

    def get(offset: int) -> tuple[int, bytes]:
        response = session.get(
            f"{api_url}{BASE}/candidates",
            params={"limit": 50, "offset": offset, "include_attributes": "Yes", "note": "true"},
        )
        return response.status_code, response.content

    return get


def _http_client_getter(api_url: str, token: str):
    parts = urlsplit(api_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def get(offset: int) -> tuple[int, bytes]:
        path = f"{BASE}/candidates?limit=50&offset={offset}&include_attributes=Yes&note=true"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    return get


def process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux /proc), or None where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client_process(
    api_url: str, token: str, *, threads: int, seconds: float, client: str, queue
) -> None:
    """Fetch pages from several threads until the time is up; report the page count."""
    counts = [0] * threads
    deadline = time.monotonic() + seconds
    make_getter = _requests_getter if client == "requests" else _http_client_getter

    def worker(slot: int) -> None:
        get = make_getter(api_url, token)  # one keep-alive connection per thread
        offset = slot * 50
        while time.monotonic() < deadline:
            status, content = get(offset)
            # Only the envelope's head is read: decoding 50 rows would measure the client.
            head = COUNT.search(content, 0, 80)
            if status != 200 or head is None:
                msg = f"unexpected answer {status}"
                raise RuntimeError(msg)
            counts[slot] += 1
            step = 50 * threads
            offset = offset + step if offset + step < int(head.group(1)) else slot * 50

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    queue.put(sum(counts))


def main() -> int:
    """Run the benchmark and print the figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=2, help="client threads per process")
    parser.add_argument(
        "--client",
        choices=("http.client", "requests"),
        default="http.client",
        help="HTTP client of the load generator (requests costs the client ~3x more CPU)",
    )
    args = parser.parse_args()
    server, api_url = start_sandbox(args.candidates, args.seed)
    try:
        token = requests.post(
            f"{api_url}{BASE}/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "sandbox-account",
                "client_secret": "sandbox-secret",
            },
        ).json()["access_token"]
        # One full pass first, as a tap's first run would: it renders every row (cold).
        cold_started = time.perf_counter()
        with requests.Session() as session:
            session.headers["Authorization"] = f"Bearer {token}"
            for offset in range(0, args.candidates, 50):
                session.get(
                    f"{api_url}{BASE}/candidates",
                    params={
                        "limit": 50,
                        "offset": offset,
                        "include_attributes": "Yes",
                        "note": "true",
                    },
                )
        cold_s = time.perf_counter() - cold_started
        cold_pages = -(-args.candidates // 50)
        queue = multiprocessing.Queue()
        cpu_before = process_cpu_s(server.pid)
        started = time.perf_counter()
        clients = [
            multiprocessing.Process(
                target=client_process,
                args=(api_url, token),
                kwargs={
                    "threads": args.threads,
                    "seconds": args.seconds,
                    "client": args.client,
                    "queue": queue,
                },
            )
            for _ in range(args.processes)
        ]
        for client in clients:
            client.start()
        pages = sum(queue.get() for _ in clients)
        for client in clients:
            client.join()
        elapsed = time.perf_counter() - started
        cpu_after = process_cpu_s(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"first pass (rows rendered cold, one requests client): {cold_pages / cold_s:,.0f} pages/s"
    )
    print(
        f"{pages / elapsed:,.0f} pages/s  ({pages} pages of 50 rows in {elapsed:.1f}s; "
        f"{args.processes} client processes x {args.threads} threads, {args.client} keep-alive, "
        f"{args.candidates} candidates)"
    )
    if cpu_before is not None and cpu_after is not None and pages:
        per_page = (cpu_after - cpu_before) / pages
        # Independent of other load on the machine: what one core of server time buys.
        rate = 1 / per_page
        print(f"server CPU per page: {per_page * 1e6:,.0f} us (= {rate:,.0f} pages/s per core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
