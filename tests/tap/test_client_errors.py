"""HTTP behaviour of the tap: token renewal, Retry-After, Basic auth, setup and retry errors."""

from __future__ import annotations

import pytest
import requests

from tap_paradox.client import ParadoxStream
from tap_paradox.errors import (
    AuthenticationError,
    RateLimitedError,
    RemoteUnavailableError,
    SetupIncompleteError,
)
from tap_paradox.streams.candidates import CandidatesStream
from tap_paradox.tap import TapParadox
from tests.tap.candidate_helpers import person_catalog, run_streams
from tests.tap.tap_runner import sandbox_config


@pytest.fixture
def setup(sandbox, tmp_path):
    config = sandbox_config(sandbox, tmp_path / "ledger.sqlite")
    catalog = person_catalog(config)
    sandbox.clear_requests()
    return sandbox, config, catalog


@pytest.fixture
def waits(monkeypatch):
    """Every sleep the SDK's backoff decorator takes, instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr("backoff._sync.time.sleep", recorded.append)
    return recorded


def candidate_requests(sandbox):
    return [r for r in sandbox.requests if "/candidates" in r.path]


def test_a_401_mid_run_renews_the_token_and_retries_once(setup, monkeypatch) -> None:
    sandbox, config, catalog = setup
    original = CandidatesStream.list_page
    calls: list[int] = []

    def expire_before_second_page(self, params):
        calls.append(int(params["offset"]))
        if len(calls) == 2:
            sandbox.expire_tokens()
        return original(self, params)

    monkeypatch.setattr(CandidatesStream, "list_page", expire_before_second_page)
    output = run_streams(config, catalog)

    assert len(output.of("candidates")) == 300
    statuses = [r.status for r in candidate_requests(sandbox)]
    assert statuses.count(401) == 1
    assert statuses[statuses.index(401) + 1] == 200
    token_calls = [r for r in sandbox.requests if r.path.endswith("/auth/token")]
    assert len(token_calls) == 2


def test_basic_auth_sends_the_pair_on_every_call_and_never_asks_for_a_token(setup) -> None:
    sandbox, config, catalog = setup
    output = run_streams({**config, "auth_method": "basic"}, catalog)
    assert len(output.of("candidates")) == 300
    assert {r.auth_scheme for r in sandbox.requests} == {"Basic"}
    assert not [r for r in sandbox.requests if r.path.endswith("/auth/token")]


def test_a_second_401_with_fresh_credentials_is_fatal(setup) -> None:
    sandbox, config, catalog = setup
    bad = {**config, "auth_method": "basic", "client_secret": "wrong"}
    output = run_streams(bad, catalog, expect_failure=True)
    assert isinstance(output.error, AuthenticationError)
    assert "401" in str(output.error)
    assert [r.status for r in candidate_requests(sandbox)] == [401, 401]


def test_refused_token_request_is_an_authentication_error(setup) -> None:
    _sandbox, config, catalog = setup
    output = run_streams({**config, "client_secret": "wrong"}, catalog, expect_failure=True)
    assert isinstance(output.error, AuthenticationError)
    assert "wrong" not in str(output.error)


def test_429_waits_exactly_retry_after_then_succeeds(setup, waits) -> None:
    sandbox, config, catalog = setup
    sandbox.set_faults(rate_429=0.4, retry_after_s=3, fail_paths=("/candidates",))
    output = run_streams({**config, "max_retries": 8, "backoff_cap_s": 60}, catalog)

    assert len(output.of("candidates")) == 300
    throttled = [r for r in candidate_requests(sandbox) if r.status == 429]
    assert throttled
    assert waits == [3.0] * len(throttled)


def test_429_without_retry_after_backs_off_doubling_up_to_the_cap(setup, waits) -> None:
    sandbox, config, catalog = setup
    sandbox.set_faults(rate_429=1.0, fail_paths=("/candidates",))
    tuned = {**config, "max_retries": 4, "backoff_base_s": 2, "backoff_cap_s": 5}
    output = run_streams(tuned, catalog, expect_failure=True)

    assert isinstance(output.error, RateLimitedError)
    assert len(candidate_requests(sandbox)) == 5  # one try plus max_retries
    ceilings = [2, 4, 5, 5]
    assert len(waits) == 4
    for wait, ceiling in zip(waits, ceilings, strict=True):
        assert ceiling / 2 <= wait <= ceiling


def test_server_errors_outlasting_every_retry_fail_clearly(setup, waits) -> None:
    sandbox, config, catalog = setup
    sandbox.set_faults(rate_5xx=1.0, fail_paths=("/candidates",))
    output = run_streams({**config, "max_retries": 2}, catalog, expect_failure=True)
    assert isinstance(output.error, RemoteUnavailableError)
    assert "after every retry" in str(output.error)
    assert len(waits) == 2


def test_resets_are_retried(setup, waits) -> None:
    sandbox, config, catalog = setup
    sandbox.set_faults(reset_rate=0.3, fail_paths=("/candidates",))
    output = run_streams({**config, "max_retries": 8}, catalog)
    assert len(output.of("candidates")) == 300
    assert waits


@pytest.mark.parametrize("auth_method", ["oauth", "basic"])
def test_wrong_base_path_is_a_clear_setup_error(setup, auth_method) -> None:
    sandbox, config, catalog = setup
    wrong = {**config, "api_url": sandbox.api_url + "/api/v1/public", "auth_method": auth_method}
    output = run_streams(wrong, catalog, expect_failure=True)
    assert isinstance(output.error, SetupIncompleteError)
    assert "api_url" in str(output.error)
    # Fail fast: the first call's gateway answer stops the run, nothing is retried.
    assert [r.status for r in sandbox.requests] in ([403], [404])


def test_error_messages_never_carry_the_body(sandbox, tmp_path) -> None:
    tap = TapParadox(config=sandbox_config(sandbox, tmp_path / "l.sqlite"))
    stream = tap.streams["candidates"]
    assert isinstance(stream, ParadoxStream)
    response = requests.Response()
    response.status_code = 400
    response.url = "http://127.0.0.1/api/v1/public/candidates?email=ana.ruiz%40example.com"
    response._content = (
        b'{"errors": [{"code": 1015, "message": "ana.ruiz@example.com is taken", '
        b'"field": "email"}]}'
    )
    message = stream.response_error_message(response)
    assert message == "HTTP 400 for GET /api/v1/public/candidates (codes [1015], fields ['email'])"
    response._content = b"<html>Internal Server Error for Ana Ruiz</html>"
    assert "Ana" not in stream.response_error_message(response)
