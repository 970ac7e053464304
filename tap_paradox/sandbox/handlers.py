"""Endpoint handlers of contract sections 3 to 6; bodies are pre-rendered bytes from the store."""

from __future__ import annotations

import json
from urllib.parse import unquote

from aiohttp import web

from tap_paradox.sandbox import timestamps
from tap_paradox.sandbox.state import BODY, FORM, STATE, ServerState
from tap_paradox.sandbox.store import ListQuery
from tap_paradox.sandbox.validation import ValidationError, clean_attributes, not_found

_FLAG_VALUES = ("yes", "true", "1")
_TIMESTAMP_PARAMS = {"start_date": False, "end_date": True, "created_start_date": False}


def _state(request: web.Request) -> ServerState:
    return request.app[STATE]


def _body(request: web.Request) -> object:
    return request[BODY]


def _form(request: web.Request) -> dict | None:
    return request[FORM]


def _json(body: bytes | dict, status: int = 200) -> web.Response:
    if isinstance(body, dict):
        body = json.dumps(body, ensure_ascii=False).encode()
    return web.Response(body=body, status=status, content_type="application/json", charset="utf-8")


def _refused(error: ValidationError) -> web.Response:
    return _json(error.body(), 400)


def _int_param(
    query, name: str, default: int | None, *, low: int | None, high: int | None, errors: list[str]
) -> int | None:
    raw = query.get(name)
    if raw is None:
        return default
    text = raw.strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isdigit():
        errors.append(name)
        return default
    value = int(text)
    if (low is not None and value < low) or (high is not None and value > high):
        errors.append(name)
        return default
    return value


def parse_list_query(query) -> ListQuery:
    """Validate ``GET /candidates`` parameters (§4.1); every bad one is named in the 400."""
    errors: list[str] = []
    limit = _int_param(query, "limit", 50, low=1, high=50, errors=errors)
    offset = _int_param(query, "offset", 0, low=0, high=None, errors=errors)
    location_id = _int_param(query, "location_id", None, low=None, high=None, errors=errors)
    status = _int_param(query, "status", None, low=None, high=None, errors=errors)
    bounds: dict[str, int | None] = {}
    for name, end_of_day in _TIMESTAMP_PARAMS.items():
        raw = query.get(name)
        bounds[name] = None
        if raw is not None:
            try:
                bounds[name] = timestamps.parse_filter(raw, end_of_day=end_of_day)
            except timestamps.TimestampError:
                errors.append(name)
    if errors:
        raise ValidationError(errors)

    def flag(name: str) -> bool:
        return query.get(name, "").strip().lower() in _FLAG_VALUES

    return ListQuery(
        limit=limit,
        offset=offset,
        start=bounds["start_date"],
        end=bounds["end_date"],
        created_start=bounds["created_start_date"],
        email=query.get("email"),
        job_req_id=query.get("job_req_id"),
        ex_id=query.get("ex_id"),
        journey_status=query.get("candidate_journey_status"),
        location_id=location_id,
        status=status,
        attributes=flag("include_attributes"),
        note=flag("note"),
        conversation=flag("conversation"),
        interviews=flag("interviews"),
    )


async def token(request: web.Request) -> web.Response:
    """``POST /auth/token``: client credentials, form body only (§3.1)."""
    state = _state(request)
    form = _form(request)
    if form is None and request.content_type == "application/x-www-form-urlencoded":
        form = {}
    config = state.config
    if (
        form is None
        or form.get("grant_type") != "client_credentials"
        or form.get("client_id") != config.client_id
        or form.get("client_secret") != config.client_secret
    ):
        return _refused(ValidationError([""]))
    return _json(
        {
            "access_token": state.issue_token(),
            "expires_in": state.token_lifetime_s,
            "token_type": "bearer",
        }
    )


async def list_candidates(request: web.Request) -> web.Response:
    """``GET /candidates`` (§4.1), with churn between calls when configured."""
    state = _state(request)
    try:
        query = parse_list_query(request.query)
    except ValidationError as error:
        return _refused(error)
    faults = state.faults.faults
    if state.faults.churn_due():
        state.store.churn(
            state.faults.churn_rng, faults.churn_inserts, faults.churn_updates, faults.churn_deletes
        )
    return _json(state.store.list_page(query, ignore_dates=faults.ignore_date_filters))


def _flag(request: web.Request, name: str) -> bool:
    return request.query.get(name, "").strip().lower() in _FLAG_VALUES


async def get_candidate(request: web.Request) -> web.Response:
    """``GET /candidates/{ID}`` by OID, external_oid or ex_id (§4.2)."""
    store = _state(request).store
    with store.lock:
        row = store.resolve(request.match_info["ident"])
        if row is None:
            return _refused(not_found("ID"))
        body = store.single_bytes(
            row,
            conversation=_flag(request, "conversation"),
            interviews=_flag(request, "interviews"),
        )
    return _json(body)


