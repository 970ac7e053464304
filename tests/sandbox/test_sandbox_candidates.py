"""Contract §4.2 to §4.5: single GET, create, update, delete over HTTP."""

from __future__ import annotations

import base64

import pytest
from sandbox_http import error_fields

VALID = {"name": "Sam Ortiz", "email": "sam.ortiz@example.com"}


def _create(api, **fields) -> dict:
    response = api.request("POST", "/candidates", json={**VALID, **fields})
    assert response.status_code == 200, response.text
    return response.json()


# ----- GET /candidates/{ID} --------------------------------------------------------------
def test_get_by_oid_external_oid_and_ex_id_return_one_row_with_note_and_attributes(api):
    row = api.page(limit=1)["candidates"][0]["candidate"]
    for ident in (row["OID"], row["external_oid"], row["ex_id"]):
        response = api.get(f"/candidates/{ident}")
        assert response.status_code == 200, ident
        body = response.json()
        assert body["candidate"]["OID"] == row["OID"]
        assert {"candidate", "stage", "note", "attributes"} <= set(body)
    with_conversation = api.get(f"/candidates/{row['OID']}", conversation="true").json()
    assert isinstance(with_conversation["conversation"], list)


def test_shared_ex_id_resolves_to_the_lowest_oid(api, sandbox):
    first = sandbox.store.candidate_oids()[0]
    ex_id = sandbox.store.get_row(first)["candidate"]["ex_id"]
    twin = _create(api, ex_id=ex_id)["candidate"]["OID"]
    assert twin > first
    assert api.get(f"/candidates/{ex_id}").json()["candidate"]["OID"] == first


@pytest.mark.parametrize("ident", ["999999999", "no-such-id", "0"])
def test_unknown_id_answers_400_code_1004_field_id(api, ident):
    response = api.get(f"/candidates/{ident}")
    assert response.json() == {
        "errors": [{"code": 1004, "message": "Candidate not found.", "field": "ID"}]
    }
    assert response.status_code == 400


# ----- POST /candidates --------------------------------------------------------------------
def test_create_answers_200_with_success_and_applies_defaults(api, sandbox):
    body = _create(api, phone="+14695550142", job_req_id=sandbox.store.feed_job_ids()[0])
    assert body["success"] is True
    cand = body["candidate"]
    first_status = sandbox.store.journeys["Store Hourly"][0]
    assert cand["candidate_journey"] == "Store Hourly"
    assert cand["candidate_journey_status"] == first_status
    assert body["stage"] == dict(zip(("name", "status"), first_status.split(": ", 1), strict=True))
    assert (cand["phone_number"], cand["formatted_number"]) == ("4695550142", "+14695550142")
    assert cand["OID"] in sandbox.store.candidate_oids()
    assert api.page()["count"] == 301


def test_create_does_not_deduplicate(api):
    first = _create(api)["candidate"]["OID"]
    second = _create(api)["candidate"]["OID"]
    assert first != second
    assert api.page(email=VALID["email"])["count"] == 2


def test_create_with_parts_journey_status_attributes_and_note(api, sandbox):
    journey = "Warehouse Fast Track"
    status = sandbox.store.journeys[journey][2]
    body = {
        "first_name": "Zoë",
        "last_name": "Müller",
        "phone": "4695550199",
        "candidate_journey": journey,
        "candidate_journey_status": status,
        "candidate_attribute_data": {"current_title": "Cashier"},
        "note": "hello",
    }
    oid = api.request("POST", "/candidates", json=body).json()["candidate"]["OID"]
    row = api.get(f"/candidates/{oid}").json()
    assert row["candidate"]["name"] == "Zoë Müller"
    assert row["candidate"]["candidate_journey_status"] == status
    assert row["attributes"] == {"current_title": "Cashier"}
    assert row["note"] == "hello"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "a@example.com"}, ["name"]),
        ({"first_name": "Ana", "email": "a@example.com"}, ["name"]),
        ({"name": "x" * 51, "email": "a@example.com"}, ["name"]),
        ({"first_name": "a" * 30, "last_name": "b" * 21, "email": "a@example.com"}, ["name"]),
        ({"name": "Ana"}, ["email"]),
        ({"name": "Ana", "email": "", "phone": ""}, ["email"]),
        ({"name": "Ana", "email": "a" * 51}, ["email"]),
        ({"name": "Ana", "phone": "1" * 21}, ["phone"]),
        ({**VALID, "job_loc_code": "X" * 21}, ["job_loc_code"]),
        ({**VALID, "ex_id": 12}, ["ex_id"]),
        ({**VALID, "primary_contact_method": 6}, ["primary_contact_method"]),
        ({**VALID, "candidate_journey": "Nope"}, ["candidate_journey"]),
        ({**VALID, "candidate_journey_status": "Offer: Extended"}, ["candidate_journey_status"]),
        ({**VALID, "candidate_attribute_data": ["x"]}, ["candidate_attribute_data"]),
        ({**VALID, "candidate_attribute_data": {"k": 1}}, ["candidate_attribute_data"]),
        ({**VALID, "candidate_attribute_data": {"k": "v" * 256}}, ["candidate_attribute_data"]),
        ({**VALID, "resume": "not base64!", "resume_file_name": "cv.pdf"}, ["resume"]),
        ({**VALID, "resume": "aGVsbG8=", "resume_file_name": "cv.exe"}, ["resume"]),
        ({**VALID, "hired_date": "someday"}, ["hired_date"]),
        ({**VALID, "referrer_name": "r" * 51}, ["referrer_name"]),
    ],
)
def test_create_validation_names_the_field_and_writes_nothing(api, body, fields):
    response = api.request("POST", "/candidates", json=body)
    assert error_fields(response) == fields
    assert api.page()["count"] == 300


