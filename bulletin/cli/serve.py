"""`bulletin serve`: preview the output folder like a podcast host would serve it."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from ..publish.settings import DEFAULT_HOST, DEFAULT_PORT
from . import main
from .build import DEFAULT_OUT


@main.command()
@click.argument("out_dir", metavar="[DIR]", type=click.Path(path_type=Path), default=DEFAULT_OUT)
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the folder to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="TCP port.")
def serve(out_dir: Path, host: str, port: int) -> None:
    """Serve DIR (default ./audio_out) over HTTP with byte ranges, until Ctrl-C.

    \b
    Example:
      bulletin serve audio_out --port 8000
    """
    if not _is_loopback(host):
        click.echo(f"bulletin: serving {out_dir} to the network on {host}", err=True)
    click.echo(f"serving {out_dir} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    from ..publish.serve import serve as serve_folder  # starlette, uvicorn: only here

    serve_folder(out_dir, host, port)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
