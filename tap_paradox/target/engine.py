"""Runs write actions with bounded concurrency, keeping order among records that share a key.

Records sharing a key (the same application OID, or the same e-mail + job for creates) run
one at a time in input order: each waits for the earlier record holding its key. An action
on an existing application also waits for every earlier create, so a note or a stage move
never overtakes the create it may refer to. Tasks wait only on earlier tasks and the pool
takes tasks in submission order, so the waiting cannot deadlock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from tap_paradox.target import errors as codes
from tap_paradox.target.actions.attachment import add_attachment
from tap_paradox.target.actions.common import ActionResult, WriteContext, record_ids
from tap_paradox.target.actions.create import create_application
from tap_paradox.target.actions.note import add_note
from tap_paradox.target.actions.result_link import add_result_link
from tap_paradox.target.actions.stage import move_stage
from tap_paradox.target.errors import ActionError, ActionSkipped
from tap_paradox.target.http import CallBudget
from tap_paradox.target.inputs import CREATE_ACTIONS, PreparedInput, prepare_input
from tap_paradox.target.outcomes import Outcome, OutcomeRecorder, OutputFileError
from tap_paradox.target.settings import UNAVAILABLE_ACTIONS

Action = Callable[[WriteContext, PreparedInput, CallBudget], ActionResult]
ACTION_FUNCTIONS: dict[str, Action] = {
    "create_candidate": create_application,
    "create_application": create_application,
    "add_attachment": add_attachment,
    "move_stage": move_stage,
    "add_result_link": add_result_link,
    "add_note": add_note,
}


PRUNE_EVERY_KEYS = 10_000
# Records queued per writer thread before reading more input: bounded memory on big inputs.
QUEUED_PER_WRITER = 64


class RunStoppedError(RuntimeError):
    """The run hit a stop condition (model §4.2); ``code`` says which."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the code and message of the failure that stopped the run."""
        super().__init__(message)
        self.code = code


@dataclass
class InputRecord:
    """One upstream record and where it came from."""

    stream: str
    seq: int
    action: str
    record: Mapping[str, Any]
    schema: Mapping[str, Any] | None = None
    key_properties: list[str] | None = None


