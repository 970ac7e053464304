"""Round trip: ids read by tap-paradox are written by target-paradox, then read back."""

from __future__ import annotations

from tap_paradox.ids import StageTriple, hashed_id
from tests.tap.tap_runner import run_tap, sandbox_config
from tests.target.helpers import run_target, singer_lines, target_config, tenant_of


def test_written_applicants_read_back_through_the_tap(sandbox_factory, tmp_path):
    sandbox = sandbox_factory(candidates=20, jobs=5, locations=2)
    ledger = tmp_path / "ledger.sqlite"
    tap_config = sandbox_config(sandbox, ledger, sync_mode="full")
    first = run_tap(tap_config)
    job = next(j for j in first.of("jobs") if j["name"])
    stage = next(
        s
        for s in first.of("application_stages")
        if s["custom_fields"]["candidate_journey"] == "Store Hourly"
    )

    config = target_config(
        sandbox, tmp_path, ledger_path=str(ledger), job_feed_url=sandbox.feed_url
    )
    create = {
        "candidate": {
            "first_name": "Rosa",
            "last_name": "Diaz",
            "email_address": "rosa.diaz@example.com",
            "phone_number": "+1 (214) 555-0177",
            "title": "Shift Lead",
            "location": {"city": "Austin", "country": "US"},
        },
        "application": {"job_id": job["id"], "stage_id": stage["id"]},
        "source": {"name": "campus-fair"},
    }
    created = run_target(config, singer_lines("applications", [create]))
    (outcome,) = created.outcomes
    assert outcome["operation"] == "created", outcome
    app_id = outcome["ids"]["application_id"]
    link = {"application_id": app_id, "label": "Assessment", "url": "https://a.example.com/r/1"}
    updates = run_target(
        config,
        singer_lines("application_result_links", [link])
        + singer_lines(
            "application_notes", [{"application_id": app_id, "content": "Met at the fair"}]
        ),
    )
    assert {o["status"] for o in updates.outcomes} == {"written"}

    second = run_tap(tap_config)
    oid = outcome["ids"]["remote_id"]
    candidate = second.by_remote_id("candidates")[oid]
    application = second.by_remote_id("applications")[oid]
    assert candidate["id"] == outcome["ids"]["candidate_id"]
    assert (candidate["first_name"], candidate["last_name"]) == ("Rosa", "Diaz")
    assert candidate["email_addresses"] == [
        {"email_address": "rosa.diaz@example.com", "type": None}
    ]
    assert candidate["phone_numbers"] == [{"phone_number": "+12145550177", "type": None}]
    assert candidate["title"] == "Shift Lead"
    assert (candidate["location"]["city"], candidate["location"]["country"]) == ("Austin", "US")
    assert candidate["source"] == "campus-fair"
    assert candidate["custom_fields"]["result_assessment_url"] == "https://a.example.com/r/1"
    assert application["id"] == app_id
    assert application["candidate_id"] == candidate["id"]
    assert application["job_id"] == job["id"]
    assert application["current_stage_id"] == stage["id"]
    triple = StageTriple(
        "Store Hourly", stage["custom_fields"]["stage"], stage["custom_fields"]["status"]
    )
    assert stage["id"] == hashed_id(tenant_of(sandbox), "application_stages", triple.remote_id)
    assert "Met at the fair" in candidate["remote_data"]["/candidates"]["note"]
