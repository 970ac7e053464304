"""Settings, fault knobs and request-log entries of the Paradox sandbox."""

from __future__ import annotations

from dataclasses import dataclass, field

BASE_PATH = "/api/v1/public"


@dataclass(frozen=True)
class SandboxConfig:
    """Everything that shapes the seeded tenant and the server; all counts are settings."""

    seed: int = 7
    candidates: int = 2000
    jobs: int = 60
    locations: int = 10
    users: int = 25
    unknown_job_ratio: float = 0.10
    token_lifetime_s: int = 3600
    client_id: str = "sandbox-account"
    client_secret: str = "sandbox-secret"  # noqa: S105 - the sandbox's public test credential
    host: str = "127.0.0.1"
    port: int = 0
    # The request log is bounded so a long benchmark cannot grow it without limit.
    request_log_limit: int = 100_000
    # Pristine rows are rendered from the seed on first read (~10k rows/s) and kept (about
    # 1.3 kB per row and add-on variant); None keeps every row, a number caps the cache and rows
    # past the cap are rendered again on every read.
    render_cache_rows: int | None = None


@dataclass(frozen=True)
class Faults:
    """Fault injection knobs; every random choice comes from a generator seeded by the config."""

    latency_s: float = 0.0
    rate_429: float = 0.0
    retry_after_s: float | None = None  # None: 429 answers carry no Retry-After header
    rate_5xx: float = 0.0
    # "mixed" picks among plain-text and JSON variants; "text" or "json" forces one kind.
    error_5xx_kind: str = "mixed"
    reset_rate: float = 0.0
    # Resets after a write was applied (POST/PUT/PATCH/DELETE): the client never sees the
    # answer, so a blind POST retry would create a duplicate (contract §7).
    reset_after_write_rate: float = 0.0
    churn_inserts: int = 0
    churn_updates: int = 0
    churn_deletes: int = 0
    ignore_date_filters: bool = False
    # None: faults hit every path; else only paths containing one of these substrings.
    fail_paths: tuple[str, ...] | None = None

    def applies_to(self, path: str) -> bool:
        """Tell whether random faults may hit a request for this path."""
        if self.fail_paths is None:
            return True
        return any(part in path for part in self.fail_paths)

    @property
    def churns(self) -> bool:
        """Whether any churn between list calls is configured."""
        return bool(self.churn_inserts or self.churn_updates or self.churn_deletes)


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the sandbox received and answered it."""

    method: str
    path: str
    query: dict[str, str]
    json: object | None
    form: dict[str, str] | None
    auth_scheme: str | None
    status: int
    at: float
    headers: dict[str, str] = field(default_factory=dict)
