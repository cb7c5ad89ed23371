"""`bulletin episodes list|remove`: look at and prune the published catalog."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from ..config import CONFIG_NAME
from . import main
from .build import DEFAULT_OUT, cli_cache_dir, load_cli_config

_DIR = click.argument("out_dir", metavar="[DIR]", type=click.Path(path_type=Path),
                      default=DEFAULT_OUT)


@main.group()
def episodes() -> None:
    """List or remove published episodes (DIR defaults to ./audio_out).

    \b
    Example:
      bulletin episodes list audio_out
    """


@episodes.command("list")
@_DIR
@click.option("--json", "as_json", is_flag=True, help="Print the catalog records as JSON.")
def list_(out_dir: Path, as_json: bool) -> None:
    """List the episodes in DIR, newest first.

    \b
    Example:
      bulletin episodes list audio_out --json
    """
    from ..publish import catalog  # filelock: not for `--help`

    found = catalog.load(out_dir)
    if as_json:
        records = [catalog.to_dict(e) for e in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    from ..publish.page import duration_text

    for e in found:
        when = catalog.as_aware(e.published).astimezone(catalog.IST).strftime("%Y-%m-%d %H:%M")
        duration = duration_text(round(e.duration_ms / 1000))
        click.echo(f"{e.slug}\t{when} IST\t{duration}\t{e.engine} {e.voice}\t{e.title}")
    if not found:
        click.echo(f"no episodes in {out_dir}", err=True)


@episodes.command()
@click.argument("episode_id", metavar="ID")
@_DIR
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file (default: ./{CONFIG_NAME} when present).")
@click.pass_context
def remove(ctx: click.Context, episode_id: str, out_dir: Path, config_path: Path | None) -> None:
    """Remove episode ID (its slug or guid) and its files; rewrite the feed and page.

    \b
    Example:
      bulletin episodes remove monsoon-update audio_out
    """
    from ..publish import publish  # feedgen, Pillow: only when the feed is rewritten

    config = load_cli_config(config_path)
    left = publish(out_dir, config.show, config.publish, remove=(episode_id,),
                   clock=lambda: datetime.now(UTC), cache_dir=cli_cache_dir(config))
    if not ctx.obj["quiet"]:
        click.echo(f"removed {episode_id}; {len(left)} episode(s) left in {out_dir}", err=True)
