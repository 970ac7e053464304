"""Custom field explorer over sampled rows and feed jobs (model §7 ``paradox-admin fields``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from paradox_payloads import ANA_ROW, LEE_ROW, row, settings

from tap_paradox.feed import FeedJob, iter_feed_jobs
from tap_paradox.mapping.field_explorer import (
    DISTINCT_CAP,
    FieldReport,
    combined_type,
    explore_fields,
    value_type,
)

FEED_JOBS = list(
    iter_feed_jobs(io.BytesIO((Path(__file__).parent / "data" / "contract_feed.xml").read_bytes()))
)


def with_attributes(**attributes: object) -> dict:
    payload = row()
    payload["attributes"] = attributes
    return payload


def by_path(reports: list[FieldReport]) -> dict[str, FieldReport]:
    return {report.path: report for report in reports}


def test_contract_samples_give_whole_reports():
    reports = by_path(explore_fields([ANA_ROW, LEE_ROW], FEED_JOBS, settings()))
    assert sorted(reports) == [
        "attributes.__birthdate",
        "attributes.shift_preference",
        "feed.company",
        "feed.district",
        "feed.education",
        "feed.salary",
    ]
    assert reports["attributes.shift_preference"] == FieldReport(
        key="shift_preference",
        source="attributes",
        inferred_type="string",
        fill_rate=0.5,
        filled=1,
        sampled=2,
        distinct=1,
        distinct_capped=False,
        examples=("evenings",),
        default_mapped=True,
        unified_keys=(
            "candidates.custom_fields.shift_preference",
            "candidates.integration_fields.shift_preference",
        ),
    )
    assert reports["attributes.__birthdate"].inferred_type == "date"
    district = reports["feed.district"]
    assert (district.fill_rate, district.sampled, district.unified_keys) == (
        0.5,
        2,
        ("jobs.custom_fields.district",),
    )


TYPES = [
    ("string", "evenings", "string"),
    ("integer", "42", "number"),
    ("decimal", "-3.5", "number"),
    ("leading-zero-code", "02134", "string"),
    ("zero", "0", "number"),
    ("boolean-word", "Yes", "boolean"),
    ("boolean-true", "true", "boolean"),
    ("date", "1999-04-02", "date"),
    ("impossible-date", "1999-02-30", "string"),
    ("date-time", "2025-03-01T09:15:00Z", "date-time"),
    ("rfc2822", "Mon, 03 Mar 2025 06:00:00 GMT", "date-time"),
    ("email", "ana@example.com", "email"),
    ("url", "https://example.com/x?y=1", "url"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TYPES], ids=[c[0] for c in TYPES])
def test_value_type(text, expected):
    assert value_type(text) == expected


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ({"number"}, "number"),
        ({"date", "date-time"}, "date-time"),
        ({"number", "string"}, "string"),
        ({"email", "url"}, "string"),
    ],
    ids=["one", "dates-widen", "mixed", "mixed-special"],
)
def test_combined_type(types, expected):
    assert combined_type(types) == expected


def test_fill_rate_counts_empty_and_null_as_unfilled():
    rows = [
        with_attributes(score="87"),
        with_attributes(score=""),
        with_attributes(score=None),
        with_attributes(),
    ]
    [report] = explore_fields(rows)
    assert (report.filled, report.sampled, report.fill_rate, report.inferred_type) == (
        1,
        4,
        0.25,
        "number",
    )


def test_all_empty_key_is_reported_as_string():
    [report] = explore_fields([with_attributes(notes="")])
    assert (report.fill_rate, report.inferred_type, report.examples) == (0.0, "string", ())


def test_examples_are_distinct_at_most_three_and_short():
    values = ["a", "a", "b", " c ", "x" * 60, "d"]
    [report] = explore_fields([with_attributes(k=value) for value in values])
    assert report.examples == ("a", "b", "c")
    assert report.distinct == 5
    [long_report] = explore_fields([with_attributes(k="word " * 20)])
    assert len(long_report.examples[0]) == 40
    assert long_report.examples[0].endswith("\u2026")


def test_no_examples_flag():
    [report] = explore_fields([with_attributes(k="secret")], include_examples=False)
    assert report.examples == ()
    assert report.distinct == 1


def test_distinct_count_is_capped():
    rows = [with_attributes(k=str(n)) for n in range(DISTINCT_CAP + 5)]
    [report] = explore_fields(rows)
    assert (report.distinct, report.distinct_capped) == (DISTINCT_CAP, True)


def test_repeated_feed_elements_count_once_per_job():
    jobs = [
        FeedJob({"referencenumber": "R1", "tag": ["a", "b"]}),
        FeedJob({"referencenumber": "R2", "tag": ["", ""]}),
    ]
    [report] = explore_fields([], jobs)
    assert (report.filled, report.sampled, report.distinct, report.examples) == (
        1,
        2,
        2,
        ("a", "b"),
    )


def test_consumed_feed_elements_are_not_reported():
    jobs = [FeedJob({"referencenumber": "R1", "title": "T", "city": "Dallas", "jobtype": "x"})]
    assert explore_fields([], jobs) == []


def test_custom_mapping_changes_the_unified_keys_not_the_default_flag():
    config = settings(
        custom_field_mapping={
            "candidates": {"attr_*": "attributes.*", "shift": "attributes.shift_preference"},
            "applications": {"birth": "attributes.__birthdate"},
            "jobs": {"brand": "feed.company"},
        },
        integration_fields=("candidate.ex_id",),
    )
    reports = by_path(explore_fields([ANA_ROW], FEED_JOBS, config))
    assert reports["attributes.shift_preference"].unified_keys == (
        "candidates.custom_fields.attr_shift_preference",
        "candidates.custom_fields.shift",
    )
    assert reports["attributes.__birthdate"].unified_keys == (
        "candidates.custom_fields.attr___birthdate",
        "applications.custom_fields.birth",
    )
    assert reports["feed.company"].unified_keys == ("jobs.custom_fields.brand",)
    assert reports["feed.district"].unified_keys == ()
    assert reports["feed.district"].default_mapped is True


def test_named_entry_shadows_the_wildcard_with_the_same_key():
    config = settings(
        custom_field_mapping={"candidates": {"*": "attributes.*", "city": "candidate.job_loc_code"}}
    )
    reports = by_path(explore_fields([with_attributes(city="Dallas")], settings=config))
    assert "candidates.custom_fields.city" not in reports["attributes.city"].unified_keys


def test_as_dict_is_json_ready():
    [report] = explore_fields([with_attributes(k="v")])
    data = report.as_dict()
    assert data["path"] == "attributes.k"
    assert data["examples"] == ["v"]
    assert data["unified_keys"] == ["candidates.custom_fields.k", "candidates.integration_fields.k"]
    assert json.loads(json.dumps(data)) == data


def test_rows_without_attributes_still_count_as_sampled():
    reports = explore_fields([with_attributes(k="v"), {"candidate": {"OID": 1}}])
    assert reports[0].sampled == 2
