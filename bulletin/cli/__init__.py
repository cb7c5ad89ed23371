"""The `bulletin` command: a thin click shell over the library.

Each command module parses options, calls one library function and renders the result.
This module maps every BulletinError to one line on stderr and its exit code; `--debug`
shows the traceback instead. Data goes to stdout, logs and progress to stderr.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from ..errors import BulletinError

log = logging.getLogger("bulletin")

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


class BulletinGroup(click.Group):
    """A click group that turns errors into one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BulletinError as e:
            if _debug(ctx):
                raise
            click.echo(f"bulletin: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("bulletin: interrupted; the episode being built was not published",
                       err=True)
            ctx.exit(EXIT_INTERRUPTED)
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
