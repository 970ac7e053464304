"""Turn one upstream record into a validated action input (model §4.1).

Warehouse exports flatten objects (``candidate__first_name``) and write arrays as JSON text;
both are rebuilt here. The same leaf given both ways with different values, a malformed JSON
string or a schema violation is ``PLATFORM.INPUT_INVALID`` naming the field. Messages never
quote the value, because values are personal data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from tap_paradox.target.errors import InputInvalidError
from tap_paradox.target.schemas import ACTION_SCHEMAS, CONTAINER_PATHS

CREATE_ACTIONS = frozenset({"create_candidate", "create_application"})
# Kombo fields Paradox has nowhere to store: accepted, dropped, and reported as FIELD_IGNORED.
IGNORED_CANDIDATE_KEYS = frozenset(
    {"company", "gender", "availability_date", "salary_expectations", "social_links"}
)
IGNORED_TOP_KEYS = frozenset({"screening_question_answers", "sourced_by", "gdpr_consent"})
IGNORED_SOURCE_KEYS = frozenset({"id", "unified_key"})
# Kombo's create-application body puts these at the top; the model nests them (§4.4).
KOMBO_TOP_LEVEL_MOVES = {
    ("job_id",): ("application", "job_id"),
    ("stage_id",): ("application", "stage_id"),
}
Path = tuple[str | int, ...]
_MISSING = object()
_VALIDATORS = {name: Draft202012Validator(schema) for name, schema in ACTION_SCHEMAS.items()}


@dataclass
class PreparedInput:
    """A record rebuilt, cleaned and validated for one action."""

    action: str
    data: dict
    idempotency_key: str
    warnings: list[dict] = field(default_factory=list)


def prepare_input(record: Mapping[str, Any], action: str, separator: str = "__") -> PreparedInput:
    """Unflatten, drop ignored fields, validate; raise InputInvalidError naming the field."""
    warnings: list[dict] = []
    data = unflatten(
        record, separator, moves=KOMBO_TOP_LEVEL_MOVES if action in CREATE_ACTIONS else {}
    )
    if action in CREATE_ACTIONS:
        warnings.extend(drop_ignored_fields(data))
    validate(data, action)
    data = prune_to_schema(data, ACTION_SCHEMAS[action])
    key = data.get("idempotency_key") or default_idempotency_key(action, data)
    return PreparedInput(action=action, data=data, idempotency_key=key, warnings=warnings)


def unflatten(
    record: Mapping[str, Any], separator: str, moves: Mapping[Path, Path] | None = None
) -> dict:
    """Rebuild nested objects from ``separator``-joined keys; parse JSON text in containers."""
    result: dict = {}
    given_as: dict[Path, str] = {}
    for given_path, value, spelled in _leaves(record, separator, (), ""):
        path = (moves or {}).get(given_path, given_path)
        _insert(result, path, value, spelled, given_as)
    return result


def _leaves(
    value: Any, separator: str, path: Path, spelled: str
) -> Iterator[tuple[Path, Any, str]]:
    if isinstance(value, str) and path in CONTAINER_PATHS:
        value = _parse_json_text(value, path)
    if isinstance(value, Mapping):
        for raw_key, child in value.items():
            key = str(raw_key)
            if not path and key.startswith("_sdc_"):
                continue
            if child is None:
                continue  # a null column is an absent value, as warehouses export them
            parts = tuple(key.split(separator)) if separator and separator in key else (key,)
            yield from _leaves(
                child, separator, path + parts, f"{spelled}.{key}" if spelled else key
            )
        return
    if isinstance(value, list):
        value = [_drop_nulls(item) for item in value]
    yield path, value, spelled


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    return value


def _parse_json_text(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        where = _dotted(path)
        msg = f"{where} is a string but not valid JSON (an object or list was expected)"
        raise InputInvalidError(msg, field=where) from error


def _insert(result: dict, path: Path, value: Any, spelled: str, given_as: dict[Path, str]) -> None:
    node = result
    for depth, part in enumerate(path[:-1]):
        child = node.get(part, _MISSING)
        if child is _MISSING:
            child = node[part] = {}
        if not isinstance(child, dict):
            _conflict(path[: depth + 1], spelled, given_as)
        node = child
    leaf = path[-1]
    existing = node.get(leaf, _MISSING)
    if existing is not _MISSING and existing != value:
        _conflict(path, spelled, given_as)
    node[leaf] = value
    given_as.setdefault(path, spelled)


def _conflict(path: Path, spelled: str, given_as: dict[Path, str]) -> None:
    other = next((name for p, name in given_as.items() if p[: len(path)] == path), _dotted(path))
    msg = (
        f"{_dotted(path)} is given twice with different values (as '{other}' and as "
        f"'{spelled}'); send it once, nested or flattened"
    )
    raise InputInvalidError(msg, field=_dotted(path))


def drop_ignored_fields(data: dict) -> list[dict]:
    """Remove Kombo-only fields Paradox cannot store; return a FIELD_IGNORED warning for each."""
    ignored: list[str] = []
    for key in sorted(set(data) & IGNORED_TOP_KEYS) + sorted(
        k for k in data if k.startswith("additional_")
    ):
        data.pop(key)
        ignored.append(key)
    candidate = data.get("candidate")
    if isinstance(candidate, dict):
        for key in sorted(candidate):
            if key in IGNORED_CANDIDATE_KEYS or key.startswith("additional_"):
                candidate.pop(key)
                ignored.append(f"candidate.{key}")
    source = data.get("source")
    if isinstance(source, dict):
        for key in sorted(set(source) & IGNORED_SOURCE_KEYS):
            source.pop(key)
            ignored.append(f"source.{key}")
    return [
        {"code": "FIELD_IGNORED", "message": f"{name} has no Paradox counterpart and was not sent"}
        for name in ignored
    ]


def validate(data: Mapping[str, Any], action: str) -> None:
    """Check ``data`` against the action schema; raise InputInvalidError for the worst error."""
    error = best_match(_VALIDATORS[action].iter_errors(data))
    if error is not None:
        raise _as_input_invalid(error)


def _as_input_invalid(error: ValidationError) -> InputInvalidError:
    path = tuple(error.absolute_path)
    if error.validator == "required":
        missing = next(n for n in error.validator_value if n not in error.instance)
        where = _dotted((*path, missing))
        return InputInvalidError(f"{where} is required", field=where)
    where = _dotted(path) or "the record"
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if custom:
        return InputInvalidError(f"{where} {custom}", field=where)
    generic = {
        "type": f"must be of type {error.validator_value}",
        "maxLength": f"must be at most {error.validator_value} characters",
        "minLength": f"must be at least {error.validator_value} characters",
        "enum": f"must be one of {error.validator_value}",
    }.get(str(error.validator), "has an invalid value")
    return InputInvalidError(f"{where} {generic}", field=where)


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def prune_to_schema(value: Any, schema: Mapping[str, Any]) -> Any:
    """Keep only the keys the schema names (an object without ``properties`` is kept whole)."""
    if isinstance(value, dict) and "properties" in schema:
        props = schema["properties"]
        return {k: prune_to_schema(v, props[k]) for k, v in value.items() if k in props}
    if isinstance(value, list) and "items" in schema:
        return [prune_to_schema(item, schema["items"]) for item in value]
    return value


def default_idempotency_key(action: str, data: Mapping[str, Any]) -> str:
    """Return sha256 of the action name and the canonical input (sorted keys, no spaces)."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{action}\n{canonical}".encode()).hexdigest()
