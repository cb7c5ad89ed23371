"""`bulletin build` and `bulletin init`: the main job and its configuration file."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import CONFIG_NAME, Config, find_config, load_config
from ..errors import ConfigError
from ..files import write_text_atomic
from . import EXIT_INTERNAL, describe, main

if TYPE_CHECKING:
    from ..synth import Reachability

DEFAULT_OUT = Path("audio_out")


def load_cli_config(path: Path | None) -> Config:
    """`--config FILE`, else ./bulletin.yaml when present, else the defaults."""
    return load_config(path or find_config(Path.cwd()))


def cli_cache_dir(config: Config) -> Path | None:
    """The user's cache folder (voiced sentences, jingles, the generated cover), or None
    with `voice.cache: false` / `--no-cache`."""
    from ..synth import default_cache_dir  # filelock: not for `--help`

    return default_cache_dir() if config.voice.cache else None


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Output folder: episodes, feed.xml and index.html.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file (default: ./{CONFIG_NAME} when present).")
@click.option("--engine", help="Voice engine: gtts, espeak, kokoro, piper, festival.")
@click.option("--fallback", help="Engine that re-speaks the whole bulletin if --engine fails.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Parallel synthesis workers.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path),
              help="Extra pronunciation lexicon (YAML); may be repeated; wins over the config's.")
@click.option("--strict", is_flag=True, help="Fail when any token cannot be read aloud.")
@click.option("--wav", is_flag=True, help="Also write a 48 kHz broadcast WAV and a cue sheet.")
@click.option("--no-cache", is_flag=True, help="Synthesize everything again; touch no cache.")
@click.option("--force", is_flag=True, help="Rebuild even when the episode is up to date.")
@click.option("--id", "episode_id", metavar="ID",
              help="Episode id to use (replaces the episode with this id); one article only.")
@click.pass_context
def build(ctx: click.Context, articles: tuple[str, ...], out_dir: Path, config_path: Path | None,
          engine: str | None, fallback: str | None, jobs: int | None,
          lexicons: tuple[Path, ...], strict: bool, wav: bool, no_cache: bool,
          force: bool, episode_id: str | None) -> None:
    """Build an episode from each ARTICLE (.txt, .md, .html, or - for stdin) and publish it.

    Each article is built and published on its own: a failure is reported and the others
    still land; the exit code is non-zero if any failed. An episode's id comes from the
    article (front matter `id`, else its date and headline), never from the file name.

    \b
    Example:
      bulletin build examples/monsoon-update.txt -o audio_out
    """
    config = _with_overrides(load_cli_config(config_path), engine=engine, fallback=fallback,
                             jobs=jobs, lexicons=lexicons, strict=strict, wav=wav,
                             no_cache=no_cache)
    if episode_id is not None and len(articles) > 1:
        raise click.UsageError("--id names one episode: give it with one article")
    from ..synth import Reachability

    quiet = ctx.obj["quiet"]
    reach = Reachability(clock=time.monotonic)  # one probe of an online voice per batch
    failures: list[Exception] = []
    up_to_date = 0
    for article in articles:
        try:
            up_to_date += _build_one(article, config, out_dir, force=force, quiet=quiet,
                                     reach=reach, episode_id=episode_id)
        except Exception as e:  # a batch finishes the other articles whatever one does
            if len(articles) == 1:
                raise
            click.echo(f"bulletin: error: {article}: {describe(e)}", err=True)
            failures.append(e)
    if len(articles) > 1 and (failures or not quiet):
        built = len(articles) - up_to_date - len(failures)
        click.echo(f"bulletin: {len(articles)} articles: {built} built, {up_to_date} up to date, "
                   f"{len(failures)} failed", err=True)
    if not quiet and len(failures) < len(articles) and (problems := config.show.placeholders()):
        click.echo(f"bulletin: warning: {'; '.join(problems)} (set `show:` in {CONFIG_NAME})",
                   err=True)
    if failures:
        ctx.exit(max(getattr(e, "exit_code", EXIT_INTERNAL) for e in failures))


def _build_one(article: str, config: Config, out_dir: Path, *, force: bool, quiet: bool,
               reach: Reachability, episode_id: str | None) -> bool:
    """Build and publish one article; True when it was already up to date."""
    from ..build import build_episode  # here, not at the top: `--help` needs none of it
    from ..publish import publish

    started = time.monotonic()
    cache_dir = cli_cache_dir(config)
    with _progress_bar(Path(article).name, quiet) as progress:
        result = build_episode(
            article, config, out_dir, clock=_now, force=force, progress=progress,
            cache_dir=cache_dir, reach=reach, episode_id=episode_id,
        )
        episode = result.episode
        if result.up_to_date:
            click.echo(f"up to date: {episode.slug} ({article}); use --force to rebuild",
                       err=True)
            return True
        voicing = result.voicing
        why = f" — {voicing.fallback_reason}" if voicing and voicing.fallback_reason else ""
        if why and quiet:
            click.echo(f"bulletin: {voicing.fallback_reason}; the whole bulletin was spoken by "
                       f"{voicing.engine}", err=True)
        if progress is not None:
            progress("publish", 0, 1)
        try:
            publish(out_dir, config.show, config.publish, add=episode,
                    staged_in=result.staging, clock=_now, cache_dir=cache_dir)
        finally:
            result.discard()
    mp3 = episode.file("mp3")
    seconds = episode.duration_ms / 1000
    sentences = sum(len(p) for s in voicing.segments for p in s.paragraphs) if voicing else 0
    cached = f", {voicing.from_cache} of {sentences} sentences from cache" if voicing else ""
    if result.residue:
        click.echo(f"bulletin: {len(result.residue)} token(s) could not be read aloud; "
                   f"see `bulletin clean --report {article}`", err=True)
    if not quiet:
        click.echo(
            f"built {out_dir / mp3.name if mp3 else episode.slug}: {int(seconds // 60)}:"
            f"{seconds % 60:04.1f} of audio{cached}, in {time.monotonic() - started:.1f} s; "
            f"voice: {episode.engine} {episode.voice}{why}",
            err=True,
        )
    return False


STAGES = {  # build stage → (bar label, unit)
    "voice": ("voicing", "sentence"), "mix": ("mixing and encoding", "s"),
    "publish": ("publishing", "feed"),
}


@contextlib.contextmanager
def _progress_bar(name: str, quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A tqdm bar on stderr, only where a person watches (a terminal, not -q); it follows
    each stage of the build of `name` in turn, in that stage's unit."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=f"voicing {name}", unit="sentence", file=sys.stderr, leave=False) as bar:

        def update(stage: str, done: int, total: int) -> None:
            label, unit = STAGES.get(stage, (stage, "step"))
            bar.set_description(f"{label} {name}", refresh=False)
            bar.unit = unit
            bar.total = total
            bar.n = done
            bar.refresh()

        yield update


def _with_overrides(config: Config, *, engine: str | None, fallback: str | None,
                    jobs: int | None, lexicons: tuple[Path, ...], strict: bool, wav: bool,
                    no_cache: bool) -> Config:
    """Command-line flags win over the file: applied as frozen-dataclass replacements."""
    voice = config.voice
    if engine:
        voice = dataclasses.replace(voice, engine=engine)
    if fallback:
        voice = dataclasses.replace(voice, fallback=fallback)
    if jobs:
        voice = dataclasses.replace(voice, jobs=jobs)
    if no_cache:
        voice = dataclasses.replace(voice, cache=False)
    speech = dataclasses.replace(
        config.speech,
        lexicon=config.speech.lexicon + lexicons,
        strict=config.speech.strict or strict,
    )
    audio = dataclasses.replace(config.audio, wav=config.audio.wav or wav)
    return dataclasses.replace(config, voice=voice, speech=speech, audio=audio)


def _now() -> datetime:
    return datetime.now(UTC)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path(CONFIG_NAME))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, force: bool) -> None:
    """Write a commented configuration file (default: ./bulletin.yaml).

    \b
    Example:
      bulletin init && bulletin build article.txt
    """
    if path.exists() and not force:
        raise ConfigError(f"{path} exists; use --force to overwrite it")
    template = resources.files("bulletin").joinpath("data/bulletin.yaml").read_text("utf-8")
    write_text_atomic(path, template)
    click.echo(f"wrote {path}", err=True)
