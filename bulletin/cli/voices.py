"""`bulletin voices list|download`: which engines can speak here, and fetching Piper voices."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

import click

from ..synth import available_engines
from ..synth.piper_voices import HINDI_VOICES, download_voice, installed_voices, voices_dir
from . import main

SHOWN_VOICES = 8  # espeak has ~80 variants: name a few, count the rest


@main.group()
def voices() -> None:
    """Voice engines and voices: what is usable here, and downloading Piper voices.

    \b
    Example:
      bulletin voices list
    """


@voices.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the engines as JSON.")
def list_voices(as_json: bool) -> None:
    """List each engine, its voices, and whether it can speak here (and if not, why).

    \b
    Example:
      bulletin voices list --json
    """
    infos = available_engines()
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(i) for i in infos], ensure_ascii=False,
                              indent=2))
        return
    for info in infos:
        state = "usable" if info.usable else "not usable"
        where = "offline" if info.offline else "online"
        click.echo(f"{info.name:<9} {state:<10} {where:<7} {info.detail}")
        if info.voices:
            more = len(info.voices) - SHOWN_VOICES
            names = ", ".join(info.voices[:SHOWN_VOICES]) + (f" (+{more} more)" if more > 0 else "")
            click.echo(f"{'':<9} voices: {names}")
    have = set(installed_voices())
    click.echo("\nPiper Hindi voices (bulletin voices download NAME):")
    for name in HINDI_VOICES:
        click.echo(f"  {name:<25} {'downloaded' if name in have else 'not downloaded'}")


@voices.command("download")
@click.argument("name")
@click.pass_context
def download(ctx: click.Context, name: str) -> None:
    """Download Piper voice NAME (model, config, licence) into the user data folder.

    Each file is checked against the repository's size and MD5 before it is kept. The
    repository URL can be changed with $BULLETIN_PIPER_VOICES_URL (a mirror).

    \b
    Example:
      bulletin voices download hi_IN-pratham-medium
    """
    quiet = bool((ctx.obj or {}).get("quiet"))
    with _progress_bar(name, None if quiet else sys.stderr) as progress:
        path = download_voice(name, progress=progress)
    click.echo(str(path))
    if not quiet:
        click.echo(f"use it with: voice: {{engine: piper, voice: {name}}}  (in {voices_dir()})",
                   err=True)


@contextlib.contextmanager
def _progress_bar(
    desc: str, stream: TextIO | None
) -> Iterator[Callable[[int, int], None] | None]:
    """A byte-counting bar on `stream` when a person watches it (a TTY); else no callback."""
    if stream is None or not stream.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=desc, unit="B", unit_scale=True, unit_divisor=1024, file=stream,
              leave=False) as bar:

        def update(done: int, total: int) -> None:
            if bar.total != total:
                bar.total = total
                bar.refresh()
            bar.update(done - bar.n)

        yield update
