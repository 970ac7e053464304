"""Contract §4.1 filters: timestamp forms, plain-date bounds, exact matches, AND."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sandbox_http import error_fields


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:  # the naive form is UTC
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


@pytest.fixture
def rows(api):
    return api.all_rows(include_attributes="Yes")


def _updated(row: dict) -> datetime:
    return _utc(row["candidate"]["updated_at"])


def test_start_date_keeps_updated_at_at_or_after_in_every_accepted_form(api, rows):
    pivot = sorted(_updated(r) for r in rows)[150]
    local = pivot.astimezone(timezone(timedelta(hours=2)))
    forms = [
        pivot.strftime("%Y-%m-%dT%H:%M:%SZ"),
        local.strftime("%Y-%m-%dT%H:%M:%S+02:00"),
        pivot.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        local.strftime("%Y-%m-%dT%H:%M:%S.0+02:00"),
    ]
    expected = {r["candidate"]["OID"] for r in rows if _updated(r) >= pivot.replace(microsecond=0)}
    for form in forms:
        got = {r["candidate"]["OID"] for r in api.all_rows(start_date=form)}
        assert got == expected, form
        assert api.page(start_date=form)["count"] == len(expected)


def test_end_date_is_inclusive(api, rows):
    whole_seconds = sorted(_updated(r) for r in rows if _updated(r).microsecond == 0)
    pivot = whole_seconds[len(whole_seconds) // 3]
    expected = {r["candidate"]["OID"] for r in rows if _updated(r) <= pivot}
    got = {r["candidate"]["OID"] for r in api.all_rows(end_date=pivot.isoformat())}
    assert got == expected
    assert any(_updated(r) == pivot for r in rows if r["candidate"]["OID"] in got)


def test_plain_dates_are_day_start_for_start_and_whole_day_for_end(api, rows):
    day = sorted(_updated(r) for r in rows)[120].date()
    on_day = {r["candidate"]["OID"] for r in rows if _updated(r).date() == day}
    assert on_day
    got = {r["candidate"]["OID"] for r in api.all_rows(start_date=str(day), end_date=str(day))}
    assert got == on_day


def test_created_start_date_filters_created_at(api, rows):
    created = sorted(_utc(r["candidate"]["created_at"]) for r in rows)
    pivot = created[200].replace(microsecond=0)
    expected = {r["candidate"]["OID"] for r in rows if _utc(r["candidate"]["created_at"]) >= pivot}
    got = {r["candidate"]["OID"] for r in api.all_rows(created_start_date=pivot.isoformat())}
    assert got == expected


def test_start_after_end_answers_200_with_an_empty_list(api):
    body = api.page(start_date="2025-03-02", end_date="2025-03-01")
    assert body["candidates"] == [] and body["count"] == 0


@pytest.mark.parametrize("name", ["start_date", "end_date", "created_start_date"])
@pytest.mark.parametrize("value", ["yesterday", "2025-13-01", "2025-03-01T25:00:00Z", "03/01/2025"])
def test_unparsable_timestamp_answers_400_naming_the_param(api, name, value):
    assert error_fields(api.get("/candidates", **{name: value})) == [name]


def test_exact_match_filters(api, rows):
    sample = next(
        r["candidate"]
        for r in rows
        if r["candidate"].get("email")
        and r["candidate"].get("ex_id")
        and r["candidate"].get("candidate_journey_status")
    )
    for param in ("email", "job_req_id", "ex_id", "candidate_journey_status"):
        value = sample[param]
        expected = {r["candidate"]["OID"] for r in rows if r["candidate"].get(param) == value}
        got = {r["candidate"]["OID"] for r in api.all_rows(**{param: value})}
        assert got == expected and sample["OID"] in got, param
    assert api.page(email=sample["email"].upper())["count"] == 0  # exact, not case-folded


def test_location_id_and_status_match_the_integer_even_when_served_as_strings(api, rows):
    for param in ("location_id", "status"):
        values = {int(r["candidate"][param]) for r in rows if r["candidate"].get(param)}
        value = sorted(values)[0]
        expected = {
            r["candidate"]["OID"]
            for r in rows
            if r["candidate"].get(param) not in (None, "") and int(r["candidate"][param]) == value
        }
        assert {r["candidate"]["OID"] for r in api.all_rows(**{param: value})} == expected


def test_filters_combine_with_and(api, rows):
    sample = rows[10]["candidate"]
    status = int(sample["status"])
    expected = {
        r["candidate"]["OID"]
        for r in rows
        if r["candidate"].get("job_req_id") == sample["job_req_id"]
        and int(r["candidate"]["status"] or 0) == status
    }
    got = {
        r["candidate"]["OID"] for r in api.all_rows(job_req_id=sample["job_req_id"], status=status)
    }
    assert got == expected


def test_ignore_date_filters_fault_serves_everything(api, sandbox):
    sandbox.set_faults(ignore_date_filters=True)
    assert api.page(start_date="2099-01-01")["count"] == 300
    sandbox.set_faults()
    assert api.page(start_date="2099-01-01")["count"] == 0
