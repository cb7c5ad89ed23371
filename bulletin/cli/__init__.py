"""The `bulletin` command: a thin click shell over the library.

Each command module parses options, calls one library function and renders the result.
This module maps every BulletinError to one line on stderr and its exit code; `--debug`
shows the traceback instead. Data goes to stdout, logs and progress to stderr.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

import click

from ..errors import BulletinError

log = logging.getLogger("bulletin")

# Signals that end a run the way Ctrl-C does: the build removes its work folder on the way out.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                     if hasattr(signal, name))
EXIT_INTERNAL = 70
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread so that every `finally` and cleanup
    handler runs, as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _stop_signals_interrupt() -> Iterator[None]:
    """Turn the stop signals into `Stopped` for the length of one command."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = {sig: signal.signal(sig, _stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class BulletinGroup(click.Group):
    """A click group that turns errors into one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _stop_signals_interrupt():
                return super().invoke(ctx)
        except BulletinError as e:
            if _debug(ctx):
                raise
            click.echo(f"bulletin: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt as e:
            signum = e.signum if isinstance(e, Stopped) else signal.SIGINT
            click.echo(f"bulletin: interrupted by {signal.Signals(signum).name}; the episode "
                       "being built was not published", err=True)
            ctx.exit(128 + signum)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as e:  # the last line of defence: never a traceback for users
            if _debug(ctx):
                raise
            click.echo(f"bulletin: error: {describe(e)}", err=True)
            ctx.exit(EXIT_INTERNAL)


def describe(error: Exception) -> str:
    """One line for any error: ours say what to do; anything else is a bug to report."""
    if isinstance(error, BulletinError):
        return str(error)
    return f"internal error: {type(error).__name__}: {error} (run with --debug for details)"


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug"))


@click.group(cls=BulletinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletin")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug logs).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """Turn a written Hindi news article into an audio bulletin and a podcast feed.

    \b
    Example:
      bulletin build examples/monsoon-update.txt
    """
    ctx.obj = {"debug": debug, "quiet": quiet}
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif debug or verbose >= 2:
        level = logging.DEBUG
    elif verbose == 1:
        level = logging.INFO
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)


# Command modules register themselves on `main` when imported (one line each).
from . import build as _build  # noqa: E402,F401
from . import cache as _cache  # noqa: E402,F401
from . import clean as _clean  # noqa: E402,F401
from . import doctor as _doctor  # noqa: E402,F401
from . import episodes as _episodes  # noqa: E402,F401
from . import segments as _segments  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import service as _service  # noqa: E402,F401
from . import voices as _voices  # noqa: E402,F401
