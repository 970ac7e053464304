"""Fixtures of the target tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.target.file_server import FileServer


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    """A local HTTP server serving CV files (and bad ones) for data_url tests."""
    server = FileServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
