"""The feed download: retries, gzip handling, and the URL never leaking into logs or errors."""

from __future__ import annotations

import logging

import pytest

from tap_paradox.feed import iter_feed_jobs
from tap_paradox.feed_fetch import FeedSnapshot, FeedUnavailableError, feed_host
from tap_paradox.retry import RetryPolicy
from tests.tap.feed_server import FEED_PATH, feed_server, job_xml

__all__ = ["feed_server"]  # the fixture

FAST = RetryPolicy(max_retries=3, backoff_base_s=0.01, backoff_cap_s=0.01)


def _references(snapshot: FeedSnapshot) -> list[str | None]:
    with snapshot.open() as body:
        return [job.reference_number for job in iter_feed_jobs(body)]


def test_feed_host_keeps_only_host_and_port():
    assert feed_host("https://user:pw@feeds.example:8443/t/secret.xml?k=1") == "feeds.example:8443"


def test_download_once_shared_by_both_readers(feed_server):
    feed_server.set_jobs(job_xml("REQ-1"), job_xml("REQ-2"))
    snapshot = FeedSnapshot(feed_server.url, FAST, sleep=lambda _: None)
    assert _references(snapshot) == ["REQ-1", "REQ-2"]
    assert _references(snapshot) == ["REQ-1", "REQ-2"]
    assert feed_server.paths == [FEED_PATH]
    snapshot.close()


@pytest.mark.parametrize("encoding", ["file", "transport"])
def test_gzip_file_and_transport_encoding(feed_server, encoding):
    feed_server.set_jobs(job_xml("REQ-9"), gzip_file=encoding == "file")
    feed_server.content_encoding = "gzip" if encoding == "transport" else None
    snapshot = FeedSnapshot(feed_server.url, FAST, sleep=lambda _: None)
    assert _references(snapshot) == ["REQ-9"]


def test_retries_429_and_5xx_then_succeeds(feed_server, caplog):
    feed_server.set_jobs(job_xml("REQ-1"))
    feed_server.failures_before_success = [429, 503]
    waits: list[float] = []
    snapshot = FeedSnapshot(feed_server.url, FAST, sleep=waits.append)
    with caplog.at_level(logging.DEBUG):
        assert _references(snapshot) == ["REQ-1"]
    assert len(feed_server.paths) == 3
    assert len(waits) == 2
    assert "secret-feed-token" not in caplog.text
    assert feed_host(feed_server.url) in caplog.text


def test_gives_up_after_max_retries_without_naming_the_url(feed_server):
    feed_server.failures_before_success = [500] * 10
    snapshot = FeedSnapshot(feed_server.url, FAST, sleep=lambda _: None)
    with pytest.raises(FeedUnavailableError) as raised:
        _references(snapshot)
    assert len(feed_server.paths) == FAST.max_retries + 1
    assert "secret-feed-token" not in str(raised.value)
    assert "HTTP 500" in str(raised.value)


def test_not_found_is_not_retried(feed_server):
    feed_server.status = 404
    snapshot = FeedSnapshot(feed_server.url, FAST, sleep=lambda _: None)
    with pytest.raises(FeedUnavailableError, match="HTTP 404"):
        _references(snapshot)
    assert len(feed_server.paths) == 1


def test_connection_refused_is_retried_and_redacted():
    url = "http://127.0.0.1:9/secret-feed-token/jobs.xml"
    waits: list[float] = []
    snapshot = FeedSnapshot(url, FAST, sleep=waits.append)
    with pytest.raises(FeedUnavailableError) as raised:
        _references(snapshot)
    assert len(waits) == FAST.max_retries
    assert "secret-feed-token" not in str(raised.value)
    assert raised.value.__cause__ is None


def test_sandbox_feed_with_resets_and_throttling(sandbox):
    sandbox.set_faults(rate_429=0.3, reset_rate=0.3, fail_paths=["/feeds/"])
    policy = RetryPolicy(max_retries=12, backoff_base_s=0.01, backoff_cap_s=0.01)
    snapshot = FeedSnapshot(sandbox.feed_gzip_url, policy, sleep=lambda _: None)
    assert sorted(_references(snapshot)) == sorted(sandbox.store.feed_job_ids())
    feed_calls = [r for r in sandbox.requests if r.path.startswith("/feeds/")]
    assert feed_calls[-1].status == 200
    assert all(r.auth_scheme is None for r in feed_calls)  # the feed takes no auth header
