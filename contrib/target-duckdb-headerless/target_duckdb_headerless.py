"""Run target-duckdb 0.8.0 with a COPY that does not drop the first row of every batch.

target-duckdb writes each batch to a header-less CSV file and loads it with
``COPY t FROM 'file' WITH (new_line '\\r\\n')``. DuckDB 1.1 and later sniff that file for a header
row, find one when the first record's values look like text, and silently skip it: one record
lost per stream and batch. This wrapper states the file's real format (no header, the
delimiter and quote character target-duckdb wrote it with) and otherwise runs target-duckdb
unchanged.
"""

from __future__ import annotations

from typing import Any

import target_duckdb

_COPY_OPTIONS = "WITH (new_line '\\r\\n')"


class _ExplicitCsvConnection:
    """A DuckDB connection whose batch COPY names the CSV format instead of sniffing it."""

    def __init__(self, connection: Any, delimiter: str, quotechar: str) -> None:
        self._connection = connection
        self._options = (
            f"WITH (new_line '\\r\\n', header false, delim {_literal(delimiter)}, "
            f"quote {_literal(quotechar)})"
        )

    def execute(self, query: str, *args: Any, **kwargs: Any) -> Any:
        """Run a statement; target-duckdb's batch COPY gets the explicit CSV options."""
        if query.startswith("COPY ") and query.endswith(_COPY_OPTIONS):
            query = query[: -len(_COPY_OPTIONS)] + self._options
        return self._connection.execute(query, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def main() -> None:
    """The target-duckdb command line, with the explicit-CSV connection."""
    connect = target_duckdb.duckdb_connect

    def explicit_connect(config: dict[str, Any]) -> _ExplicitCsvConnection:
        delimiter, quotechar = config.get("delimiter", ","), config.get("quotechar", '"')
        return _ExplicitCsvConnection(connect(config), delimiter, quotechar)

    # target_duckdb.main looks the function up at call time, so this is the only change.
    target_duckdb.duckdb_connect = explicit_connect
    target_duckdb.main()


if __name__ == "__main__":
    main()
