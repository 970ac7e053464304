"""Id resolution (model §4.3) over a small in-memory id index."""

from __future__ import annotations

import pytest

from tap_paradox.ids import StageTriple, hashed_id, job_stage_remote_key, record_id
from tap_paradox.target.errors import ActionError, InputInvalidError
from tap_paradox.target.resolve import IdResolver

TENANT = "acme"
TRIPLE = StageTriple("Hourly Journey", "Interview", "Scheduled")


class MemoryIndex:
    """The id-index part of the ledger, in memory."""

    def __init__(self, synced: bool = True) -> None:
        self.entries: dict[str, tuple[str, str]] = {}
        self.synced = synced

    def resolve_id(self, value):
        return self.entries.get(value)

    def index_ids(self, entries):
        for record_id_, stream, remote_id in entries:
            self.entries[record_id_] = (stream, remote_id)

    def has_completed_sync(self):
        return self.synced


def test_application_and_candidate_ids_decode_to_the_same_oid_without_lookup():
    resolver = IdResolver(TENANT, MemoryIndex(synced=False))
    assert resolver.application_oid(record_id(TENANT, "applications", 481516), "f") == 481516
    assert resolver.application_oid(record_id(TENANT, "candidates", 481516), "f") == 481516
    assert resolver.application_oid("remote:481516", "f") == 481516


@pytest.mark.parametrize(
    "value",
    [
        "remote:REQ-1",
        "remote:",
        record_id("other", "applications", 5),
        "short",
        hashed_id(TENANT, "jobs", "REQ-1"),
    ],
)
def test_anything_else_is_not_an_application_id(value):
    with pytest.raises(InputInvalidError):
        IdResolver(TENANT, MemoryIndex()).application_oid(value, "application_id")


def test_job_ids_come_from_the_index_or_a_feed_refresh():
    index = MemoryIndex()
    feed_calls = []
    resolver = IdResolver(TENANT, index, feed_job_ids=lambda: feed_calls.append(1) or ["REQ-7"])
    assert resolver.job("remote: REQ-7 ", "f").remote_id == "REQ-7"
    job = resolver.job(hashed_id(TENANT, "jobs", "REQ-7"), "f")
    assert (job.remote_id, job.id) == ("REQ-7", hashed_id(TENANT, "jobs", "REQ-7"))
    resolver.job(hashed_id(TENANT, "jobs", "REQ-7"), "f")
    with pytest.raises(InputInvalidError, match="not a known job id"):
        resolver.job(hashed_id(TENANT, "jobs", "REQ-404"), "f")
    assert feed_calls == [1]  # the feed is read once per run, on the first miss


def test_an_unresolvable_id_before_any_sync_is_setup_sync_pending():
    with pytest.raises(ActionError) as raised:
        IdResolver(TENANT, MemoryIndex(synced=False)).job(hashed_id(TENANT, "jobs", "REQ-1"), "f")
    assert raised.value.code == "INTEGRATION.SETUP_SYNC_PENDING"


def test_stage_ids_resolve_from_the_index_the_catalog_a_scan_or_a_job_stage_link():
    index = MemoryIndex()
    resolver = IdResolver(TENANT, index, stage_catalog={"Hourly Journey": ["Interview: Scheduled"]})
    stage_id = hashed_id(TENANT, "application_stages", TRIPLE.remote_id)
    assert resolver.stage(stage_id, "stage_id") == TRIPLE  # from the catalog
    assert resolver.stage("remote:Hourly Journey|Interview|Scheduled", "f") == TRIPLE

    other = StageTriple("Hourly Journey", "Offer", "Sent")
    other_id = hashed_id(TENANT, "application_stages", other.remote_id)
    assert resolver.stage(other_id, "f", scan=lambda: [other]) == other

    link_key = job_stage_remote_key("REQ-1", TRIPLE.remote_id)
    link_id = hashed_id(TENANT, "job_stages", link_key)
    index.index_ids([(link_id, "job_stages", link_key)])
    assert resolver.stage(link_id, "f") == TRIPLE


def test_an_id_of_another_kind_is_named_in_the_error():
    index = MemoryIndex()
    job_id = hashed_id(TENANT, "jobs", "REQ-1")
    index.index_ids([(job_id, "jobs", "REQ-1")])
    with pytest.raises(InputInvalidError, match="is an id of jobs, not of application_stages"):
        IdResolver(TENANT, index).stage(job_id, "stage_id")
    with pytest.raises(InputInvalidError, match=r"journey\|stage\|status"):
        IdResolver(TENANT, index).stage("remote:Interview: Scheduled", "stage_id")
