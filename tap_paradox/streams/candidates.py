"""The ``candidates`` and ``applications`` streams (model §2.3, §2.5), replayed from the pass.

Both come from the same ``GET /candidates`` rows, read once per run by the sync run's candidate
pass and spooled to temp files; each stream replays its own spool, so memory stays flat and
Paradox is paged only once. Both are INCREMENTAL on ``remote_updated_at``; rows arrive in OID
order, not in ``updated_at`` order, so they are unsorted and the SDK keeps the maximum seen,
which its signpost (the run's start) caps at finalisation: the bookmark never passes the run's
start.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from tap_paradox.client import ParadoxClientError, ParadoxStream
from tap_paradox.timestamps import format_timestamp


def _row_of(payload: object) -> Mapping[str, Any] | None:
    # GET /candidates/{ID} answers a row; tolerate an envelope around it too (contract §8 #8).
    if isinstance(payload, Mapping):
        if isinstance(payload.get("candidate"), Mapping):
            return payload
        rows = payload.get("candidates")
        if isinstance(rows, list) and rows and isinstance(rows[0], Mapping):
            return rows[0]
    return None


class _PassStream(ParadoxStream):
    """A stream emitting one kind of record from the run's candidate pass."""

    primary_keys: ClassVar[list[str]] = ["id"]
    replication_key = "remote_updated_at"
    is_sorted = False
    path = "/candidates"

    @property
    def schema(self) -> dict:
        """The stream's schema: the input catalog's, else the discovered one (built once)."""
        return self._tap.catalog_schemas.schema(self.name)

    def get_replication_key_signpost(self, context: Mapping | None = None) -> str:
        """Cap the bookmark at the run's start, in the same text form the records use."""
        return format_timestamp(self._tap.sync_run.run_start)

    def get_records(self, context: Mapping | None) -> Iterator[dict[str, Any]]:
        """Replay the pass's records; fill every schema field a tombstone leaves out."""
        fields = list(self.schema.get("properties", {}))
        for record in self._tap.sync_run.spooled_records(self.name):
            yield {**dict.fromkeys(fields), **record} if len(record) < len(fields) else record


class CandidatesStream(_PassStream):
    """One candidate per Paradox record; also the HTTP side of the candidate pass."""

    name = "candidates"

    def list_page(self, params: Mapping[str, Any]) -> Mapping[str, Any]:
        """Return one ``GET /candidates`` answer."""
        payload = self.request_json("/candidates", params)
        if isinstance(payload, list):
            return {"candidates": payload}
        if not isinstance(payload, Mapping):
            msg = "GET /candidates answered JSON that is neither an object nor a list"
            raise ValueError(msg)
        return payload

    def lookup(self, oid: int) -> Mapping[str, Any] | None:
        """Return ``GET /candidates/{oid}``'s row, or ``None`` when Paradox says not found."""
        params = {"note": "true"}
        if self.config.get("include_conversation"):
            params["conversation"] = "true"
        try:
            payload = self.request_json(f"/candidates/{oid}", params)
        except ParadoxClientError as error:
            if error.is_not_found:
                return None
            raise
        return _row_of(payload)


class ApplicationsStream(_PassStream):
    """One application per Paradox record (the same rows as candidates)."""

    name = "applications"
