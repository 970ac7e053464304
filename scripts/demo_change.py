"""Move a few candidates to another stage through the Paradox API, as a recruiter's tool would.

Usage: demo_change.py API_URL CLIENT_ID CLIENT_SECRET [COUNT]. Prints the OIDs it moved.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import requests

TIMEOUT_S = 30


def main(api_url: str, client_id: str, client_secret: str, count: int = 5) -> list[int]:
    """Move ``count`` candidates to a different status of their own journey; return their OIDs."""
    base = api_url.rstrip("/") + "/api/v1/public"
    token = requests.post(
        base + "/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id,
              "client_secret": client_secret},
        timeout=TIMEOUT_S,
    )  # fmt: skip
    token.raise_for_status()
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token.json()["access_token"]
    page = session.get(base + "/candidates", params={"limit": 50}, timeout=TIMEOUT_S)
    page.raise_for_status()
    rows = [row["candidate"] for row in page.json()["candidates"]]
    # The statuses seen on this page tell which moves each journey accepts.
    statuses: dict[str, set[str]] = defaultdict(set)
    for candidate in rows:
        if candidate.get("candidate_journey") and candidate.get("candidate_journey_status"):
            statuses[candidate["candidate_journey"]].add(candidate["candidate_journey_status"])
    moved = []
    for candidate in rows:
        others = sorted(
            statuses.get(candidate.get("candidate_journey") or "", set())
            - {candidate.get("candidate_journey_status")}
        )
        if not others:
            continue
        answer = session.put(
            f"{base}/candidates/{candidate['OID']}",
            json={"candidate_journey_status": others[0]},
            timeout=TIMEOUT_S,
        )
        answer.raise_for_status()
        moved.append(candidate["OID"])
        print(f"  moved candidate {candidate['OID']} to {others[0]!r}")
        if len(moved) == count:
            break
    return moved


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if len(arguments) not in (3, 4):
        sys.exit(__doc__)
    main(*arguments[:3], *(int(value) for value in arguments[3:]))
