"""Record fingerprints: what decides whether a record changed (model §1.2 ``changed_at``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

# Fields that move without the record itself changing, or that only carry the raw payload.
EXCLUDED_FIELDS = frozenset({"id", "changed_at", "remote_updated_at", "remote_data"})


def canonical_json(record: Mapping[str, Any]) -> str:
    """Return the canonical JSON (sorted keys, no spaces) of the fingerprinted fields."""
    kept = {key: value for key, value in record.items() if key not in EXCLUDED_FIELDS}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(record: Mapping[str, Any]) -> str:
    """Return the sha256 hex digest of the record's canonical JSON."""
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()
