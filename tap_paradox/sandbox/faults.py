"""Deterministic fault injection: latency, 429, 5xx, connection resets and paging churn."""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass

from tap_paradox.sandbox.config import Faults

_TEXT_5XX = [(500, "Internal Server Error"), (503, "Service Unavailable")]
_JSON_5XX = [
    (502, {"message": "Internal server error"}),
    (504, {"message": "Endpoint request timed out"}),
    (500, {"errors": [{"code": 1015, "message": "Internal error.", "field": ""}]}),
]


@dataclass(frozen=True)
class Injected:
    """A fault chosen for one request: ``kind`` is "reset", "429" or "5xx"."""

    kind: str
    status: int = 0
    body: bytes = b""
    content_type: str = "application/json"
    retry_after: str | None = None


class FaultInjector:
    """Draws faults from a generator re-seeded by every ``set``, so runs repeat exactly."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._lock = threading.Lock()
        self._faults = Faults()
        self._rng = random.Random(seed)
        self.churn_rng = random.Random(seed + 1)
        self._list_calls = 0

    @property
    def faults(self) -> Faults:
        """The knobs in force."""
        return self._faults

    def set(self, faults: Faults) -> None:
        """Replace the knobs and restart the random sequences."""
        if faults.error_5xx_kind not in ("mixed", "text", "json"):
            msg = f"error_5xx_kind must be mixed, text or json, not {faults.error_5xx_kind!r}"
            raise ValueError(msg)
        with self._lock:
            self._faults = faults
            self._rng = random.Random(self._seed)
            self.churn_rng = random.Random(self._seed + 1)
            self._list_calls = 0

    def draw(self, path: str) -> Injected | None:
        """The fault (if any) this request gets, in arrival order."""
        faults = self._faults
        if not faults.applies_to(path):
            return None
        with self._lock:
            if faults.reset_rate and self._rng.random() < faults.reset_rate:
                return Injected("reset")
            if faults.rate_429 and self._rng.random() < faults.rate_429:
                retry = None
                if faults.retry_after_s is not None:
                    retry = f"{faults.retry_after_s:g}"
                body = b'{"message": "Too Many Requests"}'
                return Injected("429", 429, body, retry_after=retry)
            if faults.rate_5xx and self._rng.random() < faults.rate_5xx:
                return self._server_error(faults.error_5xx_kind)
        return None

    def draw_reset_after_write(self, path: str) -> bool:
        """Whether the connection of a just-applied write is reset instead of answered."""
        faults = self._faults
        if not faults.reset_after_write_rate or not faults.applies_to(path):
            return False
        with self._lock:
            return self._rng.random() < faults.reset_after_write_rate

    def _server_error(self, kind: str) -> Injected:
        use_text = kind == "text" or (kind == "mixed" and self._rng.random() < 0.5)
        if use_text:
            status, text = self._rng.choice(_TEXT_5XX)
            return Injected("5xx", status, text.encode(), "text/plain")
        status, payload = self._rng.choice(_JSON_5XX)
        return Injected("5xx", status, json.dumps(payload).encode())

    def churn_due(self) -> bool:
        """Count a list call; churn applies before every list call but the first."""
        with self._lock:
            self._list_calls += 1
            return self._faults.churns and self._list_calls > 1
