"""The target's HTTP client against the sandbox: auth renewal, retries, error classification."""

from __future__ import annotations

import pytest

from tap_paradox.target.errors import ActionError
from tap_paradox.target.http import CallBudget, ParadoxClient, TransientPostError


def client_for(sandbox, waits: list[float] | None = None, **config) -> ParadoxClient:
    settings = {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "api_url": sandbox.api_url,
        "max_retries": 3,
        "backoff_base_s": 0.5,
        "backoff_cap_s": 8,
        **config,
    }
    return ParadoxClient(settings, sleep=(waits.append if waits is not None else lambda _s: None))


def budget() -> CallBudget:
    return CallBudget.for_seconds(60)


def api_calls(sandbox, method="GET"):
    return [r for r in sandbox.requests if r.method == method and "/auth/" not in r.path]


def test_a_401_gets_one_new_token_and_one_retry(sandbox):
    client = client_for(sandbox)
    oid = sandbox.store.candidate_oids()[0]
    client.get(f"/candidates/{oid}", budget())
    sandbox.expire_tokens()
    sandbox.clear_requests()
    answer = client.get(f"/candidates/{oid}", budget())
    assert answer["candidate"]["OID"] == oid
    paths = [(r.method, r.path.rsplit("/", 1)[-1], r.status) for r in sandbox.requests]
    assert paths == [("GET", str(oid), 401), ("POST", "token", 200), ("GET", str(oid), 200)]


def test_refused_credentials_are_authentication_invalid(sandbox):
    client = client_for(sandbox, client_secret="wrong")
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", budget())
    assert raised.value.code == "INTEGRATION.AUTHENTICATION_INVALID"


def test_basic_auth_that_is_refused_twice_is_authentication_invalid(sandbox):
    client = client_for(sandbox, auth_method="basic", client_secret="wrong")
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", budget())
    assert raised.value.code == "INTEGRATION.AUTHENTICATION_INVALID"
    assert len(api_calls(sandbox)) == 2


def test_429_waits_retry_after_seconds(sandbox):
    waits: list[float] = []
    client = client_for(sandbox, waits)
    client.get("/candidates", budget())  # token first: only the list call meets the fault
    sandbox.set_faults(rate_429=1.0, retry_after_s=3, fail_paths=["/candidates"])
    sandbox.clear_requests()
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", budget())
    assert raised.value.code == "REMOTE.RATE_LIMIT_EXCEEDED"
    assert waits == [3.0, 3.0, 3.0]
    assert len(api_calls(sandbox)) == 4  # the first call and max_retries (3) retries


def test_5xx_backs_off_doubling_then_reports_service_unavailable(sandbox):
    waits: list[float] = []
    client = client_for(sandbox, waits)
    client.get("/candidates", budget())  # token first, so only the list call meets the fault
    sandbox.set_faults(rate_5xx=1.0, fail_paths=["/candidates"])
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", budget())
    assert raised.value.code == "REMOTE.SERVICE_UNAVAILABLE"
    assert 0.25 <= waits[0] <= 0.5 and 0.5 <= waits[1] <= 1.0 and 1.0 <= waits[2] <= 2.0


def test_post_is_never_retried_by_the_client(sandbox):
    client = client_for(sandbox)
    client.get("/candidates", budget())
    sandbox.set_faults(rate_5xx=1.0, fail_paths=["/candidates"])
    sandbox.clear_requests()
    body = {"first_name": "A", "last_name": "B", "email": "a@b.co"}
    with pytest.raises(TransientPostError):
        client.post_once("/candidates", budget(), body)
    assert len(api_calls(sandbox, "POST")) == 1


def test_a_400_is_remote_input_invalid_with_paradox_field(sandbox):
    client = client_for(sandbox)
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", budget(), {"limit": 500})
    assert (raised.value.code, raised.value.field) == ("REMOTE.INPUT_INVALID", "limit")
    assert raised.value.remote_status == 400


def test_an_unknown_candidate_is_remote_input_invalid(sandbox):
    client = client_for(sandbox)
    with pytest.raises(ActionError) as raised:
        client.put("/candidates/999999999", budget(), {"note": "x"})
    assert raised.value.code == "REMOTE.INPUT_INVALID"
    assert "no candidate" in raised.value.message


def test_a_wrong_base_path_is_setup_incomplete(sandbox):
    client = client_for(sandbox, api_url=sandbox.api_url + "/api/v1/public")
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", budget())
    assert raised.value.code == "INTEGRATION.SETUP_INCOMPLETE"


def test_an_exhausted_budget_is_task_timed_out(sandbox):
    waits: list[float] = []
    client = client_for(sandbox, waits)
    client.get("/candidates", budget())
    sandbox.set_faults(rate_429=1.0, retry_after_s=5, fail_paths=["/candidates"])
    with pytest.raises(ActionError) as raised:
        client.get("/candidates", CallBudget.for_seconds(4))
    assert raised.value.code == "PLATFORM.TASK_TIMED_OUT"
    assert waits == []
