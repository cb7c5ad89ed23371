"""The build job: one article + config → audio files in the output folder + an `Episode` record.

It holds no global state and does not publish: the caller hands the returned `Episode` to
`bulletin.publish.publish`, which updates the catalog, feed and page under a lock. That split
lets a newsroom run builds on a task queue and publish from wherever they land.

Nothing half-made or unpublished is ever visible: the job works, and leaves its finished
files, in a private folder inside the output folder (`BuildResult.staging`, on the same
filesystem); `publish(..., staged_in=result.staging)` moves them in under its lock, and
`result.discard()` removes the folder. A failed build removes it itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from . import __version__, export, mix
from .config import Config
from .errors import StorageError
from .identity import identify
from .models import Article, Episode, OutputFile, Residue, Voicing
from .names import episode_stem
from .normalize import Normalizer
from .normalize.residue import strict_error
from .publish import catalog, heal
from .publish.cover import show_artwork
from .read import read_article
from .setting import output_shaping
from .synth import Reachability, unavailable
from .workfolder import OWNER_LOCK, WorkFolder

log = logging.getLogger(__name__)

GUID_NAMESPACE = uuid.UUID("6f1c9b1e-4a8e-5b55-9a43-6b756c6c6574")  # bulletin's own namespace


@dataclass(frozen=True)
class BuildResult:
    """What one build did. `voicing` and `staging` are None when it was already up to date."""

    episode: Episode
    up_to_date: bool
    voicing: Voicing | None = None
    residue: tuple[Residue, ...] = ()
    staging: Path | None = None  # where the episode's files wait to be published
    work: WorkFolder | None = None  # the build's private folder, which holds `staging`

    def discard(self) -> None:
        """Remove the build's private folder (after publishing, or to abandon the episode)."""
        if self.work is not None:
            self.work.remove()


def build_episode(
    source: str | Path,
    config: Config,
    out_dir: Path,
    *,
    clock: Callable[[], datetime],
    cache_dir: Path | None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    stdin: BinaryIO | None = None,
    reach: Reachability | None = None,
    episode_id: str | None = None,
) -> BuildResult:
    """Read, clean, speak, mix and export one article; return its (unpublished) record.

    `progress(stage, done, total)` follows every costly stage in turn: "voice" counts
    sentences, "mix" seconds of audio mixed and encoded.
    `reach` remembers whether online engines answer: a batch or a worker passes one to all
    its builds, so an unreachable host costs one probe, not one per article.
    `episode_id` forces the episode's id (replacing the episode of that id); see
    `bulletin.identity`.
    """
    reach = reach or Reachability(clock=time.monotonic)
    article = read_article(source, config.input, stdin=stdin)
    if out_dir.is_dir():  # a new folder is made only when synthesis starts
        _check_writable(out_dir)
        # Whatever a killed or failed publish, or a dead build, left here is put right first.
        heal(out_dir, config.show, clock=clock, cache_dir=cache_dir)
    identity = identify(article, catalog.load(out_dir), now=clock(), forced_id=episode_id)
    slug, existing = identity.slug, identity.existing
    article_sha256 = _article_hash(article)
    fingerprint = _fingerprint(article_sha256, config)
    if existing and not force and _up_to_date(existing, fingerprint, config, out_dir, reach):
        return BuildResult(episode=existing, up_to_date=True)  # nearly free: nothing costly ran
    # here, past that return: the rules, the engines and the audio stack are for real work
    from .script import make_script
    from .synth import voice_script

    # Everything that can be wrong with the inputs fails here, before minutes of synthesis.
    mix.check_jingles(config.audio)
    show_cover = show_artwork(config.show, cache_dir)  # every MP3 carries a picture (APIC)
    art = export.episode_art(article.meta.image, source)
    normalizer = Normalizer.load(config.speech)
    script = make_script(article, normalizer)
    if config.speech.strict and script.residue:
        raise strict_error(script.residue, "paragraph")
    created = _check_writable(out_dir)  # only now: a refused build leaves no folder behind
    work = WorkFolder.create(out_dir)
    workdir = work.path
    staging = workdir / "stage"
    try:
        staging.mkdir()
        voicing = voice_script(
            script, config.voice, workdir=workdir, cache_dir=cache_dir,
            progress=_stage(progress, "voice"), reach=reach,
        )
        programme = mix.mix_episode(voicing, config.audio, workdir, cache_dir=cache_dir,
                                    consume_clips=True, progress=_stage(progress, "mix"))
        published = identity.published
        tags = export.Tags(
            title=article.headline,
            show=config.show.title,
            artist=config.show.author,  # what players list the show under
            date=published,
            language=article.meta.language,
            description=article.description,
            cover=art or show_cover,  # the episode's own art in its MP3 when it has one
            voice=f"{voicing.engine} {voicing.voice}",
        )
        stem = episode_stem(slug, fingerprint)
        files = export.export_episode(programme, tags, config.audio, staging, stem, art=art)
        files = _content_named(staging, files, stem, slug)
    except BaseException as e:
        work.remove()
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if still empty
        if isinstance(e, OSError):  # disk full, a folder made read-only under us: say where
            where = e.filename or workdir
            raise StorageError(f"cannot write {where}: {e.strerror or e}") from e
        raise
    for scratch in workdir.iterdir():  # sentence clips and the master: no longer needed
        if scratch.is_dir() and scratch != staging:
            shutil.rmtree(scratch)
        elif scratch.is_file() and scratch.name != OWNER_LOCK:
            scratch.unlink()

    episode = Episode(
        guid=str(uuid.uuid5(GUID_NAMESPACE, f"{config.show.base_url}#{slug}")),
        slug=slug,
        title=article.headline,
        description=article.description,
        published=published,
        duration_ms=programme.duration_ms,
        files=files,
        engine=voicing.engine,
        voice=voicing.voice,
        source=str(source),
        article_sha256=article_sha256,
        fingerprint=fingerprint,
        language=article.meta.language,
        image=next((f.name for f in files if f.kind == "image"), None),
        tags=article.meta.tags,
        chapters=programme.chapters,
    )
    return BuildResult(episode=episode, up_to_date=False, voicing=voicing,
                       residue=script.residue, staging=staging, work=work)


