"""The Singer SDK's standard tap tests, run against the sandbox.

``get_tap_test_class`` builds the tests from the tap's streams when this module is imported,
and takes the config then, so the sandbox is started at import (on a free port, small
dataset) and stopped when the module's tests are done.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from singer_sdk.testing import get_tap_test_class

from tap_paradox.sandbox import Sandbox, SandboxConfig
from tap_paradox.tap import TapParadox

SANDBOX = Sandbox(SandboxConfig(candidates=120, jobs=10, locations=4, users=60)).start()
LEDGER_DIR = Path(tempfile.mkdtemp(prefix="tap-paradox-sdk-suite-"))

CONFIG = {
    "client_id": SANDBOX.client_id,
    "client_secret": SANDBOX.client_secret,
    "api_url": SANDBOX.api_url,
    "job_feed_url": SANDBOX.feed_url,
    "ledger_path": str(LEDGER_DIR / "ledger.sqlite"),
    "start_date": "2000-01-01T00:00:00Z",
    "discovery_sample_size": 50,
    "backoff_base_s": 0.01,
    "backoff_cap_s": 0.05,
}

# No exclusions: every standard test runs on every stream, and all of them pass.
_StandardTests = get_tap_test_class(TapParadox, config=CONFIG)


class TestTapParadoxStandard(_StandardTests):
    """The SDK suite over every stream of the tap."""

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def _stop_sandbox(cls):
        yield
        SANDBOX.stop()
