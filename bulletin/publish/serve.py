"""`bulletin serve`: the output folder over HTTP, as podcast apps need it.

Starlette's StaticFiles (served by uvicorn) answers HEAD and byte ranges (206, 416,
`Accept-Ranges`) and resolves every path with realpath inside the folder, so `..`, encoded
`%2e%2e`/`%2f`, absolute paths and symlinks pointing outside all end in 404. On top of it we
hide dot-files (the catalog, half-written `.*.tmp` files, build folders) and fix the MIME
types instead of trusting the machine's `/etc/mime.types`.

Publishing deletes and replaces files while we serve them, so a file is opened before any
header is sent: one removed after the lookup is a 404, never a 200 with an empty body, and
the length sent is that of the file actually opened. Ranges follow RFC 9110 §14.2: a range
unit we do not know (`items=0-10`) or an invalid range (`bytes=5-2`) is ignored (200 with
the whole file); only a range past the end is 416. Every request is one line in the Common
Log Format, handed to the caller (the CLI prints it).
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import socket
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, MalformedRangeHeader, Response
from starlette.routing import Mount
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import PublishError
from .settings import DEFAULT_HOST, DEFAULT_PORT

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".wav": "audio/wav",
    ".xml": "application/rss+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",  # the page's font
}


class OpenedFileResponse(FileResponse):
    """A FileResponse for a file opened before the response starts (see the module doc)."""

    def __init__(self, file: BinaryIO, path: str | os.PathLike[str], **kwargs: object) -> None:
        self._file = file
        super().__init__(path, stat_result=os.fstat(file.fileno()), **kwargs)  # type: ignore[arg-type]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._file.close()

    @contextlib.asynccontextmanager
    async def _open_file(self) -> AsyncIterator[anyio.AsyncFile[bytes]]:
        yield anyio.wrap_file(self._file)

    @classmethod
    def _parse_range_header(cls, http_range: str, file_size: int) -> list[tuple[int, int]]:
        try:
            return super()._parse_range_header(http_range, file_size)
        except MalformedRangeHeader:
            return []  # RFC 9110 §14.2: ignore the header, send the whole file


class PublishedFolder(StaticFiles):
    """StaticFiles without dot-files and with a fixed media type table."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        if any(part.startswith(".") for part in Path(path).parts):
            return "", None
        return super().lookup_path(path)

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
        status_code: int = 200,
    ) -> Response:
        suffix = Path(full_path).suffix.lower()
        media_type = MEDIA_TYPES.get(suffix) or mimetypes.guess_type(str(full_path))[0]
        try:
            file = open(full_path, "rb")  # noqa: SIM115  # the response closes it
        except FileNotFoundError:
            raise HTTPException(status_code=404) from None  # deleted since the lookup
        response = OpenedFileResponse(
            file, full_path, status_code=status_code,
            media_type=media_type or "application/octet-stream",
        )
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            file.close()
            return NotModifiedResponse(response.headers)
        return response


class RequestLog:
    """ASGI middleware: one Common Log Format line per request, to `write`."""

    def __init__(self, app: ASGIApp, write: Callable[[str], None],
                 clock: Callable[[], datetime]) -> None:
        self.app, self.write, self.clock = app, write, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, sent = 500, 0

        async def counting(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            self.write(common_log_line(scope, status, sent, self.clock()))


def common_log_line(scope: Scope, status: int, sent: int, when: datetime) -> str:
    """`host - - [10/Oct/2000:13:55:36 +0000] "GET /a.mp3 HTTP/1.1" 200 2326`."""
    host = (scope.get("client") or ("-",))[0]
    target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
    if scope.get("query_string"):
        target += "?" + scope["query_string"].decode("latin-1")
    request = f'{scope["method"]} {target} HTTP/{scope.get("http_version", "1.1")}'
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S %z")
    return f'{host} - - [{stamp}] "{request}" {status} {sent or "-"}'


def make_app(root: Path, *, log_request: Callable[[str], None] | None = None,
             clock: Callable[[], datetime] | None = None) -> ASGIApp:
    """The ASGI app serving `root` (index.html for `/`); `log_request` gets one line per
    request, stamped with `clock()` (both or neither)."""
    if not root.is_dir():
        raise PublishError(f"{root}: no such folder to serve; build an episode first")
    app = Starlette(routes=[Mount("/", app=PublishedFolder(directory=root, html=True))])
    if log_request is not None and clock is not None:
        return RequestLog(app, log_request, clock)
    return app


def open_socket(host: str, port: int) -> socket.socket:
    """Bind the listening socket ourselves: a busy port is a one-line error, not an exit."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as e:
        raise PublishError(
            f"cannot listen on {host}:{port}: {e.strerror or e}; choose another --port or --host"
        ) from None


def make_server(root: Path, *, log_request: Callable[[str], None] | None = None,
                clock: Callable[[], datetime] | None = None) -> uvicorn.Server:
    """A uvicorn server for `root`; run it with `.run(sockets=[open_socket(...)])`."""
    config = uvicorn.Config(make_app(root, log_request=log_request, clock=clock),
                            log_config=None, server_header=False, access_log=False,
                            lifespan="off")
    return uvicorn.Server(config)


def serve(
    root: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    announce: Callable[[str], None],
    log_request: Callable[[str], None],
    clock: Callable[[], datetime],
) -> None:
    """Serve `root` until interrupted (Ctrl-C). Everything that can fail (the folder, the
    port) fails before `announce(url)` says the server is up."""
    server = make_server(root, log_request=log_request, clock=clock)
    sock = open_socket(host, port)
    announce(serve_url(host, sock.getsockname()[1]))
    server.run(sockets=[sock])


def serve_url(host: str, port: int) -> str:
    """The address the server answers on, as a base URL."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"
