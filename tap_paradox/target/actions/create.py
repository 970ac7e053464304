"""Create candidate / create application (model §4.4): look up first, then POST once.

Paradox does not deduplicate, so the lookup (``ex_id``, then the e-mail as given and
lower-cased, each with the job, plus this run's own creations) is the only guard. A POST
whose answer was lost (5xx, time-out, reset) is retried only after the lookup finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from tap_paradox.ids import StageTriple
from tap_paradox.target import errors as codes
from tap_paradox.target.actions.common import (
    ActionResult,
    WriteContext,
    iter_rows,
    record_ids,
    remote_body,
    row_oid,
    scan_job_stages,
    stop_if_dry_run,
    warn,
)
from tap_paradox.target.actions.create_body import (
    attribute_fields,
    create_body,
    person_fields,
    stage_fields,
)
from tap_paradox.target.attachments import ResumeUpload, check_file_shape, prepare_resume
from tap_paradox.target.errors import ActionError, ActionSkipped
from tap_paradox.target.http import CallBudget, TransientPostError
from tap_paradox.target.inputs import PreparedInput
from tap_paradox.target.resolve import ResolvedJob


def create_application(
    ctx: WriteContext, prepared: PreparedInput, budget: CallBudget
) -> ActionResult:
    """Create the Paradox record of a candidate applying to a job, unless it exists."""
    data, settings = prepared.data, ctx.settings
    job = resolve_job(ctx, prepared)
    triple = None
    if data["application"].get("stage_id"):
        triple = ctx.resolver.stage(
            data["application"]["stage_id"],
            "application.stage_id",
            scan=lambda: scan_job_stages(ctx, job.remote_id, budget),
        )
    titles = ctx.feed_titles() or {}
    body = create_body(
        data,
        job_req_id=job.remote_id,
        job_title=titles.get(job.remote_id),
        triple=triple,
        title_attribute=settings.title_attribute,
        default_country_code=settings.default_phone_country_code,
        separator=settings.journey_status_separator,
    )
    resume = first_cv(ctx, prepared, data.get("attachments") or [], "attachments")
    extra = remote_body(prepared)
    stage_id = ctx.resolver.stage_id(triple) if triple else None
    known = {"job_id": job.id, "stage_id": stage_id}
    existing = find_existing(
        ctx, prepared, email=body["email"], ex_id=extra.get("ex_id"), job=job, budget=budget
    )
    if existing is not None:
        return on_existing(
            ctx,
            prepared,
            oid=existing,
            body=body,
            resume=resume,
            triple=triple,
            budget=budget,
            known=known,
        )
    upload = resume()  # downloaded before a dry run stops, so data_url problems still show
    stop_if_dry_run(ctx, known)
    if upload:
        body.update(upload.body())
    body.update(extra)
    oid = post_candidate(ctx, prepared, body, job, budget)
    ctx.creations.add(oid, job.remote_id, email=body["email"], ex_id=extra.get("ex_id"))
    ids = record_ids(settings.tenant_id, oid, **known)
    ctx.ledger.index_ids(
        [
            (ids["candidate_id"], "candidates", str(oid)),
            (ids["application_id"], "applications", str(oid)),
        ]
    )
    return ActionResult("created", ids)


def resolve_job(ctx: WriteContext, prepared: PreparedInput) -> ResolvedJob:
    """Resolve the job; a job that left the feed is ATS.JOB_CLOSED."""
    job = ctx.resolver.job(prepared.data["application"]["job_id"], "application.job_id")
    if ctx.ledger.is_deleted("jobs", job.id):
        msg = "application.job_id names a job that has left the job feed (closed)"
        raise ActionError(codes.JOB_CLOSED, msg, field="application.job_id")
    titles = ctx.feed_titles()  # None without job_feed_url: the job is then not checked
    if titles is not None and job.remote_id not in titles:
        if ctx.settings.require_job_in_feed:
            msg = "application.job_id is not in the job feed and require_job_in_feed is set"
            raise ActionError(codes.JOB_CLOSED, msg, field="application.job_id")
        warn(prepared, "JOB_NOT_IN_FEED", "the job is not in the job feed (new or unlisted)")
    return job


def first_cv(
    ctx: WriteContext, prepared: PreparedInput, files: list[Mapping[str, Any]], where: str
) -> Callable[[], ResumeUpload | None]:
    """Check every file; return a loader of the first CV (others: warning ATTACHMENT_IGNORED).

    Inline data is decoded and checked at once; a data_url is downloaded only when the CV is
    about to be sent, so a record skipped as existing never fetches it.
    """
    chosen: tuple[Mapping[str, Any], str] | None = None
    for position, file in enumerate(files):
        place = f"{where}[{position}]"
        check_file_shape(file, place)
        if file.get("type") == "CV" and chosen is None:
            chosen = (file, place)
        else:
            kind = "another CV" if file.get("type") == "CV" else f"a {file.get('type')} file"
            warn(prepared, "ATTACHMENT_IGNORED", f"{place} is {kind}; Paradox keeps one CV only")
    if chosen is None:
        return lambda: None
    file, place = chosen

    def load() -> ResumeUpload:
        max_bytes = ctx.settings.resume_max_bytes
        return prepare_resume(file, place, max_bytes=max_bytes, fetch=ctx.fetch)

    if "data" in file:
        upload = load()
        return lambda: upload
    return cache(load)


def find_existing(
    ctx: WriteContext,
    prepared: PreparedInput,
    *,
    email: str,
    ex_id: Any,
    job: ResolvedJob,
    budget: CallBudget,
) -> int | None:
    """Return the lowest OID already holding this ex_id or e-mail for the job, else None."""
    lookups: list[tuple[str, str]] = []
    for kind in ctx.settings.dedupe_lookup:
        if kind == "ex_id" and ex_id not in (None, ""):
            lookups.append(("ex_id", str(ex_id)))
        elif kind == "email":
            # Known limitation: Paradox matches e-mails exactly, so a record stored in mixed case
            # is not found by a lower-case input (only the reverse is covered by the second look).
            lookups.append(("email", email))
            if email.lower() != email:
                lookups.append(("email", email.lower()))
    for kind, value in lookups:
        own = ctx.creations.find(kind, value, job.remote_id)
        if own is not None:
            return own
        # Known limitation: only the first page (PAGE_SIZE rows) is read, so with more matches
        # than that the "lowest OID" is the lowest of that page, not of every match.
        rows = iter_rows(ctx, {kind: value, "job_req_id": job.remote_id}, budget)
        oids = sorted({oid for row in rows if (oid := row_oid(row)) is not None})
        if oids:
            if len(oids) > 1:
                warn(
                    prepared,
                    "MULTIPLE_MATCHES",
                    f"{len(oids)} records match; the lowest OID is used",
                )
            return oids[0]
    return None


def on_existing(
    ctx: WriteContext,
    prepared: PreparedInput,
    *,
    oid: int,
    body: dict,
    resume: Callable[[], ResumeUpload | None],
    triple: StageTriple | None,
    budget: CallBudget,
    known: dict,
) -> ActionResult:
    """Apply on_existing_application: skip (default), fail, or update the existing record."""
    settings = ctx.settings
    ids = record_ids(settings.tenant_id, oid, **known)
    policy = settings.on_existing_application
    if policy == "skip":
        raise ActionSkipped(codes.APPLICATION_ALREADY_EXISTS, ids=ids)
    if policy == "fail":
        msg = "Paradox already has an application for this candidate and job"
        raise ActionError(
            codes.APPLICATION_ALREADY_EXISTS, msg, field="candidate.email_address", ids=ids
        )
    upload = resume()
    stop_if_dry_run(ctx, ids)
    candidate = prepared.data["candidate"]
    update = person_fields(candidate, settings.default_phone_country_code)
    update.pop("email")  # the lookup key stays as it is
    if body.get("external_source_id"):
        update["external_source_id"] = body["external_source_id"]
    update.update(stage_fields(triple, settings.journey_status_separator))
    if upload:
        update.update(upload.body())
    update.update(remote_body(prepared))
    ctx.client.put(f"/candidates/{oid}", budget, update)
    attributes = attribute_fields(candidate, settings.title_attribute)
    if attributes:
        ctx.client.patch(f"/candidate/attributes/{oid}", budget, {"attributes": attributes})
    return ActionResult("updated", ids)


def post_candidate(
    ctx: WriteContext, prepared: PreparedInput, body: dict, job: ResolvedJob, budget: CallBudget
) -> int:
    """POST /candidates; after a lost or refused-for-now answer, look up before posting again."""
    policy = ctx.client.retry_policy
    for retry_number in range(policy.max_retries + 1):
        try:
            answer = ctx.client.post_once("/candidates", budget, body)
        except TransientPostError as failure:
            # Without a duplicate lookup a second POST would be blind: report instead.
            if retry_number == policy.max_retries or not ctx.settings.dedupe_lookup:
                raise ActionError(
                    failure.code,
                    f"{failure.message}, still after {retry_number} retries",
                    remote_status=failure.remote_status,
                ) from failure
            ctx.client.wait(policy.wait_seconds(retry_number, failure.retry_after), budget)
            written = find_existing(
                ctx, prepared, email=body["email"], ex_id=body.get("ex_id"), job=job, budget=budget
            )
            if written is not None:
                return written  # the lost POST did create the record
            continue
        oid = row_oid(answer) if isinstance(answer, dict) else None
        if oid is None and isinstance(answer, dict):
            oid = row_oid({"candidate": answer})
        if oid is None:
            msg = "POST /candidates answered without the new record's OID"
            raise ActionError(codes.UNKNOWN_ERROR, msg)
        return oid
    msg = "POST /candidates was not attempted"
    raise ActionError(codes.UNKNOWN_ERROR, msg)
