"""Contract §4.7, §4.8, §6 and the gateway rows of §2: users, locations, feed, wrong paths."""

from __future__ import annotations

import gzip
import io

import pytest
import requests
from lxml import etree
from sandbox_http import error_fields


def test_users_pages_by_page_number_on_both_paths(api, sandbox):
    first = api.get("/users/", limit=10, page=1).json()
    assert (first["limit"], first["count"], first["page"]) == (10, 25, 1)
    third = api.get("/users", limit=10, page=3).json()
    assert len(third["users"]) == 5
    everything = api.get("/users/").json()
    assert [u["OID"] for u in everything["users"]] == [
        u["OID"]
        for page in (1, 2, 3)
        for u in api.get("/users/", limit=10, page=page).json()["users"]
    ]
    assert api.get("/users/", limit=10, page=4).json()["users"] == []


def test_users_filter_by_location(api):
    location = api.get("/company/locations").json()["locations"][0]["OID"]
    body = api.get("/users/", location_id=location).json()
    assert 0 < body["count"] < 25
    assert all(location in user["location_ids"] for user in body["users"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 51}, "limit"),
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
    ],
)
def test_users_paging_bounds(api, params, field):
    assert error_fields(api.get("/users/", **params)) == [field]


def test_locations_are_the_whole_list_with_job_loc_codes(api, sandbox):
    body = api.get("/company/locations").json()
    assert set(body) == {"locations"}
    assert len(body["locations"]) == 5
    codes = {loc["job_loc_code"] for loc in body["locations"]}
    rows = api.all_rows()
    assert {r["candidate"].get("job_loc_code") for r in rows} - {None, ""} <= codes
    assert all("district" in loc["custom_locations_attributes"] for loc in body["locations"])


def _parse_feed(content: bytes) -> list[etree._Element]:
    if content[:2] == b"\x1f\x8b":
        content = gzip.decompress(content)
    return list(etree.iterparse(io.BytesIO(content), tag="job"))


def test_feed_plain_and_gzip_carry_the_same_jobs(sandbox):
    plain = requests.get(sandbox.feed_url, timeout=10)
    packed = requests.get(sandbox.feed_gzip_url, timeout=10)
    encoded = requests.get(sandbox.feed_encoded_url, timeout=10, stream=True)
    assert plain.content[:5] == b"<?xml"
    assert sandbox.feed_gzip_url.endswith(".gz")
    assert packed.content[:2] == b"\x1f\x8b"
    assert encoded.headers["Content-Encoding"] == "gzip"
    assert encoded.raw.read(2) == b"\x1f\x8b"
    assert gzip.decompress(packed.content) == plain.content
    refs = [job.findtext("referencenumber") for _, job in _parse_feed(plain.content)]
    assert [r.strip() for r in refs if r is not None] == sandbox.store.feed_job_ids()
    assert None in refs  # one job lacks its referencenumber and must be skipped by clients
    assert any(r != r.strip() for r in refs if r)  # padded ids: joined after trimming


def test_feed_content_shapes(sandbox):
    content = requests.get(sandbox.feed_url, timeout=10).content
    assert b"<![CDATA[" in content and b"&lt;p&gt;" in content
    jobs = [job for _, job in _parse_feed(content) if job.findtext("referencenumber")]
    salaries = {job.findtext("salary") for job in jobs}
    assert {"$15.00 - $18.00 per hour", "EUR 2,100 per month", ""} <= salaries
    assert any(job.find("salary") is None for job in jobs)
    assert all(job.findtext("district") for job in jobs)
    assert any(job.findtext("date", "").endswith(" GMT") for job in jobs)
    root = etree.fromstring(content)
    assert root.findtext("lastBuildDate") == "Mon, 03 Mar 2025 06:00:00 GMT"


def test_removed_feed_job_leaves_the_next_snapshot(sandbox):
    gone = sandbox.store.feed_job_ids()[0]
    sandbox.store.remove_feed_job(gone)
    content = requests.get(sandbox.feed_gzip_url, timeout=10).content
    refs = {(job.findtext("referencenumber") or "").strip() for _, job in _parse_feed(content)}
    assert gone not in refs
    assert gone not in sandbox.store.feed_job_ids()


def test_feed_needs_its_secret_url(sandbox):
    assert requests.get(f"{sandbox.api_url}/feeds/guess/jobs.xml", timeout=10).status_code == 404


def test_wrong_base_path_answers_403_missing_authentication_token(sandbox):
    for path in ("/api/v1/candidates", "/candidates", "/api/v2/public/candidates"):
        response = requests.get(sandbox.api_url + path, timeout=10)
        assert response.status_code == 403, path
        assert response.json() == {"message": "Missing Authentication Token"}


def test_unmapped_path_under_the_base_answers_plain_404(api):
    response = api.get("/jobs")
    assert response.status_code == 404
    assert response.text == "404"
    assert response.headers["Content-Type"].startswith("text/plain")


def test_method_the_resource_lacks_answers_403(api):
    response = api.request("PATCH", "/candidates")
    assert response.status_code == 403
    assert response.json() == {"message": "Missing Authentication Token"}
