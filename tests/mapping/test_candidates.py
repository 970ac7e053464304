"""Candidates from GET /candidates rows (model §2.3), over the contract's payload shapes."""

from __future__ import annotations

import pytest
from paradox_payloads import ANA_ROW, LEE_ROW, TENANT, row, settings

from tap_paradox.ids import hashed_id, integration_field_remote_key, record_id
from tap_paradox.mapping.candidates import map_candidate
from tap_paradox.mapping.coerce import InvalidRowError


def integration_field(field_type: str, key: str, value: object) -> dict:
    remote_key = integration_field_remote_key(field_type, key)
    return {
        "id": hashed_id(TENANT, "integration_fields", remote_key),
        "key": key,
        "type": field_type,
        "value": value,
        "label": None,
    }


def test_contract_example_row_maps_to_the_whole_record():
    assert map_candidate(ANA_ROW, settings()) == {
        "id": record_id(TENANT, "candidates", 481516),
        "remote_id": "481516",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "company": None,
        "title": "Overnight Stocker",
        "confidential": None,
        "source": "SMS",
        "phone_numbers": [{"phone_number": "+14695550142", "type": None}],
        "email_addresses": [{"email_address": "ana.ruiz@example.com", "type": None}],
        "social_media": None,
        "location": None,
        "custom_fields": {"shift_preference": "evenings", "__birthdate": "1999-04-02"},
        "integration_fields": [
            integration_field("DEFAULT", "ex_id", "ATS-3301"),
            integration_field("DEFAULT", "external_oid", "Zk9vQ2xE"),
            integration_field("CUSTOM", "__birthdate", "1999-04-02"),
            integration_field("CUSTOM", "shift_preference", "evenings"),
        ],
        "remote_url": None,
        "remote_created_at": "2025-02-27T14:02:11.000Z",
        "remote_updated_at": "2025-03-01T09:15:00.250Z",
        "remote_data": {"/candidates": ANA_ROW},
    }


def test_sparse_contract_row_maps_to_the_whole_record():
    assert map_candidate(LEE_ROW, settings()) == {
        "id": record_id(TENANT, "candidates", 481519),
        "remote_id": "481519",
        "first_name": "Lee",
        "last_name": "Chan",
        "company": None,
        "title": None,
        "confidential": None,
        "source": None,
        "phone_numbers": [],
        "email_addresses": [],
        "social_media": None,
        "location": None,
        "custom_fields": {},
        "integration_fields": [],
        "remote_url": None,
        "remote_created_at": None,
        "remote_updated_at": "2025-03-01T09:00:00.000Z",
        "remote_data": {"/candidates": LEE_ROW},
    }


NAMES = [
    (
        "explicit-parts-win",
        {"first_name": "Ana", "last_name": "Ruiz", "name": "X Y"},
        "Ana",
        "Ruiz",
    ),
    ("two-words", {"name": "Ana Ruiz"}, "Ana", "Ruiz"),
    ("one-word", {"name": "Cher"}, "Cher", None),
    ("many-words", {"name": "Ana María Ruiz Díaz"}, "Ana", "María Ruiz Díaz"),
    ("extra-whitespace", {"name": "  Ana \t  Ruiz   Díaz "}, "Ana", "Ruiz Díaz"),
    ("ideographic-space", {"name": "山田\u3000太郎"}, "山田", "太郎"),
    ("cjk-no-space", {"name": "李小龙"}, "李小龙", None),
    ("arabic", {"name": "محمد علي"}, "محمد", "علي"),
    ("cyrillic", {"name": "Иван Петров"}, "Иван", "Петров"),
    ("empty-first-name-falls-back", {"first_name": "", "name": "Ana Ruiz"}, "Ana", "Ruiz"),
    ("null-last-name-falls-back", {"last_name": None, "name": "Ana Ruiz"}, "Ana", "Ruiz"),
    ("first-name-only", {"first_name": "Ana", "name": ...}, "Ana", None),
    ("nothing", {"name": ...}, None, None),
    ("blank-name", {"name": "   "}, None, None),
    ("null-name", {"name": None}, None, None),
]


@pytest.mark.parametrize(
    ("candidate", "first", "last"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES]
)
def test_names(candidate, first, last):
    record = map_candidate(row(**candidate), settings())
    assert (record["first_name"], record["last_name"]) == (first, last)


