"""A tiny loopback HTTP server that serves a job feed the test controls (bytes, status, encoding).

The sandbox serves only well-formed feeds built from its own jobs; the feed tests also need
malformed documents, repeated references and hand-picked elements.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

FEED_PATH = "/secret-feed-token-4711/jobs.xml"


@dataclass
class FeedServer:
    """Serves ``body`` at ``url``; records every request path."""

    body: bytes = b""
    status: int = 200
    content_encoding: str | None = None
    failures_before_success: list[int] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    url: str = ""

    def set_jobs(self, *jobs: str, gzip_file: bool = False) -> None:
        """Serve a feed made of the given ``<job>`` inner XML snippets."""
        document = "".join(f"<job>{job}</job>" for job in jobs)
        body = f'<?xml version="1.0" encoding="UTF-8"?><source>{document}</source>'.encode()
        self.body = gzip.compress(body) if gzip_file else body


def job_xml(reference: str, title: str = "Cashier", **extra: str) -> str:
    """The inner XML of one feed ``<job>``."""
    parts = [
        f"<title><![CDATA[{title}]]></title>",
        f"<referencenumber>{reference}</referencenumber>",
    ]
    parts += [f"<{name}><![CDATA[{value}]]></{name}>" for name, value in extra.items()]
    return "".join(parts)


def start_feed_server() -> tuple[FeedServer, ThreadingHTTPServer]:
    """Start a server on a free loopback port; stop it with ``server.shutdown()``."""
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.paths.append(self.path)
            if state.failures_before_success:
                self.send_response(state.failures_before_success.pop(0))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = state.body
            self.send_response(state.status)
            if state.content_encoding == "gzip":
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}{FEED_PATH}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return state, server


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A loopback server serving whatever feed the test sets."""
    state, server = start_feed_server()
    yield state
    server.shutdown()
    server.server_close()