class WriteEngine:
    """Validates records on submit and writes them on a bounded pool of worker threads."""

    def __init__(
        self, ctx: WriteContext, recorder: OutcomeRecorder, logger: logging.Logger
    ) -> None:
        """Start the worker pool (``max_parallel_writes`` threads)."""
        self.ctx = ctx
        self.recorder = recorder
        self.logger = logger
        self._pool = ThreadPoolExecutor(ctx.settings.max_parallel_writes, "paradox-write")
        self._slots = threading.BoundedSemaphore(
            ctx.settings.max_parallel_writes * QUEUED_PER_WRITER
        )
        self._lock = threading.Lock()
        self._last_by_key: dict[tuple, Future] = {}
        self._creates: list[Future] = []
        self._pending: dict[str, list[Future]] = {}
        self._consecutive_remote_failures = 0
        self._seq: dict[str, int] = {}
        self.stopped: RunStoppedError | None = None

    def next_seq(self, stream: str) -> int:
        """Return the 1-based number of the next record of ``stream`` (kept across sinks)."""
        self._seq[stream] = self._seq.get(stream, 0) + 1
        return self._seq[stream]

    def submit(self, item: InputRecord) -> None:
        """Validate the record now; queue its write behind the records sharing its keys."""
        if self.stopped:
            # Records after the stop are not read, so they get no outcome line; the upstream
            # state was not advanced past them, so the next run sends them again.
            raise self.stopped
        prepared, early = self._prepare(item)
        if early is not None:
            self._finish(item, early)
            return
        keys, after_creates = self._ordering_keys(prepared)
        # Waits only for earlier records to finish, which never need this thread: no deadlock.
        self._slots.acquire()
        with self._lock:
            depends = [self._last_by_key[k] for k in keys if k in self._last_by_key]
            # Pruned on every submit, not only before a dependent action: an input of creates
            # alone would otherwise keep one finished future per record until the run ends.
            self._creates = [f for f in self._creates if not f.done()]
            if after_creates:
                depends.extend(self._creates)
            future = self._pool.submit(self._run, item, prepared, depends)
            for key in keys:
                self._last_by_key[key] = future
            if len(self._last_by_key) >= PRUNE_EVERY_KEYS:  # keep memory flat on long runs
                self._last_by_key = {k: f for k, f in self._last_by_key.items() if not f.done()}
            if not after_creates:
                self._creates.append(future)
            self._pending.setdefault(item.stream, []).append(future)

    def wait_stream(self, stream: str) -> None:
        """Block until every queued record of ``stream`` has its outcome."""
        with self._lock:
            futures = self._pending.pop(stream, [])
        wait(futures)
        if self.stopped:
            raise self.stopped

    def close(self) -> None:
        """Wait for every queued record, then stop the pool."""
        self._pool.shutdown(wait=True)

    def _prepare(self, item: InputRecord) -> tuple[PreparedInput | None, Outcome | None]:
        base = {"stream": item.stream, "seq": item.seq, "action": item.action}
        if item.action in UNAVAILABLE_ACTIONS:
            msg = f"Paradox has no way to {item.action.replace('_', ' ')} (stream_actions)"
            error = ActionError(codes.ACTION_NOT_AVAILABLE, msg)
            return None, Outcome(
                **base, idempotency_key=None, status="failed", error=error.as_dict()
            )
        if item.action not in self.ctx.settings.enabled_actions:
            msg = f"action {item.action} is not in enabled_actions"
            error = ActionError(codes.ACTION_DISABLED, msg)
            return None, Outcome(
                **base, idempotency_key=None, status="failed", error=error.as_dict()
            )
        try:
            prepared = prepare_input(
                item.record, item.action, self.ctx.settings.flattening_separator
            )
        except ActionError as error:
            return None, Outcome(
                **base, idempotency_key=None, status="failed", error=error.as_dict()
            )
        return prepared, None

    def _ordering_keys(self, prepared: PreparedInput) -> tuple[list[tuple], bool]:
        data = prepared.data
        if prepared.action in CREATE_ACTIONS:
            email = data["candidate"]["email_address"].strip().lower()
            return [("create", email, _job_key(self.ctx, data["application"]["job_id"]))], False
        try:
            oid = self.ctx.resolver.application_oid(data["application_id"], "application_id")
        except ActionError:
            return [], True  # fails in its action, with the same message
        return [("application", oid)], True

    def _run(self, item: InputRecord, prepared: PreparedInput, depends: list[Future]) -> None:
        try:
            self._run_after(item, prepared, depends)
        finally:
            self._slots.release()

    def _run_after(self, item: InputRecord, prepared: PreparedInput, depends: list[Future]) -> None:
        wait(depends)
        if self.stopped:
            error = ActionError(
                self.stopped.code, f"not attempted: the run stopped ({self.stopped})"
            )
            self._finish(item, self._outcome(item, prepared, "failed", error=error.as_dict()))
            return
        budget = CallBudget.for_seconds(self.ctx.settings.action_timeout_s)
        try:
            outcome = self._execute(item, prepared, budget)
        except Exception as error:  # a bug must not lose the record: it becomes an outcome
            self.logger.exception("Unexpected %s in %s", type(error).__name__, item.action)
            fault = ActionError(
                codes.UNKNOWN_ERROR, f"unexpected {type(error).__name__} in the target"
            )
            outcome = self._outcome(item, prepared, "failed", error=fault.as_dict())
        outcome.attempts = budget.attempts
        self._finish(item, outcome)

    def _execute(self, item: InputRecord, prepared: PreparedInput, budget: CallBudget) -> Outcome:
        ledger = self.ctx.ledger
        try:
            stored = ledger.idempotency_outcome(prepared.idempotency_key)
            if stored is not None:
                raise ActionSkipped("DUPLICATE_INPUT", ids=stored.get("ids") or {})
            result = ACTION_FUNCTIONS[item.action](self.ctx, prepared, budget)
        except ActionSkipped as skip:
            return self._outcome(item, prepared, "skipped", reason=skip.reason, ids=skip.ids)
        except ActionError as error:
            ids = error.ids or self._known_ids(prepared)
            return self._outcome(item, prepared, "failed", error=error.as_dict(), ids=ids)
        ledger.record_idempotency(
            prepared.idempotency_key, {"ids": result.ids, "operation": result.operation}
        )
        ledger.commit()
        return self._outcome(item, prepared, "written", operation=result.operation, ids=result.ids)

    def _known_ids(self, prepared: PreparedInput) -> dict:
        """The ids of the application an update action named (none for a create)."""
        if prepared.action in CREATE_ACTIONS:
            return {}
        try:
            oid = self.ctx.resolver.application_oid(prepared.data["application_id"], "")
        except ActionError:
            return {}
        return record_ids(self.ctx.settings.tenant_id, oid)

    def _outcome(self, item: InputRecord, prepared: PreparedInput, status: str, **fields: Any):
        return Outcome(
            stream=item.stream,
            seq=item.seq,
            action=item.action,
            idempotency_key=prepared.idempotency_key,
            status=status,
            warnings=prepared.warnings,
            **fields,
        )

    def _finish(self, item: InputRecord, outcome: Outcome) -> None:
        try:
            self.recorder.record(
                outcome, record=item.record, schema=item.schema, key_properties=item.key_properties
            )
        except OutputFileError as error:
            with self._lock:  # every later outcome would be lost too: stop the run
                self.stopped = self.stopped or RunStoppedError(codes.UNKNOWN_ERROR, str(error))
            return
        code = (outcome.error or {}).get("code") or ""
        with self._lock:
            if outcome.status != "failed":
                self._consecutive_remote_failures = 0
            elif code.startswith("REMOTE."):
                self._consecutive_remote_failures += 1
            limit = self.ctx.settings.max_consecutive_failures
            if self.stopped is None and code in codes.RUN_STOPPING_CODES:
                self.stopped = RunStoppedError(code, outcome.error["message"])
            elif self.stopped is None and self._consecutive_remote_failures >= limit > 0:
                msg = f"{limit} remote failures in a row (last: {code}); stopping the run"
                self.stopped = RunStoppedError(code, msg)


def _job_key(ctx: WriteContext, job_id: str) -> str:
    try:
        return ctx.resolver.job(job_id, "application.job_id").remote_id
    except ActionError:
        return job_id  # fails in its action; the raw text still orders equal inputs