def _stage(
    progress: Callable[[str, int, int], None] | None, stage: str
) -> Callable[[int, int], None] | None:
    """A stage's own `(done, total)` callback, reporting under its name."""
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def _content_named(
    folder: Path, files: tuple[OutputFile, ...], stem: str, slug: str
) -> tuple[OutputFile, ...]:
    """Rename the files after a hash of their contents: a published URL never changes its
    bytes (apps and CDNs cache by URL), even when the same inputs were spoken by another
    voice, and the same bytes always get the same name."""
    digest = hashlib.sha256("".join(f.sha256 for f in files).encode()).hexdigest()
    final = episode_stem(slug, digest)
    renamed = []
    for f in files:
        name = final + f.name.removeprefix(stem)
        os.replace(folder / f.name, folder / name)
        renamed.append(dataclasses.replace(f, name=name))
    return tuple(renamed)


def _article_hash(article: Article) -> str:
    data = json.dumps(dataclasses.asdict(article), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _fingerprint(article_sha256: str, config: Config) -> str:
    """Everything that shapes the episode's files: same fingerprint → the build is up to date.

    The settings that count are the fields declared `shapes=True` (`bulletin/setting.py`);
    a file they name (lexicon, jingle, cover) counts by its size and modification time too,
    since it changes the output when edited in place.
    """
    shaping = output_shaping(config)
    blob = json.dumps(
        {"version": __version__, "article": article_sha256, "settings": shaping,
         "files": _file_stamps(shaping)},
        ensure_ascii=False, sort_keys=True, default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _file_stamps(shaping: dict[str, object]) -> list[str]:
    paths = [p for v in shaping.values() for p in (v if isinstance(v, tuple) else (v,))
             if isinstance(p, Path)]
    stamps = []
    for path in paths:
        if path.is_file():
            stat = path.stat()
            stamps.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return stamps


def _up_to_date(existing: Episode, fingerprint: str, config: Config, out_dir: Path,
                reach: Reachability) -> bool:
    """Same inputs, spoken by the engine asked for, files in place.

    An episode the fallback voiced is up to date only while the primary engine still cannot
    speak: once its host answers again, the next build gives the episode the primary voice.
    """
    voice = config.voice
    if existing.fingerprint != fingerprint or not all(
        (out_dir / f.name).is_file() for f in existing.files
    ):
        return False
    if existing.engine == voice.engine:
        return True
    return existing.engine == voice.fallback and unavailable(voice.engine, voice, reach) is not None


def _check_writable(out_dir: Path) -> bool:
    """Make the output folder if needed (True: this build made it) and check it is writable."""
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StorageError(f"cannot create output folder {out_dir}: {e.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise StorageError(f"output folder {out_dir} is not writable (choose another with -o)")
    return created
