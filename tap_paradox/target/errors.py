"""Failures and skips of one write action, each carrying a unified code (model §5)."""

from __future__ import annotations

INPUT_INVALID = "PLATFORM.INPUT_INVALID"
UNKNOWN_ERROR = "PLATFORM.UNKNOWN_ERROR"
TASK_TIMED_OUT = "PLATFORM.TASK_TIMED_OUT"
REMOTE_INPUT_INVALID = "REMOTE.INPUT_INVALID"
RATE_LIMIT_EXCEEDED = "REMOTE.RATE_LIMIT_EXCEEDED"
SERVICE_UNAVAILABLE = "REMOTE.SERVICE_UNAVAILABLE"
UNKNOWN_HTTP_ERROR = "REMOTE.UNKNOWN_HTTP_ERROR"
APPLICATION_ALREADY_EXISTS = "ATS.APPLICATION_ALREADY_EXISTS"
JOB_CLOSED = "ATS.JOB_CLOSED"
AUTHENTICATION_INVALID = "INTEGRATION.AUTHENTICATION_INVALID"
SETUP_INCOMPLETE = "INTEGRATION.SETUP_INCOMPLETE"
ACTION_DISABLED = "INTEGRATION.ACTION_DISABLED"
ACTION_NOT_AVAILABLE = "INTEGRATION.ACTION_NOT_AVAILABLE"
SETUP_SYNC_PENDING = "INTEGRATION.SETUP_SYNC_PENDING"

# These mean every later record would fail the same way, so the run stops (model §4.2).
RUN_STOPPING_CODES = frozenset({AUTHENTICATION_INVALID, SETUP_INCOMPLETE})


class ActionError(Exception):
    """The record cannot be written; the outcome is ``failed`` with this code."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        remote_status: int | None = None,
        ids: dict | None = None,
    ) -> None:
        """Keep the code, a message a person can act on, the input field and the HTTP status."""
        super().__init__(message)
        self.ids = ids or {}
        self.code = code
        self.message = message
        self.field = field
        self.remote_status = remote_status

    def as_dict(self) -> dict:
        """Return the outcome's ``error`` object."""
        return {
            "code": self.code,
            "message": self.message,
            "field": self.field,
            "remote_status": self.remote_status,
        }


class InputInvalidError(ActionError):
    """The input breaks the action schema (model §4); never retried."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        """Name the offending field in both the message and ``field``."""
        super().__init__(INPUT_INVALID, message, field=field)


class ActionSkipped(Exception):  # noqa: N818 (a skip is an outcome, not an error)
    """Nothing needs writing; the outcome is ``skipped`` with this reason."""

    def __init__(self, reason: str, *, ids: dict | None = None) -> None:
        """Keep the skip reason and the ids of the record that made the write unnecessary."""
        super().__init__(reason)
        self.reason = reason
        self.ids = ids or {}
