"""Real payload shapes from the Paradox contract, shared by the mapping tests."""

from __future__ import annotations

import copy

from tap_paradox.mapping.settings import MappingSettings

TENANT = "acme"

# Contract §4.1, first example row.
ANA_ROW = {
    "candidate": {
        "OID": 481516,
        "external_oid": "Zk9vQ2xE",
        "ex_id": "ATS-3301",
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.com",
        "phone_number": "4695550142",
        "formatted_number": "+14695550142",
        "source": 1,
        "status": 1,
        "job_req_id": "REQ-2207",
        "job_title": "Overnight Stocker",
        "job_loc_code": "DAL07",
        "candidate_journey": "Store Hourly",
        "candidate_journey_status": "Screening: Capture Complete",
        "viewed": 1,
        "completed": 1,
        "created_at": "2025-02-27 14:02:11",
        "updated_at": "2025-03-01T09:15:00.250Z",
    },
    "stage": {"name": "Screening", "status": "Capture Complete"},
    "attributes": {"shift_preference": "evenings", "__birthdate": "1999-04-02"},
    "note": "Asked about weekend shifts",
}

# Contract §4.1, second example row: almost nothing known.
LEE_ROW = {
    "candidate": {
        "OID": 481519,
        "name": "Lee Chan",
        "email": None,
        "updated_at": "2025-03-01T11:00:00+02:00",
    },
    "stage": None,
    "attributes": {},
    "note": "",
}


def row(base: dict | None = None, stage: object = "keep", **candidate: object) -> dict:
    """Return a deep copy of a row with candidate keys replaced (``None`` = null, ... = delete)."""
    result = copy.deepcopy(base or ANA_ROW)
    for key, value in candidate.items():
        if value is ...:
            result["candidate"].pop(key, None)
        else:
            result["candidate"][key] = value
    if stage != "keep":
        result["stage"] = stage
    return result


def settings(**overrides: object) -> MappingSettings:
    """Return mapping settings for the test tenant."""
    return MappingSettings(tenant_id=TENANT, **overrides)
