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
from ..synth.piper_voices import HINDI_VOICES, download_voice, installed_voices
from . import main

SHOWN_VOICES = 8  # espeak has ~80 variants: name a few, count the rest
PIPER_HELP = """
Kokoro Hindi voices (hf_alpha, hf_beta, hm_omega, hm_psi): bulletin voices download NAME
(0.5 MB each); without them Kokoro reads Hindi phonemes in a bundled Japanese timbre.

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
    """Download voice NAME into the user data folder: a Piper voice (model, config, licence)
    or one of Kokoro's Hindi voices (hf_alpha, hf_beta, hm_omega, hm_psi).

    Each Piper file is checked against the repository's size and MD5, a Kokoro voice against
    the size and range of a style table, before it is kept. Mirrors:
    $BULLETIN_PIPER_VOICES_URL, $BULLETIN_KOKORO_VOICES_URL.

    \b
    Example:
      bulletin voices download hi_IN-pratham-medium
      bulletin voices download hf_alpha
    """
    from ..synth import kokoro_voices

    quiet = bool((ctx.obj or {}).get("quiet"))
    kokoro = kokoro_voices.is_voice_name(name)
    fetch = kokoro_voices.download_voice if kokoro else download_voice
    with _progress_bar(name, None if quiet else sys.stderr) as progress:
        path = fetch(name, progress=progress)
    click.echo(str(path))
    if not quiet:
        engine = "kokoro" if kokoro else "piper"
        click.echo(f"use it with: voice: {{engine: {engine}, voice: {name}}}  (in {path.parent})",
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
