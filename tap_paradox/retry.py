"""The retry policy for Paradox calls: Retry-After first, else capped exponential backoff.

Paradox documents no rate limits; the contract asks clients to wait ``Retry-After`` seconds
when the 429 carries it, else to back off from ``backoff_base_s`` doubling up to
``backoff_cap_s``, with jitter so parallel writers do not retry in lockstep.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

RETRIABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
LOGGER = logging.getLogger(__name__)


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


def send_with_retries(
    send: Callable[[], requests.Response], policy: RetryPolicy, *, retries: int | None = None
) -> requests.Response:
    """Call ``send`` again after 429/5xx, resets and time-outs, up to ``retries`` times.

    Returns the last response, whose status may still be retriable when the retries ran out;
    the last connection error or time-out propagates. ``retries`` defaults to the policy's.
    """
    retries = policy.max_retries if retries is None else retries
    retry_number = 0
    while True:
        try:
            response = send()
        except (requests.ConnectionError, requests.Timeout) as error:
            if retry_number >= retries:
                raise
            reason = type(error).__name__
            wait = policy.wait_seconds(retry_number)
        else:
            if response.status_code not in RETRIABLE_STATUSES or retry_number >= retries:
                return response
            reason = f"HTTP {response.status_code}"
            wait = policy.wait_seconds(retry_number, response.headers.get("Retry-After"))
            response.close()
        LOGGER.warning("%s; retry %d of %d in %.1fs", reason, retry_number + 1, retries, wait)
        time.sleep(wait)
        retry_number += 1
