"""Outcome rules: ordered, DECLINED first, case-insensitive whole-word matches (model §2.5)."""

from __future__ import annotations

import pytest

from tap_paradox.ids import StageTriple
from tap_paradox.mapping.outcome import OutcomeRule, outcome_for

DEFAULTS = [
    ("pending", "Screening", "Capture Complete", "PENDING"),
    ("hired-stage", "Hired", "", "HIRED"),
    ("hired-status", "Offer", "Hired", "HIRED"),
    ("not-hired", "Review", "Not Hired", "DECLINED"),
    ("not-hired-any-case", "REVIEW", "NOT   HIRED", "DECLINED"),
    ("no-hire", "Decision", "No Hire", "DECLINED"),
    ("rejected", "Interview", "Rejected", "DECLINED"),
    ("withdrew", "Interview", "Candidate Withdrew", "DECLINED"),
    ("offer-cancelled-uk", "Offer", "Offer Cancelled", "DECLINED"),
    ("offer-canceled-us", "Offer", "Offer Canceled", "DECLINED"),
    ("onboarding", "Onboarding", "In Progress", "HIRED"),
    ("new-hire", "New Hire", "Paperwork", "HIRED"),
    ("offer-accepted", "Offer", "Offer Accepted", "HIRED"),
    ("word-inside-word-ignored", "Rehiredness", "Unrejected", "PENDING"),
    ("hyphen-is-a-boundary", "Post-Hired", "Check", "HIRED"),
    ("offer-sent", "Offer", "Sent", "PENDING"),
]


@pytest.mark.parametrize(
    ("stage", "status", "expected"), [c[1:] for c in DEFAULTS], ids=[c[0] for c in DEFAULTS]
)
def test_default_rules(stage, status, expected):
    assert outcome_for(StageTriple("Journey", stage, status), 1) == expected


def test_no_stage_gives_null():
    assert outcome_for(None, 1) is None


RULES = (
    OutcomeRule("DECLINED", "record_status", ("spam", "archived")),
    OutcomeRule("HIRED", "journey", ("Alumni",)),
    OutcomeRule("HIRED", "stage", ("Done",)),
    OutcomeRule("DECLINED", "status", ("closed",)),
)
CUSTOM = [
    ("record-status-label", ("J", "Interview", "Scheduled"), 5, "DECLINED"),
    ("record-status-numeric-string", ("J", "Interview", "Scheduled"), "3", "DECLINED"),
    ("journey", ("Alumni Rehire", "Interview", "Scheduled"), 1, "HIRED"),
    ("stage-field-ignores-status", ("J", "Interview", "Done"), 1, "PENDING"),
    ("stage-field", ("J", "Done", "x"), 1, "HIRED"),
    ("first-match-wins", ("Alumni", "Done", "Closed"), 5, "DECLINED"),
    ("no-match", ("J", "Hired", ""), 1, "PENDING"),
]


@pytest.mark.parametrize(
    ("triple", "status", "expected"), [c[1:] for c in CUSTOM], ids=[c[0] for c in CUSTOM]
)
def test_custom_rules(triple, status, expected):
    assert outcome_for(StageTriple(*triple), status, RULES) == expected


def test_custom_separator_shapes_the_stage_status_text():
    rule = OutcomeRule("HIRED", "stage_status", ("offer - accepted",))
    assert outcome_for(StageTriple("J", "Offer", "Accepted"), 1, (rule,), " - ") == "HIRED"
    assert outcome_for(StageTriple("J", "Offer", "Accepted"), 1, (rule,)) == "PENDING"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"outcome": "WON", "field": "stage", "any_of": ["x"]}, r"outcome_rules\[2\].*'WON'"),
        ({"outcome": "HIRED", "field": "tags", "any_of": ["x"]}, r"outcome_rules\[2\].*'tags'"),
        ({"outcome": "HIRED", "any_of": "hired"}, r"outcome_rules\[2\]\.any_of must be a list"),
        ({"outcome": "HIRED", "any_of": []}, r"outcome_rules\[2\].*non-empty"),
        ({"outcome": "HIRED", "any_of": [" "]}, r"outcome_rules\[2\].*non-empty"),
        ("HIRED", r"outcome_rules\[2\] must be an object"),
    ],
    ids=["bad-outcome", "bad-field", "any-of-text", "any-of-empty", "blank-phrase", "not-object"],
)
def test_bad_rule_names_its_position(entry, message):
    with pytest.raises(ValueError, match=message):
        OutcomeRule.from_setting(entry, 2)


def test_rule_from_setting_defaults_field_and_upper_cases_outcome():
    rule = OutcomeRule.from_setting({"outcome": "hired", "any_of": ["Started"]}, 0)
    assert rule == OutcomeRule("HIRED", "stage_status", ("Started",))
