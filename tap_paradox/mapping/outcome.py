"""Application outcome from the current stage, by ordered word-boundary rules (model §2.5)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tap_paradox.ids import StageTriple
from tap_paradox.mapping.enums import OUTCOMES, record_status_label
from tap_paradox.mapping.stages import stage_name

RULE_FIELDS = ("stage", "status", "stage_status", "journey", "record_status")


@dataclass(frozen=True)
class OutcomeRule:
    """``outcome`` applies when ``field`` contains one of ``any_of`` as whole words."""

    outcome: str
    field: str
    any_of: tuple[str, ...]
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Validate the rule and compile its phrases once."""
        if self.outcome not in OUTCOMES:
            msg = f"outcome rule outcome {self.outcome!r} is not one of {list(OUTCOMES)}"
            raise ValueError(msg)
        if self.field not in RULE_FIELDS:
            msg = f"outcome rule field {self.field!r} is not one of {list(RULE_FIELDS)}"
            raise ValueError(msg)
        phrases = [" ".join(str(p).split()) for p in self.any_of]
        if not self.any_of or not all(phrases):
            msg = f"outcome rule for {self.outcome} needs a non-empty any_of of non-empty texts"
            raise ValueError(msg)
        object.__setattr__(self, "any_of", tuple(phrases))
        # Whole words: "hired" must not match "rehired?" inside a longer word, and a phrase's
        # spaces match any whitespace run.
        alternatives = "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in phrases)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        object.__setattr__(self, "_pattern", pattern)

    def matches(self, text: str | None) -> bool:
        """Tell whether the text contains one of the rule's phrases on word boundaries."""
        return bool(text) and self._pattern.search(text) is not None

    @classmethod
    def from_setting(cls, value: Mapping[str, Any], position: int) -> OutcomeRule:
        """Build a rule from one ``outcome_rules`` entry; errors name its position."""
        if not isinstance(value, Mapping):
            msg = f"outcome_rules[{position}] must be an object with outcome, field, any_of"
            raise ValueError(msg)
        any_of = value.get("any_of")
        if isinstance(any_of, str) or not isinstance(any_of, Iterable):
            msg = f"outcome_rules[{position}].any_of must be a list of texts"
            raise ValueError(msg)
        try:
            return cls(
                outcome=str(value.get("outcome", "")).upper(),
                field=str(value.get("field", "stage_status")),
                any_of=tuple(str(item) for item in any_of),
            )
        except ValueError as error:
            raise ValueError(f"outcome_rules[{position}]: {error}") from error


DEFAULT_OUTCOME_RULES = (
    OutcomeRule(
        "DECLINED",
        "stage_status",
        (
            "reject",
            "rejected",
            "declined",
            "disqualified",
            "withdrawn",
            "withdrew",
            "not selected",
            "not hired",
            "not qualified",
            "no hire",
            "offer declined",
            "offer expired",
            "offer canceled",
            "offer cancelled",
        ),
    ),
    OutcomeRule(
        "HIRED", "stage_status", ("hired", "new hire", "onboarding", "onboarded", "offer accepted")
    ),
)


def outcome_for(
    triple: StageTriple | None,
    record_status: object,
    rules: Iterable[OutcomeRule] | None = None,
    separator: str = ": ",
) -> str | None:
    """Return the first matching rule's outcome; ``PENDING`` if none, ``None`` without a stage."""
    if triple is None:
        return None
    texts = {
        "stage": triple.stage,
        "status": triple.status,
        "stage_status": stage_name(triple, separator),
        "journey": triple.journey,
        "record_status": record_status_label(record_status),
    }
    for rule in DEFAULT_OUTCOME_RULES if rules is None else rules:
        if rule.matches(texts[rule.field]):
            return rule.outcome
    return "PENDING"