TITLES = [
    ("attribute-wins", {"current_title": "Shift Lead"}, {}, "current_title", "Shift Lead"),
    ("empty-attribute-falls-back", {"current_title": ""}, {}, "current_title", "Overnight Stocker"),
    ("no-attribute", {}, {}, "current_title", "Overnight Stocker"),
    ("custom-title-attribute", {"role": "Cashier"}, {}, "role", "Cashier"),
    ("nothing", {}, {"job_title": None}, "current_title", None),
]


@pytest.mark.parametrize(
    ("attributes", "candidate", "title_attribute", "expected"),
    [c[1:] for c in TITLES],
    ids=[c[0] for c in TITLES],
)
def test_title(attributes, candidate, title_attribute, expected):
    payload = row(**candidate)
    payload["attributes"] = attributes
    record = map_candidate(payload, settings(title_attribute=title_attribute))
    assert record["title"] == expected


SOURCES = [
    ("external-id-wins", {"external_source_id": "Indeed", "source": 1}, "Indeed"),
    ("blank-external-id", {"external_source_id": "  ", "source": 3}, "RECRUITER_PAGE"),
    ("label", {"source": 6}, "WIT_WIDGET"),
    ("numeric-string", {"source": "2"}, "WIDGET"),
    ("unknown-integer", {"source": 9}, "9"),
    ("null", {"source": None}, None),
    ("absent", {"source": ...}, None),
    ("boolean-is-not-a-number", {"source": True}, None),
]


@pytest.mark.parametrize(
    ("candidate", "expected"), [c[1:] for c in SOURCES], ids=[c[0] for c in SOURCES]
)
def test_source(candidate, expected):
    assert map_candidate(row(**candidate), settings())["source"] == expected


PHONES = [
    ("formatted-preferred", {}, "+14695550142"),
    ("empty-formatted", {"formatted_number": ""}, "4695550142"),
    ("null-formatted", {"formatted_number": None}, "4695550142"),
    ("number-as-int", {"formatted_number": ..., "phone_number": 4695550142}, "4695550142"),
    ("both-empty", {"formatted_number": "", "phone_number": None}, None),
    ("both-absent", {"formatted_number": ..., "phone_number": ...}, None),
]


@pytest.mark.parametrize(
    ("candidate", "expected"), [c[1:] for c in PHONES], ids=[c[0] for c in PHONES]
)
def test_phone_numbers(candidate, expected):
    phones = map_candidate(row(**candidate), settings())["phone_numbers"]
    assert phones == ([{"phone_number": expected, "type": None}] if expected else [])


EMAILS = [
    ("valid", "ana.ruiz@example.com", "ana.ruiz@example.com"),
    ("trimmed", "  ana@example.co.uk ", "ana@example.co.uk"),
    ("plus-address", "ana+jobs@example.com", "ana+jobs@example.com"),
    ("null", None, None),
    ("empty", "", None),
    ("placeholder", "n/a", None),
    ("no-domain", "ana@", None),
    ("no-dot", "ana@example", None),
    ("inner-space", "ana ruiz@example.com", None),
    ("two-ats", "ana@@example.com", None),
    ("trailing-dot", "ana@example.", None),
]


@pytest.mark.parametrize(("email", "expected"), [c[1:] for c in EMAILS], ids=[c[0] for c in EMAILS])
def test_email_addresses(email, expected):
    emails = map_candidate(row(email=email), settings())["email_addresses"]
    assert emails == ([{"email_address": expected, "type": None}] if expected else [])


ADDRESS = {
    "address": "2400 McKinney Ave",
    "address_2": "Suite 5",
    "city": "Dallas",
    "state": "TX",
    "zip_code": "75201",
    "country": "United States",
}


def location(raw, city=None, state=None, zip_code=None, country=None, street_1=None, street_2=None):
    return {
        "city": city,
        "country": country,
        "raw": raw,
        "state": state,
        "street_1": street_1,
        "street_2": street_2,
        "zip_code": zip_code,
    }


