"""`bulletin serve`: preview the output folder like a podcast host would serve it."""

from __future__ import annotations

import dataclasses
import ipaddress
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click

from ..publish.settings import DEFAULT_HOST, DEFAULT_PORT
from . import main
from .build import DEFAULT_OUT, cli_cache_dir, load_cli_config


@main.command()
@click.argument("out_dir", metavar="[DIR]", type=click.Path(path_type=Path), default=DEFAULT_OUT)
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the folder to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="TCP port (0: any free port).")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration file whose show.base_url the feed uses.")
@click.option("--base-url-from-serve", is_flag=True,
              help="Rewrite feed.xml and index.html for this address, for local listening "
                   "(the next build puts show.base_url back).")
def serve(out_dir: Path, host: str, port: int, config_path: Path | None,
          base_url_from_serve: bool) -> None:
    """Serve DIR (default ./audio_out) over HTTP with byte ranges, until Ctrl-C.

    One line per request (Common Log Format) goes to stderr.

    \b
    Example:
      bulletin serve audio_out --port 8000
    """
    config = load_cli_config(config_path)
    show = config.show
    from ..publish import heal  # feedgen, starlette, uvicorn: only here
    from ..publish.serve import serve as serve_folder

    def announce(url: str) -> None:
        if base_url_from_serve:
            heal(out_dir, dataclasses.replace(show, base_url=url), clock=_now,
                 cache_dir=cli_cache_dir(config))
        elif not same_address(show.base_url, url):
            click.echo(f"bulletin: warning: the feed's links point to {show.base_url} "
                       f"(show.base_url), not to this server ({url}); podcast apps will not "
                       "reach these files: set show.base_url, or pass --base-url-from-serve",
                       err=True)
        if not _is_loopback(host):
            click.echo(f"bulletin: serving {out_dir} to the network on {host}", err=True)
        click.echo(f"serving {out_dir} at {url} (Ctrl-C to stop)", err=True)

    serve_folder(out_dir, host, port, announce=announce,
                 log_request=lambda line: click.echo(line, err=True), clock=_now)


def same_address(base_url: str, served: str) -> bool:
    """Does `base_url` lead to the server at `served` (`http://host:port/`)? A wildcard host
    (0.0.0.0) may be reached under any name; loopback names are one host."""
    base, here = urlsplit(base_url), urlsplit(served)
    port = base.port or {"http": 80, "https": 443}.get(base.scheme)
    if base.scheme != "http" or port != here.port or base.path.rstrip("/") != "":
        return False
    host = here.hostname or ""
    return host in ("0.0.0.0", "::") or base.hostname == host or (
        _is_loopback(base.hostname or "") and _is_loopback(host)
    )


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


