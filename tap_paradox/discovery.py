"""Discovery: custom field keys found in the tenant become typed columns of the catalog.

Paradox candidate attributes and extra feed elements are free-form, so a warehouse would see
only one JSON blob for ``custom_fields``. Discovery samples the newest ``discovery_sample_size``
candidates (``GET /candidates?include_attributes=Yes``) and the first as many feed jobs, maps
them with the stream mappers, and puts every ``custom_fields`` key it finds into the schema as
a ``[string, null]`` property (``additionalProperties`` stays true, so new keys still pass).

Nothing happens at import or construction: ``--about`` and ``--help`` make no HTTP call. A run
given a catalog uses the catalog's schemas and samples nothing either.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any

import requests

from tap_paradox.errors import ParadoxError
from tap_paradox.feed import FeedError, iter_feed_jobs
from tap_paradox.feed_fetch import CONNECT_TIMEOUT_S, feed_host, hidden_from_urllib3
from tap_paradox.ids import default_tenant_id
from tap_paradox.mapping.applications import map_application
from tap_paradox.mapping.candidates import map_candidate
from tap_paradox.mapping.jobs import map_feed_job
from tap_paradox.mapping.schemas import stream_schema
from tap_paradox.mapping.settings import MappingSettings
from tap_paradox.passthrough import request

LOGGER = logging.getLogger(__name__)
PAGE_LIMIT = 50
FEED_READ_TIMEOUT_S = 60
DEFAULT_SAMPLE_SIZE = 200


def sample_candidate_rows(
    config: Mapping[str, Any],
    size: int,
    session: requests.Session | None = None,
    authenticator: Any = None,
) -> list[dict[str, Any]]:
    """Return up to ``size`` of the newest candidate rows (highest OIDs), attributes included."""
    session = session or requests.Session()
    params = {"include_attributes": "Yes", "limit": min(PAGE_LIMIT, size), "offset": 0}
    first = _candidates_page(config, params, session, authenticator)
    rows = list(first.get("candidates") or [])
    count = first.get("count")
    if not isinstance(count, int) or count <= len(rows):
        return rows[:size]
    # Ascending OID order: the newest records sit at the end of the list.
    rows = []
    offset = max(0, count - size)
    while len(rows) < size:
        params = {**params, "limit": min(PAGE_LIMIT, size - len(rows)), "offset": offset}
        page = list(
            _candidates_page(config, params, session, authenticator).get("candidates") or []
        )
        if not page:
            break
        rows.extend(page)
        offset += len(page)
    return rows[:size]


def _candidates_page(
    config: Mapping[str, Any],
    params: Mapping[str, Any],
    session: requests.Session,
    authenticator: Any = None,
) -> dict[str, Any]:
    answer = request(
        config, "GET", "/candidates", params=params, session=session, authenticator=authenticator
    )
    if answer["status"] != 200 or not isinstance(answer["data"], dict):
        msg = f"GET /candidates for discovery answered HTTP {answer['status']}"
        raise DiscoverySampleError(msg)
    return answer["data"]


def sample_feed_jobs(url: str, size: int, session: requests.Session | None = None) -> list[Any]:
    """Return the first ``size`` jobs of the feed, reading no further than needed."""
    with hidden_from_urllib3(url):
        return _read_feed_sample(url, size, session or requests.Session())


def _read_feed_sample(url: str, size: int, session: requests.Session) -> list[Any]:
    try:
        response = session.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, FEED_READ_TIMEOUT_S))
    except requests.RequestException as error:
        msg = f"job feed at host {feed_host(url)} unreachable ({type(error).__name__})"
        raise DiscoverySampleError(msg) from None
    with response:
        if response.status_code != 200:
            msg = f"job feed at host {feed_host(url)} answered HTTP {response.status_code}"
            raise DiscoverySampleError(msg)
        response.raw.decode_content = True
        try:
            return list(islice(iter_feed_jobs(response.raw), size))
        except (FeedError, requests.RequestException) as error:
            msg = f"job feed at host {feed_host(url)} unreadable: {type(error).__name__}"
            raise DiscoverySampleError(msg) from None


class DiscoverySampleError(Exception):
    """A discovery sample could not be read; the catalog falls back to untyped custom fields."""


def _keys(records: Iterable[Mapping[str, Any]]) -> list[str]:
    found: set[str] = set()
    for record in records:
        found.update(record.get("custom_fields") or {})
    return sorted(found)


def discover_custom_field_keys(
    config: Mapping[str, Any],
    logger: logging.Logger = LOGGER,
    session: requests.Session | None = None,
    authenticator: Any = None,
) -> dict[str, list[str]]:
    """Return ``{stream: custom_fields keys}`` from a sample of the tenant and its feed."""
    size = int(config.get("discovery_sample_size") or DEFAULT_SAMPLE_SIZE)
    tenant_id = config.get("tenant_id") or default_tenant_id(str(config.get("client_id") or ""))
    settings = MappingSettings.from_config(config, tenant_id)
    keys: dict[str, list[str]] = {}
    if config.get("client_id") and config.get("client_secret") and size > 0:
        try:
            rows = sample_candidate_rows(config, size, session, authenticator)
        except (DiscoverySampleError, ParadoxError, requests.RequestException) as error:
            # The run itself reports a bad tenant; the catalog just loses the typed columns.
            logger.warning("Discovery: no candidate sample (%s); custom fields stay untyped", error)
        else:
            keys["candidates"] = _keys(map_candidate(row, settings) for row in rows)
            keys["applications"] = _keys(map_application(row, settings) for row in rows)
            logger.info("Discovery: sampled %d candidates", len(rows))
    url = config.get("job_feed_url")
    if url and size > 0:
        try:
            jobs = sample_feed_jobs(str(url), size, session)
        except DiscoverySampleError as error:
            logger.warning("Discovery: no feed sample (%s); job custom fields stay untyped", error)
        else:
            keys["jobs"] = _keys(map_feed_job(job, settings) for job in jobs)
            logger.info("Discovery: sampled %d feed jobs", len(jobs))
    return keys


class CatalogSchemas:
    """The schemas of one tap instance, discovered on first use and then kept."""

    def __init__(self, tap: Any) -> None:
        """Bind to a tap; makes no call until a schema is asked for."""
        self._tap = tap
        self._keys: dict[str, list[str]] | None = None
        # The SDK asks for a stream's schema once per record, so each is built only once.
        self._schemas: dict[str, dict] = {}

    def schema(self, stream_name: str) -> dict:
        """The input catalog's schema for the stream, else the discovered one."""
        if stream_name not in self._schemas:
            self._schemas[stream_name] = self._build(stream_name)
        return self._schemas[stream_name]

    def _build(self, stream_name: str) -> dict:
        catalog = getattr(self._tap, "input_catalog", None)
        entry = catalog.get_stream(stream_name) if catalog else None
        if entry is not None and entry.schema is not None:
            given = entry.schema.to_dict()
            if given.get("properties"):
                return given
        config = self._tap.config
        tenant_id = config.get("tenant_id") or default_tenant_id(str(config.get("client_id") or ""))
        # The settings type custom fields mapped from typed candidate keys (e.g. viewed → int).
        settings = MappingSettings.from_config(config, tenant_id)
        keys = self.custom_field_keys().get(stream_name, ())
        return stream_schema(stream_name, keys, settings)

    def custom_field_keys(self) -> dict[str, list[str]]:
        """The discovered keys per stream (sampling on first call)."""
        if self._keys is None:
            # The tap's own authenticator: one token per tap instance, not one per sample page.
            self._keys = discover_custom_field_keys(
                self._tap.config, self._tap.logger, authenticator=self._tap.authenticator
            )
        return dict(self._keys)
