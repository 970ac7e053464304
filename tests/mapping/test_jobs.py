"""Jobs, stub jobs and job postings from XML feed jobs (model §2.1, §2.2)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from paradox_payloads import TENANT, settings

from tap_paradox.feed import FeedJob, iter_feed_jobs
from tap_paradox.ids import hashed_id
from tap_paradox.mapping.jobs import (
    map_feed_job,
    map_job_posting,
    map_stub_job,
    posting_remote_id,
)

CONTRACT_FEED = (Path(__file__).parent / "data" / "contract_feed.xml").read_bytes()
STOCKER, CASHIER = iter_feed_jobs(io.BytesIO(CONTRACT_FEED))
DESCRIPTION = "<p>Restock shelves 10pm-6am.</p><ul><li>Lift 40 lb</li><li>Weekly pay</li></ul>"


def job(**fields: object) -> FeedJob:
    return FeedJob({"referencenumber": "REQ-1", **fields}, 1)


def test_contract_feed_job_maps_to_the_whole_record():
    assert map_feed_job(STOCKER, settings()) == {
        "id": hashed_id(TENANT, "jobs", "REQ-2207"),
        "remote_id": "REQ-2207",
        "name": "Overnight Stocker",
        "job_code": "40917",
        "description": DESCRIPTION,
        "confidential": None,
        "weekly_hours": None,
        "employment_type": "PART_TIME",
        "status": "OPEN",
        "visibility": "PUBLIC",
        "category": "Retail",
        "department": None,
        "post_url": "https://jobs.northwind.example/apply/REQ-2207",
        "experience_level": "None required",
        "remote_work_status": None,
        "salary_amount": 15.0,
        "salary_amount_from": 15.0,
        "salary_amount_to": 18.0,
        "salary_currency": "USD",
        "salary_period": "HOUR",
        "location": {
            "city": "Dallas",
            "country": "US",
            "raw": "2400 McKinney Ave, Dallas, TX, 75201, US",
            "state": "TX",
            "street_1": "2400 McKinney Ave",
            "street_2": None,
            "zip_code": "75201",
        },
        "custom_fields": {
            "company": "Northwind Grocers",
            "salary": "$15.00 - $18.00 per hour",
            "education": "None",
            "district": "North",
        },
        "integration_fields": [],
        "remote_url": None,
        "opened_at": "2025-02-28T17:20:00.000Z",
        "closed_at": None,
        "remote_created_at": "2025-02-28T17:20:00.000Z",
        "remote_updated_at": None,
        "contact_id": None,
        "remote_data": {"job_feed": STOCKER.fields},
    }


def test_minimal_feed_job():
    record = map_feed_job(CASHIER, settings())
    assert record["id"] == hashed_id(TENANT, "jobs", "REQ-2210")
    assert (record["name"], record["job_code"], record["status"]) == ("Cashier", "REQ-2210", "OPEN")
    assert record["location"] is None
    assert record["custom_fields"] == {}
    assert record["salary_amount"] is None
    assert record["opened_at"] is None
    assert record["remote_data"] == {
        "job_feed": {"title": "Cashier", "referencenumber": "REQ-2210"}
    }


def test_job_id_matches_the_model_vector():
    assert (
        map_feed_job(job(referencenumber="  REQ-1001 "), settings())["id"]
        == "ccIIIJBqpaWh215oE713kPaj"
    )


EMPLOYMENT = [
    ("full-time", "Full-Time", "FULL_TIME"),
    ("full time", "full time", "FULL_TIME"),
    ("fulltime", "FULLTIME", "FULL_TIME"),
    ("unified-value", "FULL_TIME", "FULL_TIME"),
    ("part-time", "Part-time", "PART_TIME"),
    ("contract", "Contract", "CONTRACT"),
    ("contractor", "contractor", "CONTRACT"),
    ("seasonal", " Seasonal ", "SEASONAL"),
    ("intern", "Intern", "INTERNSHIP"),
    ("internship", "Internship", "INTERNSHIP"),
    ("unknown-kept", "Per Diem", "Per Diem"),
    ("empty", "", None),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in EMPLOYMENT], ids=[c[0] for c in EMPLOYMENT]
)
def test_employment_type(text, expected):
    assert map_feed_job(job(jobtype=text), settings())["employment_type"] == expected


REMOTE = [
    ("remote", "Remote", "REMOTE"),
    ("fully-remote", "Fully Remote", "REMOTE"),
    ("hybrid", "HYBRID", "HYBRID"),
    ("temporarily-remote", "Temporarily remote", "TEMPORARY"),
    ("on-site", "On-site", "ON_SITE"),
    ("onsite", "onsite", "ON_SITE"),
    ("in-person", "In Person", "ON_SITE"),
    ("unknown-kept", "Remote (US only)", "Remote (US only)"),
    ("empty-cdata", "", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in REMOTE], ids=[c[0] for c in REMOTE])
def test_remote_work_status(text, expected):
    assert map_feed_job(job(remotetype=text), settings())["remote_work_status"] == expected


DATES = [
    ("rfc2822", "Mon, 03 Mar 2025 06:00:00 GMT", "2025-03-03T06:00:00.000Z"),
    ("iso-z", "2025-03-03T06:00:00Z", "2025-03-03T06:00:00.000Z"),
    ("iso-offset", "2025-03-03T08:00:00+02:00", "2025-03-03T06:00:00.000Z"),
    ("naive", "2025-03-03 06:00:00", "2025-03-03T06:00:00.000Z"),
    ("plain-date", "2025-03-03", "2025-03-03T00:00:00.000Z"),
    ("junk-kept-in-remote-data", "last week", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_dates(text, expected):
    record = map_feed_job(job(date=text), settings())
    assert record["opened_at"] == record["remote_created_at"] == expected
    assert record["remote_data"]["job_feed"]["date"] == text


def test_repeated_elements():
    record = map_feed_job(
        job(title=["First", "Second"], district=["North", "", "East"]), settings()
    )
    assert record["name"] == "First"
    assert record["custom_fields"]["district"] == "North; East"
    assert record["remote_data"]["job_feed"]["district"] == ["North", "", "East"]


def test_empty_custom_element_is_present_and_null():
    assert map_feed_job(job(district=""), settings())["custom_fields"] == {"district": None}


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ({"brand": "feed.company", "missing": "feed.nothing"}, {"brand": "Northwind Grocers"}),
        (
            {"feed_*": "feed.*"},
            {
                "feed_company": "Northwind Grocers",
                "feed_salary": "$15.00 - $18.00 per hour",
                "feed_education": "None",
                "feed_district": "North",
            },
        ),
        (
            {"*": "feed.*", "district": "feed.city"},
            {
                "company": "Northwind Grocers",
                "salary": "$15.00 - $18.00 per hour",
                "education": "None",
                "district": "Dallas",
            },
        ),
    ],
    ids=["named", "prefixed-wildcard", "named-beats-wildcard"],
)
def test_custom_field_mapping(mapping, expected):
    config = settings(custom_field_mapping={"jobs": mapping})
    assert map_feed_job(STOCKER, config)["custom_fields"] == expected


def test_location_country_name_becomes_alpha_2():
    record = map_feed_job(job(city="Toronto", country="Canada"), settings())
    assert record["location"]["country"] == "CA"
    assert record["location"]["raw"] == "Toronto, Canada"


def test_salary_settings_apply():
    config = settings(salary_range_amount="high", default_currency="CAD")
    record = map_feed_job(job(salary="$15 - $18 per hour"), config)
    assert (record["salary_amount"], record["salary_currency"]) == (18, "CAD")


def test_remote_data_off():
    assert map_feed_job(STOCKER, settings(include_remote_data=False))["remote_data"] is None
    assert (
        map_job_posting(STOCKER, "REQ-2207", settings(include_remote_data=False))["remote_data"]
        is None
    )


@pytest.mark.parametrize("reference", [None, "", "   "], ids=["absent", "empty", "blank"])
def test_job_without_reference_is_an_error(reference):
    with pytest.raises(ValueError, match="referencenumber"):
        map_feed_job(
            FeedJob(
                {"title": "x", "referencenumber": reference}
                if reference is not None
                else {"title": "x"}
            ),
            settings(),
        )


def test_stub_job_carries_only_its_id():
    record = map_stub_job(" REQ-1001 ", settings())
    assert record == {
        **dict.fromkeys(map_feed_job(CASHIER, settings())),
        **{
            "id": "ccIIIJBqpaWh215oE713kPaj",
            "remote_id": "REQ-1001",
            "custom_fields": {},
            "integration_fields": [],
        },
    }


@pytest.mark.parametrize("job_req_id", ["", "  ", None], ids=["empty", "blank", "null"])
def test_stub_without_id_is_an_error(job_req_id):
    with pytest.raises(ValueError, match="job_req_id"):
        map_stub_job(job_req_id, settings())


def test_job_posting_whole_record_matches_the_model_vector():
    posting = FeedJob({**STOCKER.fields, "referencenumber": "REQ-1001"}, 1)
    assert map_job_posting(posting, "REQ-1001", settings()) == {
        "id": "bVZZmVzdsuzzxR4KthsBU3JN",
        "remote_id": "REQ-1001",
        "title": "Overnight Stocker",
        "description_html": DESCRIPTION,
        "status": "ACTIVE",
        "visibility": "PUBLIC",
        "url": "https://jobs.northwind.example/apply/REQ-2207",
        "job_id": "ccIIIJBqpaWh215oE713kPaj",
        "remote_created_at": "2025-02-28T17:20:00.000Z",
        "remote_data": {"job_feed": posting.fields},
    }


def test_repeated_posting_gets_a_numbered_remote_id_and_the_same_job():
    first = map_job_posting(CASHIER, posting_remote_id("REQ-2210", 1), settings())
    second = map_job_posting(CASHIER, posting_remote_id("REQ-2210", 2), settings())
    assert (first["remote_id"], second["remote_id"]) == ("REQ-2210", "REQ-2210#2")
    assert first["id"] != second["id"]
    assert first["job_id"] == second["job_id"] == hashed_id(TENANT, "jobs", "REQ-2210")


def test_blank_description_is_null_and_html_is_kept_verbatim():
    assert map_feed_job(job(description="  "), settings())["description"] is None
    assert map_feed_job(job(description=" <b>x</b> "), settings())["description"] == " <b>x</b> "
