"""`bulletin serve`: the output folder over HTTP, as podcast apps need it.

Starlette's StaticFiles (served by uvicorn) answers HEAD and byte ranges (206, 416,
`Accept-Ranges`) and resolves every path with realpath inside the folder, so `..`, encoded
`%2e%2e`/`%2f`, absolute paths and symlinks pointing outside all end in 404. On top of it we
hide dot-files (the catalog, half-written `.*.tmp` files, build folders) and fix the MIME
types instead of trusting the machine's `/etc/mime.types`.
"""

from __future__ import annotations

import mimetypes
import os
import socket
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

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
}


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
        response = FileResponse(
            full_path, status_code=status_code, stat_result=stat_result,
            media_type=media_type or "application/octet-stream",
        )
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


def make_app(root: Path) -> Starlette:
    """The ASGI app serving `root` (index.html for `/`)."""
    if not root.is_dir():
        raise PublishError(f"{root}: no such folder to serve; build an episode first")
    return Starlette(routes=[Mount("/", app=PublishedFolder(directory=root, html=True))])


def open_socket(host: str, port: int) -> socket.socket:
    """Bind the listening socket ourselves: a busy port is a one-line error, not an exit."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as e:
        raise PublishError(
            f"cannot listen on {host}:{port}: {e.strerror or e}; choose another --port or --host"
        ) from None


def make_server(root: Path) -> uvicorn.Server:
    """A uvicorn server for `root`; run it with `.run(sockets=[open_socket(...)])`."""
    config = uvicorn.Config(make_app(root), log_config=None, server_header=False,
                            access_log=True, lifespan="off")
    return uvicorn.Server(config)


def serve(root: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve `root` until interrupted (Ctrl-C)."""
    server = make_server(root)
    server.run(sockets=[open_socket(host, port)])
