"""MappingSettings: model §6 defaults, config parsing, and clear errors for bad settings."""

from __future__ import annotations

import pytest

from tap_paradox.mapping.outcome import DEFAULT_OUTCOME_RULES, OutcomeRule
from tap_paradox.mapping.settings import (
    DEFAULT_CUSTOM_FIELD_MAPPING,
    DEFAULT_INTEGRATION_FIELDS,
    MappingSettings,
)


def test_defaults_are_the_models():
    config = MappingSettings.from_config({}, "acme")
    assert config == MappingSettings(tenant_id="acme")
    assert config.title_attribute == "current_title"
    assert config.location_attribute_keys[-1] == "country"
    assert config.integration_field_paths() == DEFAULT_INTEGRATION_FIELDS
    assert config.custom_field_sources("jobs") == {"*": "feed.*"}
    assert config.custom_field_sources("applications")["paradox_status"] == "candidate.status"
    assert config.outcome_rules is None  # outcome_for then uses DEFAULT_OUTCOME_RULES
    assert DEFAULT_OUTCOME_RULES[0].outcome == "DECLINED"


def test_from_config_reads_every_setting():
    config = MappingSettings.from_config(
        {
            "title_attribute": "role",
            "location_attribute_keys": ["a", "b", "c", "d", "e", "f"],
            "candidate_url_template": "{api_url}/c/{OID}",
            "api_url": "http://127.0.0.1:8080",
            "include_remote_data": False,
            "include_conversation": True,
            "include_interviews": True,
            "custom_field_mapping": {"candidates": {"shift": "attributes.shift"}},
            "integration_fields": ["candidate.ex_id", "candidate.ex_id", "attributes.*"],
            "outcome_rules": [{"outcome": "HIRED", "field": "stage", "any_of": ["Done"]}],
            "journey_status_separator": " - ",
            "salary_range_amount": "mid",
            "default_currency": "CAD",
            "unrelated_setting": 1,
        },
        "acme",
    )
    assert config.title_attribute == "role"
    assert config.location_attribute_keys == ("a", "b", "c", "d", "e", "f")
    assert config.include_remote_data is False
    assert config.include_conversation is True
    assert config.custom_field_sources("candidates") == {"shift": "attributes.shift"}
    assert (
        config.custom_field_sources("applications") == DEFAULT_CUSTOM_FIELD_MAPPING["applications"]
    )
    assert config.integration_field_paths() == ("candidate.ex_id", "attributes.*")
    assert config.outcome_rules == (OutcomeRule("HIRED", "stage", ("Done",)),)
    assert (config.journey_status_separator, config.salary_range_amount) == (" - ", "mid")
    assert config.default_currency == "CAD"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("false", False), ("true", True), ("0", False), (1, True), (False, False)],
)
def test_flag_settings_read_text_from_environment(value, expected):
    assert (
        MappingSettings.from_config({"include_remote_data": value}, "acme").include_remote_data
        is expected
    )


def test_json_text_settings_from_environment_are_parsed():
    config = MappingSettings.from_config(
        {"custom_field_mapping": '{"jobs": {"brand": "feed.company"}}', "integration_fields": "[]"},
        "acme",
    )
    assert config.custom_field_sources("jobs") == {"brand": "feed.company"}
    assert config.integration_field_paths() == ()


BAD = [
    ("empty-tenant", {}, "", "tenant_id"),
    ("five-location-keys", {"location_attribute_keys": ["a"] * 5}, "acme", "six attribute names"),
    ("range-amount", {"salary_range_amount": "max"}, "acme", "salary_range_amount"),
    ("currency", {"default_currency": "dollars"}, "acme", "default_currency"),
    (
        "url-placeholder",
        {"candidate_url_template": "https://x/{email}"},
        "acme",
        r"placeholders \['email'\]",
    ),
    ("url-malformed", {"candidate_url_template": "https://x/{OID"}, "acme", "malformed"),
    (
        "mapping-stream",
        {"custom_field_mapping": {"users": {"a": "attributes.a"}}},
        "acme",
        "'users'",
    ),
    (
        "mapping-source",
        {"custom_field_mapping": {"jobs": {"a": "attributes.a"}}},
        "acme",
        r"custom_field_mapping\.jobs\.a",
    ),
    ("mapping-no-dot", {"custom_field_mapping": {"candidates": {"a": "city"}}}, "acme", "'city'"),
    (
        "wildcard-key-mismatch",
        {"custom_field_mapping": {"candidates": {"a": "attributes.*"}}},
        "acme",
        "'\\*' key",
    ),
    (
        "star-key-named-path",
        {"custom_field_mapping": {"candidates": {"a_*": "attributes.a"}}},
        "acme",
        "'\\*' key",
    ),
    (
        "candidate-wildcard",
        {"custom_field_mapping": {"candidates": {"*": "candidate.*"}}},
        "acme",
        "candidate.\\*",
    ),
    (
        "mapping-not-object",
        {"custom_field_mapping": {"candidates": ["a"]}},
        "acme",
        "must be an object",
    ),
    ("integration-feed", {"integration_fields": ["feed.city"]}, "acme", r"integration_fields\[0\]"),
    ("rules-not-list", {"outcome_rules": {"outcome": "HIRED"}}, "acme", "must be a list"),
    ("bad-json", {"outcome_rules": "[{"}, "acme", "not valid JSON"),
    (
        "bad-flag",
        {"include_remote_data": "sometimes"},
        "acme",
        "include_remote_data must be true or false",
    ),
]


@pytest.mark.parametrize(
    ("config", "tenant", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_settings_are_rejected_with_a_clear_message(config, tenant, message):
    with pytest.raises(ValueError, match=message):
        MappingSettings.from_config(config, tenant)
