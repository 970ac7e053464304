"""The retry policy for Paradox calls: Retry-After first, else capped exponential backoff.

Paradox documents no rate limits; the contract asks clients to wait ``Retry-After`` seconds
when the 429 carries it, else to back off from ``backoff_base_s`` doubling up to
``backoff_cap_s``, with jitter so parallel writers do not retry in lockstep.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

RETRIABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before retrying a call that may succeed later."""

    max_retries: int = 5
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 60.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RetryPolicy:
        """Build the policy from the ``max_retries`` / ``backoff_*`` settings."""
        return cls(
            max_retries=int(config.get("max_retries", 5)),
            backoff_base_s=float(config.get("backoff_base_s", 2.0)),
            backoff_cap_s=float(config.get("backoff_cap_s", 60.0)),
        )

    def wait_seconds(self, retry_number: int, retry_after: str | None = None) -> float:
        """Seconds to wait before retry ``retry_number`` (0-based)."""
        header_wait = parse_retry_after(retry_after)
        if header_wait is not None:
            return min(header_wait, self.backoff_cap_s)
        ceiling = min(self.backoff_cap_s, self.backoff_base_s * (2**retry_number))
        # Jitter in the upper half keeps the doubling visible while de-synchronising writers.
        return ceiling * random.uniform(0.5, 1.0)


def parse_retry_after(value: str | None) -> float | None:
    """Read a ``Retry-After`` header given in seconds; other forms count as absent."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
