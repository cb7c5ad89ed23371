"""`bulletin worker`, `bulletin api` and `bulletin watch`: the newsroom service.

The service modules (Dramatiq, Starlette, uvicorn) are imported inside the commands, so
`bulletin --help` and `bulletin build` never load them.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import CONFIG_NAME, Config
from ..errors import ConfigError
from . import main
from .build import DEFAULT_OUT, load_cli_config

if TYPE_CHECKING:
    from ..service.submit import Service
    from ..service.worker import WorkerSpec


def _options(func: click.decorators.FC) -> click.decorators.FC:
    """The options every service command shares: output folder, config, queue."""
    func = click.option("--queue", "queue_url", metavar="URL",
                        help="embedded (default: SQLite in DIR/.bulletin), sqlite:///path or "
                             "redis://host:6379/0; overrides `service.queue`.")(func)
    func = click.option("--config", "config_path", type=click.Path(path_type=Path),
                        help=f"Configuration file (default: ./{CONFIG_NAME} when present).")(func)
    func = click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
                        default=DEFAULT_OUT, show_default=True,
                        help="Output folder (shared by every machine of the newsroom).")(func)
    return func


_JOBS = click.option("--jobs", type=click.IntRange(0, 64), default=0, show_default=True,
                     help="Also run this many worker processes in this command.")


@main.command()
@_options
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Worker processes (each builds one article at a time).")
def worker(out_dir: Path, config_path: Path | None, queue_url: str | None, jobs: int) -> None:
    """Run workers that build and publish the articles queued by `api` and `watch`.

    \b
    Example:
      bulletin worker -o audio_out --jobs 2 --queue redis://queue.example:6379/0
    """
    from ..service.worker import run_workers

    config = load_cli_config(config_path)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"bulletin: {jobs} worker(s) for {out_dir} (Ctrl-C to stop)", err=True)
    run_workers(_spec(config, out_dir, queue_url), jobs, stop, _now)


@main.command()
@_options
@click.option("--host", help="Address to listen on (default `service.host`: 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="TCP port (default 8080).")
@_JOBS
def api(out_dir: Path, config_path: Path | None, queue_url: str | None, host: str | None,
        port: int | None, jobs: int) -> None:
    """Serve the HTTP API a CMS posts articles to (bearer tokens from $BULLETIN_API_TOKENS).

    \b
    Example: one machine, no other service, two workers in the same command
      BULLETIN_API_TOKENS=$(cat token) bulletin api -o audio_out --jobs 2
    """
    import uvicorn

    from ..publish.serve import open_socket
    from ..service.api import make_app

    config = load_cli_config(config_path)
    tokens = config.service.api_tokens()
    if not tokens:
        raise ConfigError(
            f"no API token: set ${config.service.tokens_env} (comma-separated) or "
            "`service.tokens` in bulletin.yaml"
        )
    service = _service(config, out_dir, queue_url)
    app = make_app(service, tokens)
    host = host or config.service.host
    port = port or config.service.port
    sock = open_socket(host, port)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, server_header=False,
                                           lifespan="off"))
    with _workers(config, out_dir, queue_url, jobs):
        click.echo(f"bulletin: API at http://{host}:{port}/v1/ (Ctrl-C to stop)", err=True)
        server.run(sockets=[sock])


@main.command()
@click.argument("inbox", type=click.Path(path_type=Path, file_okay=False))
@_options
@_JOBS
def watch(inbox: Path, out_dir: Path, config_path: Path | None, queue_url: str | None,
          jobs: int) -> None:
    """Build every article file that lands in INBOX; move it to INBOX/done or INBOX/failed.

    \b
    Example:
      bulletin watch /srv/inbox -o audio_out --jobs 2
    """
    from ..service.watch import Inbox

    config = load_cli_config(config_path)
    inbox.mkdir(parents=True, exist_ok=True)
    folder = Inbox(inbox, _service(config, out_dir, queue_url), config.service.watch_settle_s)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with _workers(config, out_dir, queue_url, jobs):
        click.echo(f"bulletin: watching {inbox} (Ctrl-C to stop)", err=True)
        folder.run(stop, config.service.watch_poll_s)


def _service(config: Config, out_dir: Path, queue_url: str | None) -> Service:
    from ..service.queue import make_broker
    from ..service.submit import Service

    url = queue_url or config.service.queue
    return Service(config, out_dir, make_broker(url, out_dir, config.service), _now)


def _spec(config: Config, out_dir: Path, queue_url: str | None) -> WorkerSpec:
    from ..service.queue import make_broker
    from ..service.worker import WorkerSpec
    from ..synth import default_cache_dir

    url = queue_url or config.service.queue
    make_broker(url, out_dir, config.service)  # a bad --queue fails here, not in every worker
    return WorkerSpec(config=config, out_dir=out_dir, queue_url=url,
                      cache_dir=default_cache_dir() if config.voice.cache else None,
                      log_level=logging.getLogger().level)


@contextlib.contextmanager
def _workers(config: Config, out_dir: Path, queue_url: str | None, jobs: int) -> Iterator[None]:
    """`jobs` worker processes for the length of the block (none when 0)."""
    if not jobs:
        yield
        return
    from ..service.worker import run_workers

    stop = threading.Event()
    thread = threading.Thread(target=run_workers, name="workers",
                              args=(_spec(config, out_dir, queue_url), jobs, stop, _now))
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _now() -> datetime:
    return datetime.now(UTC)
