"""HTTP helpers for the sandbox contract tests: every test talks to a real server."""

from __future__ import annotations

import requests

BASE = "/api/v1/public"


class Api:
    """A requests session on one sandbox, authenticated with a bearer token."""

    def __init__(self, sandbox) -> None:
        self.sandbox = sandbox
        self.base = sandbox.api_url + BASE
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {self.fetch_token()}"

    def fetch_token(self) -> str:
        """A fresh bearer token from the form-encoded token call."""
        response = requests.post(
            f"{self.base}/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": self.sandbox.client_id,
                "client_secret": self.sandbox.client_secret,
            },
            timeout=10,
        )
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """Any call relative to the base path."""
        return self.session.request(method, self.base + path, timeout=10, **kwargs)

    def get(self, path: str, **params) -> requests.Response:
        """GET with query parameters."""
        return self.request("GET", path, params=params)

    def page(self, **params) -> dict:
        """One ``GET /candidates`` page, asserting a 200."""
        response = self.get("/candidates", **params)
        assert response.status_code == 200, response.text
        return response.json()

    def all_rows(self, **params) -> list[dict]:
        """Every row of a listing, walking offsets by the contract's stop rule."""
        rows, offset = [], 0
        while True:
            body = self.page(limit=50, offset=offset, **params)
            rows.extend(body["candidates"])
            if len(body["candidates"]) < 50 or offset + 50 >= body["count"]:
                return rows
            offset += 50


def error_fields(response: requests.Response) -> list[str]:
    """The ``field`` of every entry of a 400 envelope, checking its shape on the way."""
    assert response.status_code == 400, response.text
    errors = response.json()["errors"]
    for entry in errors:
        assert set(entry) == {"code", "message", "field"}
        assert isinstance(entry["code"], int)
        assert isinstance(entry["message"], str)
    return [entry["field"] for entry in errors]
