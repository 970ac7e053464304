"""pytest fixtures that run the Paradox sandbox in-process on a free port."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tap_paradox.sandbox import Sandbox, SandboxConfig

# Small enough to start in well under a second, large enough for several pages of each kind.
SMALL_DATASET = {"candidates": 300, "jobs": 20, "locations": 5}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A started sandbox with a small dataset (300 candidates, 20 jobs, 5 locations)."""
    with Sandbox(SandboxConfig(**SMALL_DATASET)) as running:
        yield running


@pytest.fixture
def sandbox_factory() -> Iterator[Callable[..., Sandbox]]:
    """Start sandboxes with any SandboxConfig fields; all are stopped at teardown."""
    started: list[Sandbox] = []

    def make(**fields: object) -> Sandbox:
        running = Sandbox(SandboxConfig(**fields)).start()
        started.append(running)
        return running

    yield make
    for running in started:
        running.stop()
