"""`bulletin cache info|clear`: the synthesized sentences and encoded stretches kept between
builds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import CONFIG_NAME
from . import main
from .build import load_cli_config

if TYPE_CHECKING:
    from ..mix.encoded import StretchCache
    from ..synth import SegmentCache

MB = 1 << 20


def _cache(config_path: Path | None) -> SegmentCache:
    """The cache with the size cap of `--config` (else ./bulletin.yaml, else the default)."""
    from ..synth import SegmentCache, default_cache_dir  # filelock: not for `--help`

    voice = load_cli_config(config_path).voice
    return SegmentCache(default_cache_dir(), max_bytes=voice.cache_max_mb * MB)


def _stretches() -> StretchCache:
    from ..mix.encoded import StretchCache
    from ..synth import default_cache_dir

    return StretchCache(default_cache_dir())


@main.group()
def cache() -> None:
    """The caches: synthesized sentences and encoded stretches reused by later builds.

    \b
    Example:
      bulletin cache info
    """


@cache.command()
@click.option("--json", "as_json", is_flag=True,
              help="Print path, entries, size and cap as JSON.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file whose voice.cache_max_mb is the cap "
                   f"(default: ./{CONFIG_NAME} when present).")
def info(as_json: bool, config_path: Path | None) -> None:
    """Show where the caches are, how many sentences and stretches they hold, their sizes and caps.

    \b
    Example:
      bulletin cache info --json
    """
    segments, stretches = _cache(config_path), _stretches().files
    stats, encoded = segments.stats(), stretches.stats()
    if as_json:
        click.echo(json.dumps({
            "path": str(stats.path), "entries": stats.entries, "size_bytes": stats.size_bytes,
            "max_bytes": segments.max_bytes,
            "stretches": {"path": str(encoded.path), "entries": encoded.entries,
                          "size_bytes": encoded.size_bytes, "max_bytes": stretches.max_bytes},
        }))
        return
    click.echo(f"path:    {stats.path}")
    click.echo(f"entries: {stats.entries}")
    click.echo(f"size:    {stats.size_bytes / MB:.1f} MB")
    click.echo(f"cap:     {segments.max_bytes / MB:.0f} MB (voice.cache_max_mb)")
    click.echo(f"stretches: {encoded.entries} encoded, {encoded.size_bytes / MB:.1f} MB of "
               f"{stretches.max_bytes / MB:.0f} MB in {encoded.path}")


@cache.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file (default: ./{CONFIG_NAME} when present).")
def clear(config_path: Path | None) -> None:
    """Delete every cached sentence and stretch (the next build synthesizes and encodes
    everything again).

    \b
    Example:
      bulletin cache clear
    """
    segments, stretches = _cache(config_path), _stretches().files
    click.echo(f"removed {segments.clear()} cached sentences from {segments.folder} and "
               f"{stretches.clear()} encoded stretches from {stretches.folder}")
