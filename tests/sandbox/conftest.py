"""Fixtures of the sandbox contract tests."""

from __future__ import annotations

import pytest
from sandbox_http import Api


@pytest.fixture
def api(sandbox) -> Api:
    """An authenticated client on the default small sandbox."""
    return Api(sandbox)
