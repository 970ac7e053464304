"""Deterministic record ids for the unified model.

Two kinds of id, both 24 characters of ``[0-9A-Za-z]``:

* **Hashed ids** (jobs, job postings, stages, job stages, integration fields): a
  truncated base-62 SHA-256 of the tenant, the model and the remote key. They are
  stable across runs and machines but cannot be reversed, so the target resolves
  them through the ledger's id index.
* **Record ids** (candidates, applications): a keyed Feistel permutation of the
  model and the Paradox ``OID``. The target recovers the OID without any lookup,
  and a candidate id never decodes as an application id (or vice versa), because
  the model tag and 48 zero check bits travel inside the permuted block.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ID_LENGTH = 24
_HASH_DIGITS = 43  # base-62 digits of a 256-bit digest, before truncation
_UNIT_SEPARATOR = "\x1f"

HASHED_MODELS = frozenset(
    {"jobs", "job_postings", "application_stages", "job_stages", "integration_fields"}
)
# Tags are part of the id format: changing one changes every record id.
RECORD_MODEL_TAGS = {"candidates": 1, "applications": 2}
_TAG_MODELS = {tag: model for model, tag in RECORD_MODEL_TAGS.items()}

_HALF_BITS = 64
_HALF_MASK = (1 << _HALF_BITS) - 1
_BLOCK_LIMIT = 1 << (2 * _HALF_BITS)
_FEISTEL_ROUNDS = 4
_OID_BITS = 64
_CHECK_BITS = 48  # between the 16-bit tag and the 64-bit OID; always zero
_ID_PATTERN = re.compile(r"^[0-9A-Za-z]{24}$")
REMOTE_PREFIX = "remote:"


class InvalidIdError(ValueError):
    """An id is malformed, or does not belong to the expected model or tenant."""


def to_base62(number: int) -> str:
    """Write a non-negative integer in base 62 (digits, then upper, then lower case)."""
    if number < 0:
        msg = f"base 62 takes non-negative integers, got {number}"
        raise ValueError(msg)
    digits = []
    while True:
        number, remainder = divmod(number, 62)
        digits.append(BASE62_ALPHABET[remainder])
        if number == 0:
            return "".join(reversed(digits))


def from_base62(text: str) -> int:
    """Read a base-62 string written by :func:`to_base62`."""
    number = 0
    for char in text:
        position = BASE62_ALPHABET.find(char)
        if position < 0:
            msg = f"{char!r} is not a base-62 digit"
            raise InvalidIdError(msg)
        number = number * 62 + position
    return number


# Pure and hot: every candidate row hashes the same integration-field and stage keys again.
@lru_cache(maxsize=65_536)
def hashed_id(tenant_id: str, model: str, remote_key: str) -> str:
    """Return the hashed id H(model, remote_key) of a record in one tenant."""
    if model not in HASHED_MODELS:
        msg = f"{model!r} has no hashed ids; expected one of {sorted(HASHED_MODELS)}"
        raise ValueError(msg)
    material = _UNIT_SEPARATOR.join(("paradox", tenant_id, model, remote_key))
    digest = hashlib.sha256(material.encode("utf-8")).digest()
    encoded = to_base62(int.from_bytes(digest, "big")).rjust(_HASH_DIGITS, "0")
    return encoded[:ID_LENGTH]


def job_stage_remote_key(job_remote_id: str, stage_remote_id: str) -> str:
    """Return the remote key a job stage link is hashed from."""
    return f"{job_remote_id}{_UNIT_SEPARATOR}{stage_remote_id}"


def integration_field_remote_key(field_type: str, key: str) -> str:
    """Return the remote key of a candidate integration field (``DEFAULT``/``CUSTOM``)."""
    return _UNIT_SEPARATOR.join(("candidates", field_type, key))


def _round_value(key: bytes, round_number: int, half: int) -> int:
    message = bytes([round_number]) + half.to_bytes(8, "big")
    return int.from_bytes(hmac.new(key, message, hashlib.sha256).digest()[:8], "big")


def _feistel_key(tenant_id: str) -> bytes:
    return hashlib.sha256(f"paradox-record-id{_UNIT_SEPARATOR}{tenant_id}".encode()).digest()


def record_id(tenant_id: str, model: str, oid: int) -> str:
    """Return the decodable id of a candidate or application with Paradox ``OID``."""
    tag = RECORD_MODEL_TAGS.get(model)
    if tag is None:
        msg = f"{model!r} has no record ids; expected one of {sorted(RECORD_MODEL_TAGS)}"
        raise ValueError(msg)
    if not 0 <= oid < (1 << _OID_BITS):
        msg = f"OID {oid} is outside the 64-bit range"
        raise ValueError(msg)
    key = _feistel_key(tenant_id)
    left = tag << _CHECK_BITS
    right = oid
    for round_number in range(_FEISTEL_ROUNDS):
        left, right = right, left ^ _round_value(key, round_number, right)
    block = (left << _HALF_BITS) | right
    return to_base62(block).rjust(ID_LENGTH, "0")


def decode_record_id(tenant_id: str, value: str) -> tuple[str, int]:
    """Return ``(model, OID)`` of a record id; raise :class:`InvalidIdError` otherwise."""
    if not _ID_PATTERN.match(value):
        msg = "a record id is 24 characters of 0-9, A-Z and a-z"
        raise InvalidIdError(msg)
    block = from_base62(value)
    if block >= _BLOCK_LIMIT:
        msg = "not a candidate or application id of this tenant"
        raise InvalidIdError(msg)
    key = _feistel_key(tenant_id)
    left, right = block >> _HALF_BITS, block & _HALF_MASK
    for round_number in reversed(range(_FEISTEL_ROUNDS)):
        left, right = right ^ _round_value(key, round_number, left), left
    tag, check = left >> _CHECK_BITS, left & ((1 << _CHECK_BITS) - 1)
    model = _TAG_MODELS.get(tag)
    if model is None or check != 0:
        msg = "not a candidate or application id of this tenant"
        raise InvalidIdError(msg)
    return model, right


def is_id(value: str) -> bool:
    """Tell whether a string has the shape of a 24-character unified id."""
    return bool(_ID_PATTERN.match(value))


def split_remote_reference(value: str) -> str | None:
    """Return ``x`` for a ``remote:x`` reference, else ``None``."""
    if value.startswith(REMOTE_PREFIX):
        return value[len(REMOTE_PREFIX) :]
    return None


def default_tenant_id(client_id: str) -> str:
    """Derive the tenant id from the Account ID without exposing it.

    The Account ID survives a rotation of the Secret Key, so ids stay put; hashing
    it keeps the Account ID itself out of logs and state.
    """
    return "acct-" + hashlib.sha256(client_id.strip().encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class StageTriple:
    """A stage's identity: Paradox has no stage ids, only these three names."""

    journey: str
    stage: str
    status: str

    @property
    def remote_id(self) -> str:
        """Return ``journey|stage|status`` with ``\\`` and ``|`` escaped inside parts."""
        return "|".join(_escape_part(part) for part in (self.journey, self.stage, self.status))

    @property
    def name(self) -> str:
        """Return the ``candidate_journey_status`` text Paradox takes for this stage."""
        return f"{self.stage}: {self.status}" if self.status else self.stage

    @classmethod
    def from_remote_id(cls, remote_id: str) -> StageTriple:
        """Parse a stage remote id; raise :class:`InvalidIdError` unless it has three parts."""
        parts: list[str] = []
        current: list[str] = []
        chars = iter(remote_id)
        for char in chars:
            if char == "\\":
                escaped = next(chars, None)
                if escaped not in ("\\", "|"):
                    msg = "a stage remote id escapes only '\\' and '|' with a backslash"
                    raise InvalidIdError(msg)
                current.append(escaped)
            elif char == "|":
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
        parts.append("".join(current))
        if len(parts) != 3:
            msg = "a stage remote id is journey|stage|status"
            raise InvalidIdError(msg)
        return cls(*parts)


def _escape_part(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|")


def normalise_stage_part(value: object) -> str:
    """Trim a journey, stage or status name and fold inner whitespace runs to one space."""
    if value is None:
        return ""
    return " ".join(str(value).split())