LOCATIONS = [
    (
        "attributes-only",
        ADDRESS,
        None,
        location(
            "2400 McKinney Ave, Suite 5, Dallas, TX, 75201, United States",
            "Dallas",
            "TX",
            "75201",
            "US",
            "2400 McKinney Ave",
            "Suite 5",
        ),
    ),
    (
        "attributes-with-info-as-raw",
        {"city": "Dallas", "country": "usa"},
        "Dallas area",
        location("Dallas area", city="Dallas", country="US"),
    ),
    ("info-city-state", {}, "Dallas, TX", location("Dallas, TX", "Dallas", "TX")),
    (
        "info-city-state-zip",
        {},
        "Dallas, TX 75201",
        location("Dallas, TX 75201", "Dallas", "TX", "75201"),
    ),
    (
        "info-zip-plus-4",
        {},
        "Austin, tx 78701-1234",
        location("Austin, tx 78701-1234", "Austin", "tx", "78701-1234"),
    ),
    (
        "info-canadian",
        {},
        "Toronto, ON M5V 2T6",
        location("Toronto, ON M5V 2T6", "Toronto", "ON", "M5V 2T6"),
    ),
    (
        "info-comma-before-zip",
        {},
        "Madrid, MD, 28014",
        location("Madrid, MD, 28014", "Madrid", "MD", "28014"),
    ),
    (
        "info-brazilian-cep",
        {},
        "S\u00e3o Paulo, SP 01304-001",
        location("S\u00e3o Paulo, SP 01304-001", "S\u00e3o Paulo", "SP", "01304-001"),
    ),
    ("info-no-comma", {}, "Austin TX", location("Austin TX")),
    ("info-postal-without-digits", {}, "Dallas, TX North", location("Dallas, TX North")),
    (
        "info-non-latin-state",
        {},
        "\u5343\u4ee3\u7530\u533a, \u6771\u4eac\u90fd 100-0005",
        location("\u5343\u4ee3\u7530\u533a, \u6771\u4eac\u90fd 100-0005"),
    ),
    ("info-free-text", {}, "Anywhere near Dallas", location("Anywhere near Dallas")),
    ("info-state-spelled-out", {}, "Dallas, Texas", location("Dallas, Texas")),
    (
        "unknown-country-kept",
        {"country": "Atlantis"},
        None,
        location("Atlantis", country="Atlantis"),
    ),
    ("empty-attributes-and-info", {"city": ""}, "", None),
    ("nothing", {}, None, None),
]


@pytest.mark.parametrize(
    ("attributes", "info", "expected"), [c[1:] for c in LOCATIONS], ids=[c[0] for c in LOCATIONS]
)
def test_location(attributes, info, expected):
    payload = row(candidate_location_info=info)
    payload["attributes"] = attributes
    assert map_candidate(payload, settings())["location"] == expected


def test_location_attribute_keys_setting_renames_the_sources():
    payload = row()
    payload["attributes"] = {"home_city": "Dallas", "home_country": "MEX"}
    keys = ("street", "street2", "home_city", "region", "postcode", "home_country")
    record = map_candidate(payload, settings(location_attribute_keys=keys))
    assert record["location"] == location("Dallas, MEX", city="Dallas", country="MX")


CUSTOM_FIELDS = [
    ("default-every-attribute", None, {"a": "1", "b": ""}, {"a": "1", "b": None}),
    ("default-no-attributes", None, None, {}),
    (
        "named-sources",
        {"shift": "attributes.a", "ext": "candidate.ex_id", "gone": "attributes.zzz"},
        {"a": "1"},
        {"shift": "1", "ext": "ATS-3301"},
    ),
    (
        "prefixed-wildcard",
        {"attr_*": "attributes.*"},
        {"a": "1", "b": "2"},
        {"attr_a": "1", "attr_b": "2"},
    ),
    (
        "named-beats-wildcard",
        {"*": "attributes.*", "a": "candidate.job_loc_code"},
        {"a": "1"},
        {"a": "DAL07"},
    ),
    (
        "typed-candidate-keys",
        {"seen": "candidate.viewed", "status": "candidate.status"},
        {},
        {"seen": 1, "status": "APPROVED"},
    ),
]


@pytest.mark.parametrize(
    ("mapping", "attributes", "expected"),
    [c[1:] for c in CUSTOM_FIELDS],
    ids=[c[0] for c in CUSTOM_FIELDS],
)
def test_custom_fields(mapping, attributes, expected):
    payload = row()
    if attributes is None:
        del payload["attributes"]
    else:
        payload["attributes"] = attributes
    config = settings(custom_field_mapping={"candidates": mapping}) if mapping else settings()
    assert map_candidate(payload, config)["custom_fields"] == expected


