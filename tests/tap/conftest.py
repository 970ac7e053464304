"""Fixtures of the tap's feed and derived-stream tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.tap.feed_server import FeedServer, start_feed_server


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A loopback server serving whatever feed the test sets."""
    state, server = start_feed_server()
    yield state
    server.shutdown()
    server.server_close()
