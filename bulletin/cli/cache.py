"""`bulletin cache info|clear`: the segment cache of synthesized sentences."""

from __future__ import annotations

import json

import click

from ..synth import SegmentCache, VoiceSettings, default_cache_dir
from . import main

MB = 1 << 20


def _cache() -> SegmentCache:
    return SegmentCache(default_cache_dir(), max_bytes=VoiceSettings.cache_max_mb * MB)


@main.group()
def cache() -> None:
    """The segment cache: synthesized sentences reused by later builds.

    \b
    Example:
      bulletin cache info
    """


@cache.command()
@click.option("--json", "as_json", is_flag=True, help="Print path, entries and size as JSON.")
def info(as_json: bool) -> None:
    """Show where the cache is, how many sentences it holds and its size.

    \b
    Example:
      bulletin cache info --json
    """
    stats = _cache().stats()
    if as_json:
        click.echo(json.dumps({"path": str(stats.path), "entries": stats.entries,
                               "size_bytes": stats.size_bytes}))
        return
    click.echo(f"path:    {stats.path}")
    click.echo(f"entries: {stats.entries}")
    click.echo(f"size:    {stats.size_bytes / MB:.1f} MB")


@cache.command()
def clear() -> None:
    """Delete every cached sentence (the next build synthesizes everything again).

    \b
    Example:
      bulletin cache clear
    """
    segments = _cache()
    click.echo(f"removed {segments.clear()} cached sentences from {segments.folder}")
