"""The candidate pass pages GET /candidates without losing a row while data changes under it."""

from __future__ import annotations

import random
from typing import Any

import pytest

from tap_paradox.candidate_pass import CandidatePass, PassOptions, SeenOids


class FakeList:
    """GET /candidates over ascending OIDs; `between_calls` mutates the data after each call."""

    def __init__(self, oids: list[int], between_calls=None) -> None:
        self.rows = {oid: f"2025-01-01T00:00:{oid % 60:02d}Z" for oid in oids}
        self.between_calls = between_calls
        self.calls: list[dict[str, Any]] = []

    def __call__(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(dict(params))
        ordered = sorted(self.rows)
        offset, limit = params["offset"], params["limit"]
        page = [
            {"candidate": {"OID": oid, "updated_at": self.rows[oid]}}
            for oid in ordered[offset : offset + limit]
        ]
        answer = {"limit": limit, "offset": offset, "count": len(ordered), "candidates": page}
        if self.between_calls:
            self.between_calls(self)
        return answer


def run(fake: FakeList, **options: Any) -> list[int]:
    candidate_pass = CandidatePass(fake, PassOptions(**options))
    return [oid for oid, _row in candidate_pass.rows()]


def test_pages_with_overlap_and_yields_each_oid_once() -> None:
    fake = FakeList(list(range(1, 121)))
    emitted = run(fake, page_size=50, overlap=5)
    assert emitted == list(range(1, 121))
    assert [call["offset"] for call in fake.calls] == [0, 45, 90]
    assert all(call["limit"] == 50 for call in fake.calls)


def test_stop_rule_count_stops_at_count_without_an_empty_page() -> None:
    fake = FakeList(list(range(1, 101)))
    emitted = run(fake, page_size=50, overlap=0, stop_rule="count")
    assert emitted == list(range(1, 101))
    assert [call["offset"] for call in fake.calls] == [0, 50]


def test_short_page_rule_reads_until_a_short_page() -> None:
    fake = FakeList(list(range(1, 101)))
    run(fake, page_size=50, overlap=0, stop_rule="short_page")
    assert [call["offset"] for call in fake.calls] == [0, 50, 100]


def test_many_deletions_between_pages_step_back_and_lose_nothing() -> None:
    # 20 rows before the reading position vanish after the first call: more than the overlap.
    def delete_early_rows(fake: FakeList) -> None:
        if len(fake.calls) == 1:
            for oid in range(1, 21):
                fake.rows.pop(oid, None)

    fake = FakeList(list(range(1, 201)), delete_early_rows)
    emitted = run(fake, page_size=50, overlap=5)
    survivors = set(range(21, 201))
    assert survivors <= set(emitted)
    assert len(emitted) == len(set(emitted))


@pytest.mark.parametrize("seed", range(8))
def test_random_churn_never_loses_a_row_that_stayed(seed: int) -> None:
    rng = random.Random(seed)
    next_oid = [1001]

    def churn(fake: FakeList) -> None:
        for _ in range(rng.randint(0, 12)):
            if fake.rows:
                fake.rows.pop(rng.choice(sorted(fake.rows)))
        for _ in range(rng.randint(0, 4)):
            fake.rows[next_oid[0]] = "2025-01-02T00:00:00Z"
            next_oid[0] += 1

    original = list(range(1, 1001))
    fake = FakeList(original, churn)
    emitted = set(run(fake, page_size=50, overlap=5))
    stayed = set(original) & set(fake.rows)
    assert stayed <= emitted


def test_rows_without_an_oid_are_skipped_and_logged_once(caplog) -> None:
    def answer(params: dict[str, Any]) -> dict[str, Any]:
        rows = [{"candidate": {"OID": 1}}, {"candidate": None}, {"stage": None}]
        return {"count": 3, "candidates": rows if params["offset"] == 0 else []}

    candidate_pass = CandidatePass(answer, PassOptions(page_size=50, overlap=5))
    assert [oid for oid, _ in candidate_pass.rows()] == [1]
    assert candidate_pass.stats.skipped == 2
    assert "Ana" not in caplog.text


def test_a_newer_repeat_is_passed_on_an_equal_one_is_not() -> None:
    versions = iter(["2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"])

    def answer(params: dict[str, Any]) -> dict[str, Any]:
        if params["offset"] >= 3:
            return {"count": 3, "candidates": []}
        row = {"candidate": {"OID": 7, "updated_at": next(versions)}}
        return {"count": 3, "candidates": [row]}

    candidate_pass = CandidatePass(answer, PassOptions(page_size=1, overlap=0, stop_rule="count"))
    emitted = [row["candidate"]["updated_at"] for _, row in candidate_pass.rows()]
    assert emitted == ["2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"page_size": 51}, "page_size"),
        ({"page_size": 5, "overlap": 5}, "page_overlap"),
        ({"stop_rule": "never"}, "stop_rule"),
    ],
)
def test_options_that_could_not_progress_are_refused(options, message) -> None:
    with pytest.raises(ValueError, match=message):
        PassOptions(**options)


def test_seen_oids_keeps_order_for_late_and_repeated_oids() -> None:
    seen = SeenOids()
    for oid, updated in ((5, 50), (9, 90), (7, 70), (1, 10), (9, 95)):
        seen.put(oid, updated)
    assert len(seen) == 4
    assert [seen.get(oid) for oid in (1, 5, 7, 9, 3)] == [10, 50, 70, 95, None]
