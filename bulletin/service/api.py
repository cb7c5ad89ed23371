"""`bulletin api`: the HTTP front of the queue, for a newsroom's CMS (Starlette on uvicorn).

    POST   /v1/articles          JSON article or multipart upload → 202 {id, url, state}
    GET    /v1/jobs/{id}         queued | running | publishing | done (URLs) | failed (reason)
    GET    /v1/episodes          the published episodes, newest first
    DELETE /v1/episodes/{id}     remove one (its files, its feed item)

Every request needs `Authorization: Bearer <token>`; tokens are compared in constant time.
A body over `input.max_bytes` is refused with 413 before it is read in full; every error is
JSON `{"error": "<one line>"}`. Submissions go through `Service.submit`, like the watcher's.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BulletinError, InputError, PublishError
from ..names import is_slug
from ..publish import catalog, publish
from . import articles
from .submit import Service
from .views import episode_view, job_view

GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class BodyTooLarge(Exception):
    """Raised while a request body is read, once it passes the limit."""


class LimitBody:
    """ASGI middleware: 413 for a declared Content-Length over the limit, and a cut-off for
    bodies that do not declare one (chunked) as soon as they pass it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge
            return message

        await self.app(scope, limited, send)


def make_app(service: Service, tokens: tuple[str, ...]) -> Starlette:
    """The API over `service`; `tokens` must not be empty (the CLI checks)."""
    show = service.config.show
    expected = [t.encode() for t in tokens]

    def authorized(request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        ok = False
        for token in expected:  # every token compared: the time says nothing about which
            ok |= hmac.compare_digest(given.strip().encode(), token)
        return scheme.lower() == "bearer" and ok

    def guarded(endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[..., Any]:
        async def wrapper(request: Request) -> Response:
            if not authorized(request):
                return _error(401, "missing or wrong bearer token",
                              headers={"WWW-Authenticate": "Bearer"})
            try:
                return await endpoint(request)
            except BodyTooLarge:
                return _error(413, _too_large_text(service.config.input.max_bytes))
        return wrapper

    async def post_article(request: Request) -> Response:
        try:
            submission = await _submission(request)
        except InputError as e:
            return _error(400, str(e))
        try:
            job, _ = await run_in_threadpool(service.submit, submission, origin="api")
        except InputError as e:
            return _error(422, str(e))
        except PublishError as e:
            return _error(503, str(e))
        view = job_view(job, show)
        return JSONResponse(view, status_code=202, headers={"Location": view["url"]})

    async def get_job(request: Request) -> Response:
        job = await run_in_threadpool(service.store.load, request.path_params["job_id"])
        if job is None:
            return _error(404, "no such job")
        return JSONResponse(job_view(job, show))

    async def list_episodes(request: Request) -> Response:
        found = await run_in_threadpool(catalog.load, service.out_dir)
        return JSONResponse({"episodes": [episode_view(e, show) for e in found]})

    async def delete_episode(request: Request) -> Response:
        ident = request.path_params["episode_id"]
        if not (is_slug(ident) or GUID.fullmatch(ident)):
            return _error(404, "no such episode")
        found = await run_in_threadpool(catalog.load, service.out_dir)
        if not any(ident in (e.slug, e.guid) for e in found):
            return _error(404, "no such episode")
        try:
            left = await run_in_threadpool(
                lambda: publish(service.out_dir, show, service.config.publish, remove=(ident,),
                                clock=service.clock))
        except BulletinError as e:
            return _error(409, str(e))
        return JSONResponse({"removed": ident, "episodes": len(left)})

    routes = [
        Route("/v1/articles", guarded(post_article), methods=["POST"]),
        Route("/v1/jobs/{job_id}", guarded(get_job), methods=["GET"]),
        Route("/v1/episodes", guarded(list_episodes), methods=["GET"]),
        Route("/v1/episodes/{episode_id}", guarded(delete_episode), methods=["DELETE"]),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(LimitBody, limit=service.config.input.max_bytes)
    return app


async def _submission(request: Request) -> articles.Submission:
    """The article from a JSON body or a multipart upload (`file`, optional `id`)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        body = await request.body()
        try:
            payload = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise InputError("malformed JSON: the body is not UTF-8") from None
        except json.JSONDecodeError as e:
            raise InputError(f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})"
                             ) from None
        return articles.from_json(payload)
    if kind == "multipart/form-data":
        try:
            form = await request.form(max_files=1, max_fields=4)
        except MultiPartException as e:
            raise InputError(f"malformed upload: {e.message}") from None
        try:
            upload = form.get("file")
            article_id = form.get("id")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError("the upload needs a `file` field holding the article file")
            data = await upload.read()
        finally:
            await form.close()
        return articles.from_file(upload.filename, data,
                                  article_id if isinstance(article_id, str) else None)
    raise InputError("send the article as application/json or as a multipart/form-data upload")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split())}, status_code=status, headers=headers)


def _too_large_text(limit: int) -> str:
    return f"the request body is larger than the {limit}-byte limit (input.max_bytes)"


def _too_large(limit: int) -> ASGIApp:
    return _error(413, _too_large_text(limit))
