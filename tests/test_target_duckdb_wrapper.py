"""The target-duckdb wrapper keeps the first row of every batch that DuckDB would sniff away."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import duckdb
import pytest

WRAPPER = (
    Path(__file__).resolve().parent.parent
    / "contrib/target-duckdb-headerless/target_duckdb_headerless.py"
)
# Exactly the statement target-duckdb 0.8.0 sends for each batch.
COPY = "COPY batch FROM '{}' WITH (new_line '\\r\\n')"


@pytest.fixture
def wrapper(monkeypatch):
    monkeypatch.setitem(sys.modules, "target_duckdb", types.ModuleType("target_duckdb"))
    spec = importlib.util.spec_from_file_location("target_duckdb_headerless", WRAPPER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _batch(tmp_path: Path) -> Path:
    path = tmp_path / "batch.csv"
    path.write_text('"Ana","Ruiz"\r\n"Lee","Chan"\r\n"Kim","Park"\r\n', newline="")
    return path


def _load(connection, path: Path) -> int:
    connection.execute("CREATE TABLE batch (first_name VARCHAR, last_name VARCHAR)")
    connection.execute(COPY.format(path))
    return connection.execute("SELECT count(*) FROM batch").fetchone()[0]


def test_plain_copy_loses_the_first_row(tmp_path):
    # The reason for the wrapper: if DuckDB ever stops sniffing, this fails and it can go.
    assert _load(duckdb.connect(), _batch(tmp_path)) == 2


def test_wrapped_copy_keeps_every_row(tmp_path, wrapper):
    connection = wrapper._ExplicitCsvConnection(duckdb.connect(), ",", '"')
    assert _load(connection, _batch(tmp_path)) == 3
    rows = connection.execute("SELECT first_name FROM batch ORDER BY first_name").fetchall()
    assert rows == [("Ana",), ("Kim",), ("Lee",)]


def test_other_statements_pass_through(wrapper):
    connection = wrapper._ExplicitCsvConnection(duckdb.connect(), ";", "'")
    assert connection.execute("SELECT 'a;b'").fetchall() == [("a;b",)]
    assert connection.sql("SELECT 42").fetchall() == [(42,)]  # attributes are delegated
