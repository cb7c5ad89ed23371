"""`bulletin voices list|download`: which engines can speak here, and fetching Piper voices."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import click

from ..config import CONFIG_NAME
from ..synth.piper_voices import HINDI_VOICES, download_voice, installed_voices, voices_dir
from . import main

SHOWN_VOICES = 8  # espeak has ~80 variants: name a few, count the rest
PIPER_HELP = """
Piper Hindi voices: neural voices with natural timbre and melody, unlike espeak's formant
(robotic) voice; about 60 MB each, downloaded once, then used offline.
  install:  pip install 'bulletin[piper]'
  download: bulletin voices download NAME
  use:      voice: {engine: piper, voice: NAME}   (or bulletin build --engine piper)"""


@main.group()
def voices() -> None:
    """Voice engines and voices: what is usable here, and downloading Piper voices.

    \b
    Example:
      bulletin voices list
    """


@voices.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the engines as JSON.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file (default: ./{CONFIG_NAME} when present).")
def list_voices(as_json: bool, config_path: Path | None) -> None:
    """List each engine, its voices, whether it can speak here (and if not, why), and the
    engine a build with this configuration would speak with now.

    \b
    Example:
      bulletin voices list --json
    """
    from ..synth import Reachability, available_engines
    from ..synth.engine import pick_engine
    from .build import load_cli_config

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
    settings = load_cli_config(config_path).voice
    name, why = pick_engine(settings, Reachability(clock=time.monotonic))
    role = "voice.fallback" if why else "voice.engine"
    click.echo(f"\na build here now speaks with: {name} ({role}){f' — {why}' if why else ''}")
    have = set(installed_voices())
    click.echo(PIPER_HELP)
    for voice in HINDI_VOICES:
        click.echo(f"  {voice:<25} {'downloaded' if voice in have else 'not downloaded'}")


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