async def create_candidate(request: web.Request) -> web.Response:
    """``POST /candidates`` (§4.3); answers 200 with ``success``."""
    store = _state(request).store
    body = _body(request)
    try:
        with store.lock:
            oid = store.create_candidate(body if isinstance(body, dict) else None)
            answer = store.write_answer(store.row_by_oid(oid), success=True)
    except ValidationError as error:
        return _refused(error)
    return _json(answer)


async def update_candidate(request: web.Request) -> web.Response:
    """``PUT /candidates/{ID}`` (§4.4): partial update, stage move, note overwrite."""
    store = _state(request).store
    body = _body(request)
    try:
        with store.lock:
            row = store.resolve(request.match_info["ident"])
            if row is None:
                raise not_found("ID")
            store.update_candidate(row.oid, body if isinstance(body, dict) else None)
            answer = store.write_answer(row, success=False)
    except ValidationError as error:
        return _refused(error)
    return _json(answer)


async def delete_candidate(request: web.Request) -> web.Response:
    """``DELETE /candidates/{ID}`` (§4.5)."""
    store = _state(request).store
    try:
        with store.lock:
            row = store.resolve(request.match_info["ident"])
            if row is None:
                raise not_found("ID")
            store.delete_candidate(row.oid)
    except ValidationError as error:
        return _refused(error)
    return _json(b'{"success": true}')


async def _attributes(request: web.Request, replace: bool) -> web.Response:
    store = _state(request).store
    oid_text = request.match_info["oid"]
    body = _body(request)
    try:
        if not oid_text.isdigit() or store.row_by_oid(int(oid_text)) is None:
            raise not_found("OID")
        if not isinstance(body, dict) or "attributes" not in body:
            raise ValidationError(["attributes"])
        clean_attributes(body["attributes"])
        attributes = store.set_attributes(int(oid_text), body["attributes"], replace=replace)
    except ValidationError as error:
        return _refused(error)
    return _json({"success": True, "attributes": attributes})


async def patch_attributes(request: web.Request) -> web.Response:
    """``PATCH /candidate/attributes/{OID}``: merge (§4.6)."""
    return await _attributes(request, replace=False)


async def put_attributes(request: web.Request) -> web.Response:
    """``PUT /candidate/attributes/{OID}``: replace (§4.6)."""
    return await _attributes(request, replace=True)


async def list_users(request: web.Request) -> web.Response:
    """``GET /users/`` with page-number paging (§4.7)."""
    errors: list[str] = []
    limit = _int_param(request.query, "limit", 50, low=1, high=50, errors=errors)
    page = _int_param(request.query, "page", 1, low=1, high=None, errors=errors)
    location_id = _int_param(request.query, "location_id", None, low=None, high=None, errors=errors)
    if errors:
        return _refused(ValidationError(errors))
    # external_role_id and include_campus_permission are accepted and ignored: every seeded
    # user has a null external_role_id and the sandbox models no campus permissions.
    return _json(_state(request).store.users_page(limit, page, location_id))


async def list_locations(request: web.Request) -> web.Response:
    """``GET /company/locations``: the whole list (§4.8)."""
    return _json(_state(request).store.locations_body())


def _feed_document(request: web.Request) -> tuple[bytes, bytes]:
    state = _state(request)
    if request.match_info["token"] != state.feed_token:
        raise web.HTTPNotFound
    return state.feed_documents()


async def feed_plain(request: web.Request) -> web.Response:
    """The XML job feed, uncompressed."""
    plain, _packed = _feed_document(request)
    return web.Response(body=plain, content_type="application/xml", charset="utf-8")


async def feed_gzip(request: web.Request) -> web.Response:
    """The feed as a gzip file (``.gz``): detected by magic bytes, not headers."""
    _plain, packed = _feed_document(request)
    return web.Response(body=packed, content_type="application/gzip")


async def feed_encoded(request: web.Request) -> web.Response:
    """The feed sent with ``Content-Encoding: gzip``."""
    _plain, packed = _feed_document(request)
    response = web.Response(body=packed, content_type="application/xml", charset="utf-8")
    response.headers["Content-Encoding"] = "gzip"
    return response


async def get_resume(request: web.Request) -> web.Response:
    """The stored CV behind a candidate's ``resume_url``."""
    store = _state(request).store
    oid_text = request.match_info["oid"]
    stored = store.resume(int(oid_text)) if oid_text.isdigit() else None
    if stored is None or stored[0] != unquote(request.match_info["name"]):
        raise web.HTTPNotFound
    return web.Response(body=stored[1], content_type="application/octet-stream")
