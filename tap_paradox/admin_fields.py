"""Sampling behind ``paradox-admin fields``: the newest candidates and the job feed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tap_paradox import passthrough
from tap_paradox.auth import build_authenticator
from tap_paradox.feed import iter_feed_jobs
from tap_paradox.feed_fetch import FeedSnapshot
from tap_paradox.ids import default_tenant_id
from tap_paradox.mapping.field_explorer import explore_fields as explore
from tap_paradox.mapping.settings import MappingSettings
from tap_paradox.retry import RetryPolicy

PAGE_LIMIT = 50  # the largest page Paradox serves
TABLE_COLUMNS = ("path", "inferred_type", "fill_rate", "distinct", "default_mapped", "examples")


def explore_fields(
    config: Mapping[str, Any], *, sample_size: int = 500, with_examples: bool = True
) -> list[dict[str, Any]]:
    """Sample the tenant and return one report per attribute key and extra feed element."""
    tenant_id = config.get("tenant_id") or default_tenant_id(str(config["client_id"]))
    settings = MappingSettings.from_config(config, tenant_id)
    rows = list(_newest_rows(config, sample_size, build_authenticator(config)))
    feed_url = config.get("job_feed_url")
    if not feed_url:
        return [report.as_dict() for report in explore(rows, (), settings, with_examples)]
    snapshot = FeedSnapshot(feed_url, RetryPolicy.from_config(config))
    try:
        with snapshot.open() as body:
            reports = explore(rows, iter_feed_jobs(body), settings, with_examples)
    finally:
        snapshot.close()
    return [report.as_dict() for report in reports]


def _newest_rows(
    config: Mapping[str, Any], sample_size: int, authenticator: Any
) -> Iterator[Mapping[str, Any]]:
    # Paradox lists in ascending OID order, so the newest records are on the last pages.
    first = _page(config, authenticator, offset=0, limit=1)
    total = int(first.get("count") or 0)
    offset = max(total - sample_size, 0)
    while offset < total:
        page = _page(config, authenticator, offset=offset, limit=PAGE_LIMIT)
        rows = page.get("candidates") or []
        yield from rows
        if len(rows) < PAGE_LIMIT:
            return
        offset += PAGE_LIMIT


def _page(
    config: Mapping[str, Any], authenticator: Any, *, offset: int, limit: int
) -> dict[str, Any]:
    params = {"limit": limit, "offset": offset, "include_attributes": "Yes"}
    result = passthrough.request(
        config, "GET", "/candidates", params=params, authenticator=authenticator
    )
    if result["status"] != 200 or not isinstance(result["data"], dict):
        msg = f"GET /candidates (offset {offset}) answered HTTP {result['status']}"
        raise RuntimeError(msg)
    return result["data"]


def render_fields_table(rows: list[dict[str, Any]]) -> str:
    """Render the reports as a fixed-width text table."""
    cells = [TABLE_COLUMNS] + [
        tuple(_cell(row, column) for column in TABLE_COLUMNS) for row in rows
    ]
    widths = [max(len(row[index]) for row in cells) for index in range(len(TABLE_COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in cells
    ]
    return "\n".join(line.rstrip() for line in lines)


def _cell(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    if column == "fill_rate":
        return f"{float(value or 0):.0%}"
    if column == "examples":
        return ", ".join(value or ())
    return str(value)
