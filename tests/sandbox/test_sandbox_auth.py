"""Contract §3: OAuth client-credentials token, HTTP Basic, and the 401 answers."""

from __future__ import annotations

import base64
import time

import requests
from sandbox_http import BASE, Api, error_fields


def _token_call(sandbox, **kwargs) -> requests.Response:
    return requests.post(f"{sandbox.api_url}{BASE}/auth/token", timeout=10, **kwargs)


def _form(sandbox, **overrides) -> dict:
    form = {
        "grant_type": "client_credentials",
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


def test_token_form_answers_bearer_token_with_lifetime(sandbox_factory):
    sandbox = sandbox_factory(candidates=5, token_lifetime_s=900)
    response = _token_call(sandbox, data=_form(sandbox))
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    assert isinstance(body["access_token"], str) and body["access_token"]


def test_token_refuses_json_body_wrong_secret_grant_and_missing_fields(sandbox):
    cases = [
        {"json": _form(sandbox)},
        {"data": _form(sandbox, client_secret="wrong")},
        {"data": _form(sandbox, client_id="someone-else")},
        {"data": _form(sandbox, grant_type="password")},
        {"data": _form(sandbox, grant_type=None)},
        {"data": _form(sandbox, client_secret=None)},
    ]
    for case in cases:
        response = _token_call(sandbox, **case)
        assert error_fields(response) == [""], case
        assert response.json()["errors"][0]["code"] == 1015


def test_bearer_token_opens_the_api(api):
    assert api.get("/candidates", limit=1).status_code == 200


def test_basic_auth_accepted_and_wrong_pair_refused(sandbox):
    url = f"{sandbox.api_url}{BASE}/candidates"
    good = base64.b64encode(f"{sandbox.client_id}:{sandbox.client_secret}".encode()).decode()
    bad = base64.b64encode(f"{sandbox.client_id}:nope".encode()).decode()
    ok = requests.get(url, headers={"Authorization": f"Basic {good}"}, timeout=10)
    assert ok.status_code == 200
    assert ok.json()["count"] == 300
    refused = requests.get(url, headers={"Authorization": f"Basic {bad}"}, timeout=10)
    assert refused.status_code == 401
    assert refused.json() == {"message": "Unauthorized"}
    assert [r.auth_scheme for r in sandbox.requests[-2:]] == ["Basic", "Basic"]


def test_missing_malformed_and_unknown_bearer_answer_401(sandbox):
    url = f"{sandbox.api_url}{BASE}/candidates"
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Bearer not-issued"}):
        response = requests.get(url, headers=headers, timeout=10)
        assert response.status_code == 401, headers
        assert response.json() == {"message": "Unauthorized"}


def test_expire_tokens_makes_issued_tokens_401_and_a_new_token_works(api, sandbox):
    assert api.get("/users/").status_code == 200
    sandbox.expire_tokens()
    response = api.get("/users/")
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}
    api.session.headers["Authorization"] = f"Bearer {api.fetch_token()}"
    assert api.get("/users/").status_code == 200


def test_token_dies_after_its_lifetime(sandbox_factory):
    sandbox = sandbox_factory(candidates=5, token_lifetime_s=1)
    api = Api(sandbox)
    assert api.get("/company/locations").status_code == 200
    time.sleep(1.2)
    assert api.get("/company/locations").status_code == 401
