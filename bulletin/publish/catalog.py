"""The episode catalog: `.catalog.json` in the output folder, changed only under a file lock.

Why JSON and not SQLite: the catalog is small (one record per episode), it must change
together with `feed.xml` and `index.html` under ONE lock anyway (SQLite's own locking would
not cover those), and an atomic rename (`bulletin.files`) gives lock-free readers a complete
old or new file. The file is a dot-file so `bulletin serve` never exposes source paths.

Datetimes are stored timezone-aware (ISO 8601 with offset); a naive one is read as India
Standard Time, the newsroom's clock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, get_args, get_type_hints

from filelock import FileLock, Timeout

from ..errors import PublishError
from ..files import write_text_atomic
from ..models import Chapter, Episode, OutputFile
from ..names import is_safe_name, is_slug

CATALOG_NAME = ".catalog.json"
LOCK_NAME = ".catalog.lock"
FORMAT = "bulletin-catalog"
VERSION = 1
LOCK_TIMEOUT_S = 120.0
IST = timezone(timedelta(hours=5, minutes=30), "IST")
FILE_KINDS = frozenset(get_args(get_type_hints(OutputFile)["kind"]))


def as_aware(when: datetime) -> datetime:
    """A naive datetime is newsroom time (IST); an aware one is kept as it is."""
    return when if when.tzinfo is not None else when.replace(tzinfo=IST)


def find(out_dir: Path, slug: str) -> Episode | None:
    """The published episode with `slug`, or None. Read-only and lock-free (atomic writes)."""
    return next((e for e in load(out_dir) if e.slug == slug), None)


def load(out_dir: Path) -> tuple[Episode, ...]:
    """Every episode in the catalog, newest first; empty when nothing was published yet."""
    path = out_dir / CATALOG_NAME
    try:
        raw = path.read_text("utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as e:
        raise PublishError(f"{path}: cannot read the episode catalog: {e}") from None
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError(f"not a {FORMAT} version {VERSION} file")
        return newest_first(from_dict(d) for d in data["episodes"])
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise damaged(path, "the episode catalog", e) from None


def damaged(path: Path, what: str, error: Exception) -> PublishError:
    return PublishError(f"{path}: {what} is damaged ({error}); restore it from a backup")


def save(out_dir: Path, episodes: tuple[Episode, ...]) -> None:
    """Replace the catalog atomically. Call only while holding `locked(out_dir)`."""
    data = {"format": FORMAT, "version": VERSION, "episodes": [to_dict(e) for e in episodes]}
    write_text_atomic(out_dir / CATALOG_NAME, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's inter-process lock (flock: released if the process dies)."""
    lock = FileLock(out_dir / LOCK_NAME, timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            yield
    except Timeout:
        raise PublishError(
            f"{out_dir}: another bulletin process held the publish lock for "
            f"{LOCK_TIMEOUT_S:.0f} s; wait for it to finish and publish again"
        ) from None


def newest_first(episodes: Iterable[Episode]) -> tuple[Episode, ...]:
    """Newest first; the slug breaks ties so the order never depends on insertion."""
    by_slug = sorted(episodes, key=lambda e: e.slug)
    return tuple(sorted(by_slug, key=lambda e: as_aware(e.published), reverse=True))


def to_dict(episode: Episode) -> dict[str, Any]:
    """A JSON-ready record (also what `bulletin episodes list --json` prints)."""
    record = dataclasses.asdict(episode)
    record["published"] = as_aware(episode.published).isoformat()
    return record


def from_dict(d: dict[str, Any]) -> Episode:
    """A record read back, checked so that a tampered catalog cannot name files outside."""
    files = tuple(OutputFile(**f) for f in d["files"])
    if "source_sha256" in d:  # catalogs of 0.1 named the article hash for the source file
        d = {k: v for k, v in d.items() if k != "source_sha256"} | {
            "article_sha256": d.get("article_sha256", d["source_sha256"])}
    episode = Episode(
        **{**d, "published": as_aware(datetime.fromisoformat(d["published"])), "files": files,
           "tags": tuple(d.get("tags", ())),
           "chapters": tuple(Chapter(**c) for c in d.get("chapters", ()))}
    )
    if not is_slug(episode.slug):
        raise ValueError(f"bad slug {episode.slug!r}")
    bad = [f.name for f in files if not is_safe_name(f.name) or f.kind not in FILE_KINDS]
    if bad:
        raise ValueError(f"episode {episode.slug}: bad file entry {bad[0]!r}")
    return episode
