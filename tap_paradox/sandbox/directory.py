"""Users, locations and feed jobs of the store (the parts that are not candidates)."""

from __future__ import annotations

from tap_paradox.sandbox.rows import dumps


class DirectoryMixin:
    """Reads and feed changes of ``Store`` for users, locations and the job feed."""

    def users_page(self, limit: int, page: int, location_id: int | None = None) -> bytes:
        """The ``GET /users/`` answer for a page, optionally only users of one location."""
        users = self.tenant.users
        if location_id is not None:
            users = [user for user in users if location_id in user["location_ids"]]
        start = (page - 1) * limit
        return dumps(
            {
                "limit": limit,
                "count": len(users),
                "page": page,
                "users": users[start : start + limit],
            }
        )

    def locations_body(self) -> bytes:
        """The ``GET /company/locations`` answer."""
        return dumps({"locations": self.tenant.locations})

    def feed_jobs(self) -> tuple[int, list[dict]]:
        """The jobs currently in the feed, with a version that changes when the feed does."""
        with self._lock:
            return self._feed_version, list(self.tenant.jobs)

    def feed_job_ids(self) -> list[str]:
        """Reference numbers currently in the feed (trimmed)."""
        with self._lock:
            return [job["referencenumber"].strip() for job in self.tenant.jobs]

    def remove_feed_job(self, referencenumber: str) -> None:
        """Take a job out of the feed (its candidates keep their job_req_id)."""
        with self._lock:
            before = len(self.tenant.jobs)
            self.tenant.jobs = [
                job
                for job in self.tenant.jobs
                if job["referencenumber"].strip() != referencenumber.strip()
            ]
            if len(self.tenant.jobs) == before:
                msg = f"no feed job has referencenumber {referencenumber!r}"
                raise KeyError(msg)
            self._feed_version += 1
