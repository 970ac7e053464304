"""The aiohttp application: gateway behaviour, faults, auth, request log and routes."""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import time
from urllib.parse import parse_qsl

from aiohttp import web

from tap_paradox.sandbox import handlers
from tap_paradox.sandbox.config import BASE_PATH, LoggedRequest
from tap_paradox.sandbox.state import BODY, FORM, INVALID_JSON, STATE, ServerState

_UNAUTHORIZED = b'{"message": "Unauthorized"}'
_MISSING_TOKEN = b'{"message": "Missing Authentication Token"}'
_LOGGED_HEADERS = ("User-Agent", "Accept", "Content-Type", "Accept-Encoding")
# The one API path that needs no credentials (the feed and stored CVs live outside the base
# path: the feed is a secret URL without auth, contract [C] 26).
_TOKEN_PATH = f"{BASE_PATH}/auth/token"
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def json_bytes(body: bytes, status: int = 200, headers: dict | None = None) -> web.Response:
    """A UTF-8 JSON response from pre-rendered bytes."""
    return web.Response(
        body=body, status=status, content_type="application/json", charset="utf-8", headers=headers
    )


async def _parse_body(request: web.Request) -> tuple[object | None, dict | None]:
    if not request.body_exists:
        return None, None
    raw = await request.read()
    if request.content_type == "application/x-www-form-urlencoded":
        return None, dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        return json.loads(raw), None
    except (ValueError, UnicodeDecodeError):
        return INVALID_JSON, None


def _reset(request: web.Request) -> None:
    """Drop the connection with a TCP reset (SO_LINGER 0), as a failing proxy would."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


@web.middleware
async def gateway(request: web.Request, handler) -> web.StreamResponse:
    """Faults, auth and the gateway's answers to unmapped paths, then the request log."""
    state = request.app[STATE]
    parsed, form = await _parse_body(request)
    request[BODY] = parsed
    request[FORM] = form
    try:
        response = await _answer(request, handler, state)
    except web.HTTPException as error:
        response = _unmapped(request.path, error.status) if error.status in (404, 405) else error
    logged_form = dict(form) if form else form
    if logged_form and "client_secret" in logged_form:  # never keep secrets in the log
        logged_form["client_secret"] = "***"  # noqa: S105 - a mask, not a secret
    state.log.append(
        LoggedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            json=None if parsed is INVALID_JSON else parsed,
            form=logged_form,
            auth_scheme=_scheme_of(request.headers.get("Authorization", "")),
            status=0 if response.reason == "Reset" else response.status,
            at=time.time(),
            headers={k: request.headers[k] for k in _LOGGED_HEADERS if k in request.headers},
        )
    )
    return response


async def _answer(request: web.Request, handler, state: ServerState):
    faults = state.faults.faults
    if faults.latency_s and faults.applies_to(request.path):
        await asyncio.sleep(faults.latency_s)
    injected = state.faults.draw(request.path)
    if injected is not None:
        if injected.kind == "reset":
            _reset(request)
            # Nothing reaches the client; status 0 marks the reset in the request log.
            return web.Response(status=200, reason="Reset")
        headers = {"Retry-After": injected.retry_after} if injected.retry_after else None
        return web.Response(
            body=injected.body,
            status=injected.status,
            headers=headers,
            content_type=injected.content_type,
            charset="utf-8",
        )
    if request.path.startswith(BASE_PATH + "/") and request.path != _TOKEN_PATH:
        missing = request.match_info.http_exception
        if missing is not None:
            return _unmapped(request.path, missing.status)
        if not state.is_authorized(request.headers.get("Authorization", "")):
            return json_bytes(_UNAUTHORIZED, 401)
    response = await handler(request)
    if request.method in _WRITE_METHODS and state.faults.draw_reset_after_write(request.path):
        _reset(request)
        return web.Response(status=200, reason="Reset")
    return response


def _scheme_of(header: str) -> str | None:
    """The scheme name of an Authorization header, as the request log records it."""
    scheme = header.partition(" ")[0].lower()
    return {"bearer": "Bearer", "basic": "Basic"}.get(scheme)


def _unmapped(path: str, status: int) -> web.Response:
    """API Gateway: an unknown path under the base path is a plain 404; a wrong base path or
    a method the resource lacks is a 403 Missing Authentication Token."""
    if status == 404 and path.startswith((BASE_PATH + "/", "/feeds/", "/sandbox/")):
        return web.Response(text="404", status=404, content_type="text/plain")
    return json_bytes(_MISSING_TOKEN, 403)


def build_app(state: ServerState) -> web.Application:
    """The sandbox web application over a shared state."""
    app = web.Application(middlewares=[gateway], client_max_size=64 * 1024 * 1024)
    app[STATE] = state
    base = BASE_PATH
    app.router.add_post(f"{base}/auth/token", handlers.token)
    app.router.add_get(f"{base}/candidates", handlers.list_candidates)
    app.router.add_post(f"{base}/candidates", handlers.create_candidate)
    app.router.add_get(f"{base}/candidates/{{ident}}", handlers.get_candidate)
    app.router.add_put(f"{base}/candidates/{{ident}}", handlers.update_candidate)
    app.router.add_delete(f"{base}/candidates/{{ident}}", handlers.delete_candidate)
    app.router.add_patch(f"{base}/candidate/attributes/{{oid}}", handlers.patch_attributes)
    app.router.add_put(f"{base}/candidate/attributes/{{oid}}", handlers.put_attributes)
    app.router.add_get(f"{base}/users", handlers.list_users)
    app.router.add_get(f"{base}/users/", handlers.list_users)
    app.router.add_get(f"{base}/company/locations", handlers.list_locations)
    app.router.add_get("/feeds/{token}/jobs.xml", handlers.feed_plain)
    app.router.add_get("/feeds/{token}/jobs.xml.gz", handlers.feed_gzip)
    app.router.add_get("/feeds/{token}/jobs-encoded.xml", handlers.feed_encoded)
    app.router.add_get("/sandbox/resumes/{oid}/{name}", handlers.get_resume)
    return app
