"""Contract §7 on demand: throttling, server errors, resets, churn, latency, request log."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
import requests
from sandbox_http import Api


def test_429_with_and_without_retry_after(api, sandbox):
    sandbox.set_faults(rate_429=1.0, retry_after_s=3)
    throttled = api.get("/candidates")
    assert throttled.status_code == 429
    assert throttled.json() == {"message": "Too Many Requests"}
    assert throttled.headers["Retry-After"] == "3"
    sandbox.set_faults(rate_429=1.0)
    bare = api.get("/candidates")
    assert bare.status_code == 429 and "Retry-After" not in bare.headers
    sandbox.set_faults()
    assert api.get("/candidates").status_code == 200


def test_5xx_plain_text_and_json_variants(api, sandbox):
    sandbox.set_faults(rate_5xx=1.0, error_5xx_kind="text")
    for _ in range(4):
        response = api.get("/users/")
        assert response.status_code in (500, 503)
        assert response.headers["Content-Type"].startswith("text/plain")
        with pytest.raises(ValueError):
            response.json()
    sandbox.set_faults(rate_5xx=1.0, error_5xx_kind="json")
    seen = set()
    for _ in range(12):
        response = api.get("/users/")
        assert response.status_code in (500, 502, 504)
        body = response.json()
        assert "message" in body or "errors" in body
        seen.add(response.status_code)
    assert len(seen) >= 2


def test_connection_reset_aborts_the_transport_and_is_logged(api, sandbox):
    sandbox.set_faults(reset_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        api.get("/candidates")
    assert sandbox.requests[-1].status == 0
    sandbox.set_faults()
    assert api.get("/candidates").status_code == 200


def test_reset_after_write_applies_the_write_but_loses_the_answer(api, sandbox):
    sandbox.set_faults(reset_after_write_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        api.request(
            "POST", "/candidates", json={"name": "Lost Answer", "email": "lost@example.com"}
        )
    assert api.get("/candidates").status_code == 200  # reads are not affected
    sandbox.set_faults()
    assert api.page(email="lost@example.com")["count"] == 1
    creates = [r for r in sandbox.requests if r.method == "POST" and r.path.endswith("/candidates")]
    assert [r.status for r in creates] == [0]


def test_fail_paths_limit_faults_to_matching_paths(api, sandbox):
    sandbox.set_faults(rate_5xx=1.0, fail_paths=["/users"])
    assert api.get("/candidates").status_code == 200
    assert api.get("/users/").status_code >= 500
    assert sandbox.faults.fail_paths == ("/users",)


def test_faults_are_deterministic_under_the_seed(sandbox_factory):
    def statuses(seed):
        sandbox = sandbox_factory(seed=seed, candidates=20, jobs=5, locations=2)
        api = Api(sandbox)
        sandbox.set_faults(rate_429=0.3, rate_5xx=0.3)
        return [api.get("/company/locations").status_code for _ in range(30)]

    first = statuses(5)
    assert first == statuses(5)
    assert {200, 429} <= set(first) and any(s >= 500 for s in first)


def test_latency_delays_each_request(api, sandbox):
    sandbox.set_faults(latency_s=0.2)
    started = time.monotonic()
    assert api.get("/company/locations").status_code == 200
    assert time.monotonic() - started >= 0.2


def test_churn_between_list_calls_shifts_offsets_and_changes_count(api, sandbox):
    before = sandbox.store.candidate_oids()
    bookmark = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    sandbox.set_faults(churn_inserts=2, churn_updates=3, churn_deletes=4)
    first = api.page(limit=50, offset=0)
    assert first["count"] == 300  # nothing changes before the first list call
    assert [r["candidate"]["OID"] for r in first["candidates"]] == before[:50]
    second = api.page(limit=50, offset=50)
    assert second["count"] == 300 + 2 - 4
    after = sandbox.store.candidate_oids()
    assert len(set(before) - set(after)) == 4
    inserted = sorted(set(after) - set(before))
    assert len(inserted) == 2 and inserted[0] > before[-1]
    assert [r["candidate"]["OID"] for r in second["candidates"]] == after[50:100]
    sandbox.set_faults()
    fresh = {r["candidate"]["OID"] for r in api.page(start_date=bookmark)["candidates"]}
    assert set(inserted) <= fresh  # churned rows carry a wall-clock updated_at
    assert 2 <= len(fresh) <= 5


def test_request_log_records_what_arrived(sandbox):
    sandbox.clear_requests()
    api = Api(sandbox)
    api.get("/candidates", limit=3, include_attributes="Yes")
    api.request("POST", "/candidates", json={"name": "Log Me", "email": "log@example.com"})
    token_call, listing, create = sandbox.requests
    assert token_call.path == "/api/v1/public/auth/token"
    assert token_call.form["grant_type"] == "client_credentials"
    assert token_call.form["client_secret"] == "***"
    assert token_call.auth_scheme is None and token_call.status == 200
    assert listing.method == "GET" and listing.query == {"limit": "3", "include_attributes": "Yes"}
    assert listing.auth_scheme == "Bearer"
    assert create.json == {"name": "Log Me", "email": "log@example.com"}
    assert listing.at <= create.at
    sandbox.clear_requests()
    assert sandbox.requests == []
