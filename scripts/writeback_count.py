"""Print how many candidate records the sandbox holds (for the write-back demo)."""

from __future__ import annotations

import os

import requests

from tap_paradox.auth import api_base_url, build_authenticator

config = {
    "api_url": os.environ["TARGET_PARADOX_API_URL"],
    "client_id": os.environ["TARGET_PARADOX_CLIENT_ID"],
    "client_secret": os.environ["TARGET_PARADOX_CLIENT_SECRET"],
}
response = requests.get(
    api_base_url(config["api_url"]) + "/candidates",
    params={"limit": 1},
    auth=build_authenticator(config),
    timeout=30,
)
response.raise_for_status()
print(response.json()["count"])
