"""Share the SQLite ledger with the worker threads.

A ``sqlite3`` connection may only be used by the thread that opened it, so the ledger is
opened on one dedicated thread and every call is handed to that thread, one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


class LedgerThread:
    """A proxy whose method calls run on the ledger's own thread."""

    def __init__(self, opener: Callable[[], Any]) -> None:
        """Open the ledger on its thread with ``opener()``."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger")
        self._ledger = self._executor.submit(opener).result()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        """Return ledger method ``name``, run on the ledger thread."""
        method = getattr(self._ledger, name)

        def on_ledger_thread(*args: Any, **kwargs: Any) -> Any:
            # Generators are drained there too, so no cursor crosses threads.
            def call() -> Any:
                result = method(*args, **kwargs)
                return list(result) if hasattr(result, "__next__") else result

            return self._executor.submit(call).result()

        return on_ledger_thread

    def shutdown(self) -> None:
        """Commit, close the ledger and stop its thread."""
        try:
            self._executor.submit(self._ledger.commit).result()
            self._executor.submit(self._ledger.close).result()
        finally:
            self._executor.shutdown(wait=True)
