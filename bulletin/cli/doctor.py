"""`bulletin doctor`: one line per installation check."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import CONFIG_NAME, find_config, load_config
from . import main
from .build import DEFAULT_OUT


@main.command()
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Output folder to check.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration file to validate (default: ./bulletin.yaml when present).")
@click.pass_context
def doctor(ctx: click.Context, out_dir: Path, config_path: Path | None) -> None:
    """Check the installation: ffmpeg, the Hindi voice, engines, folders, config.

    Exits non-zero when a required check fails.

    \b
    Example:
      bulletin doctor --config bulletin.yaml
    """
    from ..doctor import run_checks  # here: it loads the engines and the mixer
    from ..synth import default_cache_dir

    path = config_path or find_config(Path.cwd())
    config = load_config(path)  # an invalid config is reported like any error
    read = f"read {path}" if path else f"defaults (no ./{CONFIG_NAME}; `bulletin init` makes one)"
    click.echo(f"ok    config: {read}")
    failed = 0
    for check in run_checks(config, out_dir, default_cache_dir()):
        status = ("ok" if check.ok else "WARN" if check.warning
                  else "FAIL" if check.required else "--")
        failed += check.required and not check.ok
        click.echo(f"{status:<5} {check.name}: {check.detail}")
    if failed:
        ctx.exit(1)
