"""Seeded activity of candidates: conversations and interviews, rebuilt on demand."""

from __future__ import annotations

from tap_paradox.sandbox import catalog
from tap_paradox.sandbox.seed_candidates import candidate_rng
from tap_paradox.sandbox.seed_data import ANCHOR_MICROS, DAY, Tenant, between, stamp


def conversation(tenant: Tenant, index: int) -> list[dict]:
    """The seeded conversation of a candidate (0..5 messages)."""
    rng = candidate_rng(tenant.seed, index, 1)
    start = ANCHOR_MICROS - between(rng, 1, 300) * DAY
    messages = []
    for step in range(between(rng, 0, 5)):
        question, answer, kind = catalog.CONVERSATION_LINES[step]
        at = stamp(rng, start + step * 90_000_000)[0]
        messages.append(
            {
                "question_text": question,
                "answer_text": answer,
                "message_type": kind,
                "from_who": 0
                if rng.random() < 0.8
                else tenant.users[0]["OID"]
                if tenant.users
                else 0,
                "media_url": None,
                "created_at": at,
                "updated_at": at,
            }
        )
    return messages


def interview(tenant: Tenant, index: int, location_oid: object) -> dict:
    """The seeded interview object of a candidate (keys null when none was booked)."""
    rng = candidate_rng(tenant.seed, index, 2)
    if rng.random() < 0.6:
        return interview_none()
    at = ANCHOR_MICROS - between(rng, 0, 60) * DAY
    return {
        "scheduled_at": stamp(rng, at)[0],
        "past_interview_at": stamp(rng, at - 7 * DAY)[0] if rng.random() < 0.4 else None,
        "interviewed": between(rng, 0, 1),
        "scheduled_by": 0
        if rng.random() < 0.7
        else (tenant.users[0]["OID"] if tenant.users else 0),
        "interview_location_id": location_oid,
    }


def interview_none() -> dict:
    """The interview object of a candidate who never had one booked."""
    return {
        "scheduled_at": None,
        "past_interview_at": None,
        "interviewed": 0,
        "scheduled_by": None,
        "interview_location_id": None,
    }