def test_integration_field_id_matches_the_model_vector():
    payload = row(ex_id=..., external_oid=...)
    payload["attributes"] = {"city": "Dallas"}
    fields = map_candidate(payload, settings())["integration_fields"]
    assert fields == [
        {
            "id": "d6R8WfC2MYAzifKFgez1ktDJ",
            "key": "city",
            "type": "CUSTOM",
            "value": "Dallas",
            "label": None,
        }
    ]


def test_integration_fields_follow_the_setting_order_then_custom_by_key():
    payload = row(recruiter_email="r@example.com", group_name=None)
    payload["attributes"] = {"zeta": "z", "alpha": "a", "mid": "m"}
    paths = (
        "candidate.recruiter_email",
        "attributes.zeta",
        "candidate.group_name",
        "attributes.alpha",
    )
    fields = map_candidate(payload, settings(integration_fields=paths))["integration_fields"]
    assert [(f["type"], f["key"], f["value"]) for f in fields] == [
        ("DEFAULT", "recruiter_email", "r@example.com"),
        ("DEFAULT", "group_name", None),
        ("CUSTOM", "alpha", "a"),
        ("CUSTOM", "zeta", "z"),
    ]


URLS = [
    ("oid", "https://console.example/c/{OID}", {}, "https://console.example/c/481516"),
    (
        "external-oid-escaped",
        "https://console.example/c/{external_oid}",
        {"external_oid": "a/b+c="},
        "https://console.example/c/a%2Fb%2Bc%3D",
    ),
    ("api-url", "{api_url}/candidates/{OID}", {}, "https://api.paradox.ai/candidates/481516"),
    ("missing-value", "https://console.example/c/{external_oid}", {"external_oid": None}, None),
    ("empty-template", "", {}, None),
]


@pytest.mark.parametrize(
    ("template", "candidate", "expected"), [c[1:] for c in URLS], ids=[c[0] for c in URLS]
)
def test_remote_url(template, candidate, expected):
    record = map_candidate(row(**candidate), settings(candidate_url_template=template))
    assert record["remote_url"] == expected


TIMES = [
    ("naive-space", "2025-02-27 14:02:11", "2025-02-27T14:02:11.000Z"),
    ("offset", "2025-03-01T11:15:00+02:00", "2025-03-01T09:15:00.000Z"),
    ("fraction", "2025-03-01T09:15:00.250Z", "2025-03-01T09:15:00.250Z"),
    ("naive-t", "2025-03-01T09:15:00", "2025-03-01T09:15:00.000Z"),
    ("empty", "", None),
    ("junk", "yesterday", None),
    ("absent", ..., None),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in TIMES], ids=[c[0] for c in TIMES])
def test_timestamps(raw, expected):
    record = map_candidate(row(created_at=raw, updated_at=raw), settings())
    assert record["remote_created_at"] == expected
    assert record["remote_updated_at"] == expected


def test_remote_data_off_gives_null():
    assert map_candidate(ANA_ROW, settings(include_remote_data=False))["remote_data"] is None


@pytest.mark.parametrize(
    ("flags", "kept"),
    [
        ({}, set()),
        ({"include_conversation": True, "include_interviews": True}, {"conversation", "interview"}),
    ],
    ids=["add-ons-dropped", "add-ons-kept"],
)
def test_remote_data_add_ons(flags, kept):
    payload = row()
    payload["conversation"] = [{"question_text": "hi"}]
    payload["interview"] = {"interviewed": 0}
    data = map_candidate(payload, settings(**flags))["remote_data"]["/candidates"]
    assert {"conversation", "interview"} & set(data) == kept
    assert data["note"] == "Asked about weekend shifts"


@pytest.mark.parametrize("oid", ["481516", 481516.0, " 481516 "], ids=["string", "float", "padded"])
def test_loose_oid_gives_the_same_id(oid):
    assert map_candidate(row(OID=oid), settings())["id"] == record_id(TENANT, "candidates", 481516)


@pytest.mark.parametrize(
    "payload",
    [
        row(OID=...),
        row(OID=None),
        row(OID="abc"),
        row(OID=-1),
        row(OID=True),
        {"stage": None},
        {"candidate": None},
    ],
    ids=["absent", "null", "text", "negative", "boolean", "no-candidate", "null-candidate"],
)
def test_unusable_row_raises_a_clear_error(payload):
    with pytest.raises(InvalidRowError, match="candidate"):
        map_candidate(payload, settings())