def test_create_body_not_an_object_answers_field_empty(api):
    for raw in ("[1, 2]", "not json", '"text"'):
        response = api.request(
            "POST", "/candidates", data=raw, headers={"Content-Type": "application/json"}
        )
        assert error_fields(response) == [""]


def test_resume_over_ten_megabytes_is_refused(api):
    content = base64.b64encode(b"x" * (10 * 1024 * 1024 + 1)).decode()
    response = api.request(
        "POST", "/candidates", json={**VALID, "resume": content, "resume_file_name": "cv.txt"}
    )
    assert error_fields(response) == ["resume"]


def test_resume_is_stored_and_served_at_resume_url(api):
    content = b"%PDF-1.4 sandbox"
    body = _create(api, resume=base64.b64encode(content).decode(), resume_file_name="cv.pdf")
    url = body["candidate"]["resume_url"]
    assert url.endswith("/cv.pdf")
    assert api.session.get(url, timeout=10).content == content


# ----- PUT /candidates/{ID} -------------------------------------------------------------------
def test_put_writes_present_keys_ignores_null_and_bumps_updated_at(api, sandbox):
    oid = sandbox.store.candidate_oids()[3]
    before = api.get(f"/candidates/{oid}").json()
    response = api.request(
        "PUT", f"/candidates/{oid}", json={"job_title": "Night Lead", "email": None, "status": "3"}
    )
    assert response.status_code == 200
    assert set(response.json()) == {"candidate", "stage"}
    after = api.get(f"/candidates/{oid}").json()["candidate"]
    assert after["job_title"] == "Night Lead"
    assert after["status"] == 3
    assert after["email"] == before["candidate"].get("email")
    assert after["updated_at"] != before["candidate"]["updated_at"]
    assert api.page(start_date=after["updated_at"][:10])["count"] >= 1


def test_put_note_overwrites(api, sandbox):
    oid = sandbox.store.candidate_oids()[4]
    api.request("PUT", f"/candidates/{oid}", json={"note": "first"})
    api.request("PUT", f"/candidates/{oid}", json={"note": "second"})
    assert api.get(f"/candidates/{oid}").json()["note"] == "second"


def test_put_stage_move_is_validated_in_the_resulting_journey(api, sandbox):
    oid = _create(api)["candidate"]["OID"]
    moved = api.request(
        "PUT", f"/candidates/{oid}", json={"candidate_journey_status": "Interview: Scheduled"}
    )
    assert moved.json()["stage"] == {"name": "Interview", "status": "Scheduled"}
    wrong = api.request(
        "PUT", f"/candidates/{oid}", json={"candidate_journey_status": "Assessment: Passed"}
    )
    assert error_fields(wrong) == ["candidate_journey_status"]
    journey_only = api.request(
        "PUT", f"/candidates/{oid}", json={"candidate_journey": "Warehouse Fast Track"}
    )
    assert error_fields(journey_only) == ["candidate_journey_status"]
    both = api.request(
        "PUT",
        f"/candidates/{oid}",
        json={
            "candidate_journey": "Warehouse Fast Track",
            "candidate_journey_status": "Assessment: Passed",
        },
    )
    assert both.status_code == 200
    assert api.page(candidate_journey_status="Assessment: Passed", email=VALID["email"])["count"]


def test_put_refusals_and_unknown_id(api, sandbox):
    oid = sandbox.store.candidate_oids()[0]
    assert error_fields(api.request("PUT", f"/candidates/{oid}", json={"status": 9})) == ["status"]
    assert error_fields(api.request("PUT", f"/candidates/{oid}", json=[1])) == [""]
    missing = api.request("PUT", "/candidates/123", json={"note": "x"})
    assert missing.json()["errors"][0] == {
        "code": 1004,
        "message": "Candidate not found.",
        "field": "ID",
    }


# ----- DELETE /candidates/{ID} ---------------------------------------------------------------
def test_delete_removes_the_record_and_later_offsets_shift(api, sandbox):
    oids = sandbox.store.candidate_oids()
    victim = oids[10]
    assert api.request("DELETE", f"/candidates/{victim}").json() == {"success": True}
    body = api.page(limit=5, offset=10)
    assert body["count"] == 299
    assert body["candidates"][0]["candidate"]["OID"] == oids[11]
    assert error_fields(api.get(f"/candidates/{victim}")) == ["ID"]
    again = api.request("DELETE", f"/candidates/{victim}")
    assert again.json()["errors"][0]["code"] == 1004
