"""Print what landed in the demo's DuckDB: rows per table, applications per stage.

Usage: demo_summary.py DUCKDB_PATH [SINCE]. With SINCE (an ISO timestamp), also count the rows
each table received from runs that started after it, which is what an incremental run loaded.
"""

from __future__ import annotations

import sys

import duckdb

SCHEMA = "paradox"
STREAMS = ("candidates", "applications", "application_stages", "jobs", "job_postings",
           "job_stages", "users", "locations")  # fmt: skip


def _tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", [SCHEMA]
    ).fetchall()
    present = {name for (name,) in rows}
    return [name for name in STREAMS if name in present]


def summarise(path: str, since: str | None = None) -> None:
    """Print the tables' row counts, the stage distribution and, with ``since``, the new rows."""
    connection = duckdb.connect(path, read_only=True)
    tables = _tables(connection)
    header = f"{'table':<20}{'rows':>8}{'tombstones':>12}"
    print(header + (f"{'loaded since':>14}" if since else ""))
    for table in tables:
        columns = {row[0] for row in connection.execute(f"DESCRIBE {SCHEMA}.{table}").fetchall()}
        total = connection.execute(f"SELECT count(*) FROM {SCHEMA}.{table}").fetchone()[0]
        dead = "-"
        if "remote_deleted_at" in columns:
            dead = connection.execute(
                f"SELECT count(*) FROM {SCHEMA}.{table} WHERE remote_deleted_at IS NOT NULL"
            ).fetchone()[0]
        line = f"{table:<20}{total:>8}{dead:>12}"
        if since:
            fresh = connection.execute(
                f"SELECT count(*) FROM {SCHEMA}.{table} WHERE _sdc_batched_at >= ?::TIMESTAMP",
                [since],
            ).fetchone()[0]
            line += f"{fresh:>14}"
        print(line)
    if since and "candidates" in tables:
        oids = connection.execute(
            f"SELECT remote_id FROM {SCHEMA}.candidates WHERE _sdc_batched_at >= ?::TIMESTAMP"
            " ORDER BY remote_id::BIGINT",
            [since],
        ).fetchall()
        shown = ", ".join(oid for (oid,) in oids[:20]) + (", ..." if len(oids) > 20 else "")
        print(f"\ncandidates loaded since {since} (OIDs): {shown}")
        print("  (the moved ones, plus the newest earlier row: a delta run re-reads from the")
        print("   bookmark minus lookback_minutes, so the row that set the bookmark repeats)")
    if {"applications", "application_stages"} <= set(tables):
        print("\napplications per stage (live applications, top 12):")
        rows = connection.execute(
            f"""
            SELECT s.name, json_extract_string(s.custom_fields, '$.candidate_journey') AS journey,
                   count(*) AS applications
            FROM {SCHEMA}.applications a JOIN {SCHEMA}.application_stages s
              ON s.id = a.current_stage_id
            WHERE a.remote_deleted_at IS NULL
            GROUP BY 1, 2 ORDER BY applications DESC, journey, s.name LIMIT 12
            """
        ).fetchall()
        for name, journey, applications in rows:
            print(f"  {applications:>6}  {journey} / {name}")
    connection.close()


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    summarise(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
