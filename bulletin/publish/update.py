"""`publish`: change the catalog and regenerate feed, page and cover, all under one lock.

Order matters for a process killed at any point: everything is rendered in memory first
(a bad config changes nothing), then a new episode's staged files are moved in, then cover,
catalog, feed and page are each replaced atomically, and only then are the files of
dropped episodes deleted — so the feed on disk never points at a file that is gone. (A
kill between the move and the catalog write, a few milliseconds, leaves the new files
unlisted until the article is built again.) The catalog is the source of truth: if a write after it
fails (full disk), the next publish regenerates feed and page from it.

A corrected article (same slug) replaces its episode in place: it keeps its guid and its
original pubDate, so apps update the episode instead of announcing a new one, while the new
audio file name (a new enclosure URL) makes them fetch the corrected audio.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import PublishError
from ..files import write_bytes_atomic, write_text_atomic
from ..models import Episode
from ..names import is_safe_name, is_slug
from . import catalog
from .cover import is_cover_name, prepare_cover
from .feed import FEED_NAME, render_feed
from .page import PAGE_NAME, render_page
from .settings import PublishSettings, ShowSettings

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".png")  # what itunes:image accepts


def publish(
    out_dir: Path,
    show: ShowSettings,
    settings: PublishSettings,
    *,
    add: Episode | None = None,
    staged_in: Path | None = None,
    remove: Sequence[str] = (),
    clock: Callable[[], datetime],
) -> tuple[Episode, ...]:
    """Add or replace `add`, drop `remove` (slugs or guids), prune, rewrite feed and page.

    `staged_in` is the folder (on the same filesystem) where a build left `add`'s files:
    they are moved in under the lock, so a build killed before publishing leaves no file
    in the output folder that the feed does not list. None: the files are already there.
    Returns the catalog after the change, newest first. Safe with concurrent publishers.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with catalog.locked(out_dir):
            return _publish_locked(out_dir, show, settings, add, staged_in, remove, clock)
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        raise PublishError(
            f"{out_dir}: cannot update the published files{where}: {e.strerror or e}; "
            "check that the folder is writable and the disk not full"
        ) from None


def _publish_locked(
    out_dir: Path,
    show: ShowSettings,
    settings: PublishSettings,
    add: Episode | None,
    staged_in: Path | None,
    remove: Sequence[str],
    clock: Callable[[], datetime],
) -> tuple[Episode, ...]:
    if add is not None:  # under the lock: a concurrent prune cannot pull files away after it
        _check_new_episode(staged_in or out_dir, add)
    before = catalog.load(out_dir)
    after, dropped = _change(before, add, remove, settings.max_episodes, out_dir)
    cover_name, cover = prepare_cover(show)
    feed = render_feed(show, after, cover_name=cover_name, now=clock())
    page = render_page(show, after, cover_name=cover_name)

    if not (out_dir / cover_name).is_file():
        write_bytes_atomic(out_dir / cover_name, cover)
    if add is not None and staged_in is not None:
        for f in add.files:  # names checked above; same filesystem, so each is a rename
            os.replace(staged_in / f.name, out_dir / f.name)
    catalog.save(out_dir, after)
    write_bytes_atomic(out_dir / FEED_NAME, feed)
    write_text_atomic(out_dir / PAGE_NAME, page)

    kept = {f.name for e in after for f in e.files}
    for name in sorted({f.name for e in dropped for f in e.files} - kept):
        _delete(out_dir, name)
    for name in os.listdir(out_dir):
        if is_cover_name(name) and name != cover_name and name not in kept:
            _delete(out_dir, name)
    log.info("published %d episode(s) to %s", len(after), out_dir)
    return after


def _change(
    before: tuple[Episode, ...],
    add: Episode | None,
    remove: Sequence[str],
    max_episodes: int | None,
    out_dir: Path,
) -> tuple[tuple[Episode, ...], list[Episode]]:
    """The catalog after the change, and the episodes that left it (whose files may go)."""
    by_slug = {e.slug: e for e in before}
    dropped: list[Episode] = []
    for ident in remove:
        match = next((e for e in by_slug.values() if ident in (e.slug, e.guid)), None)
        if match is None:
            raise PublishError(
                f"no episode {ident!r} in {out_dir}; see `bulletin episodes list {out_dir}`"
            )
        dropped.append(by_slug.pop(match.slug))
    if add is not None:
        old = by_slug.get(add.slug)
        if old is not None:
            add = dataclasses.replace(add, guid=old.guid, published=old.published)
            dropped.append(old)
        else:
            clash = next((e for e in by_slug.values() if e.guid == add.guid), None)
            if clash is not None:
                raise PublishError(
                    f"episode {add.slug} has the guid of episode {clash.slug} ({add.guid}); "
                    "guids must be unique"
                )
            add = dataclasses.replace(add, published=catalog.as_aware(add.published))
        by_slug[add.slug] = add
    after = catalog.newest_first(by_slug.values())
    if max_episodes is not None and len(after) > max_episodes:
        dropped.extend(after[max_episodes:])
        after = after[:max_episodes]
    return after, dropped


def _check_new_episode(where: Path, episode: Episode) -> None:
    """An episode must name existing files of the sizes it claims: the feed's lengths rely on it."""
    if not is_slug(episode.slug):
        raise PublishError(f"episode slug {episode.slug!r} is not safe; make it with slugify")
    if episode.file("mp3") is None:
        raise PublishError(f"episode {episode.slug} has no MP3 file; nothing to publish")
    for f in episode.files:
        if not is_safe_name(f.name):
            raise PublishError(f"episode {episode.slug}: unsafe file name {f.name!r}")
        try:
            size = (where / f.name).stat().st_size
        except OSError:
            raise PublishError(f"episode {episode.slug}: {where / f.name} is missing") from None
        if size != f.size_bytes:
            raise PublishError(
                f"episode {episode.slug}: {f.name} has {size} bytes, the record says "
                f"{f.size_bytes}; export again"
            )
    if episode.image is not None:
        _check_image(where, episode)


def _check_image(where: Path, episode: Episode) -> None:
    """`where` holds the episode's files: the output folder, or the build's staging folder."""
    image = episode.image or ""
    parts = urlsplit(image)
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc)
    ok_name = absolute or (is_safe_name(image) and (where / image).is_file())
    if not ok_name or not parts.path.lower().endswith(IMAGE_SUFFIXES):
        raise PublishError(
            f"episode {episode.slug}: image {image!r} must be an http(s) URL or a file in "
            f"{where}, ending in .jpg or .png; fix `image:` in the article's front matter"
        )


def _delete(out_dir: Path, name: str) -> None:
    """Unlink one published file by its plain name (never a path: names are checked)."""
    if not is_safe_name(name):
        raise PublishError(f"refusing to delete {name!r}: not a plain file name in {out_dir}")
    try:
        (out_dir / name).unlink()
        log.info("deleted %s", name)
    except FileNotFoundError:
        log.debug("already gone: %s", name)
