"""`publish` and `heal`: keep one invariant in the output folder, under one lock.

**The invariant:** the episode files on disk are exactly those the catalog lists, and
`feed.xml` and `index.html` show exactly the catalog. The catalog is the source of truth.

A publish renders everything in memory first (a bad config changes nothing), writes its
intent to the journal (`journal.py`), then moves the new episode's staged files in, replaces
catalog, feed and page (each atomically) and only then deletes the files of dropped
episodes, so the feed on disk never points at a file that is gone; last it clears the
journal. A publisher killed or failing (full disk) anywhere in between leaves the journal.

`heal` restores the invariant. Every build runs it first, even one that finds its episode
up to date, so nothing stays broken until someone rebuilds; every publish runs steps 1-3:

1. a pending journal is rolled forward (all its files are still at hand) or back;
2. stale temporaries (`.*.tmp`: only the lock holder writes those) are deleted;
3. the work folders of dead builds (their owner's lock is free) are removed;
4. feed and page are written again when the revision they carry (`<!-- bulletin-revision:
   … -->`, `<meta name="bulletin-revision">`) is not that of the catalog and show settings;
5. episode files (`{slug}-{hash}.mp3` etc.) that the catalog does not list are deleted.
   A publish skips this: its caller may have put an episode's files in place to publish
   them (`staged_in=None`); builds always stage theirs.

A corrected article (same slug) replaces its episode in place: it keeps its guid and its
original pubDate, so apps update the episode instead of announcing a new one, while the new
audio file name (a new enclosure URL) makes them fetch the corrected audio.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import PublishError
from ..files import write_bytes_atomic, write_text_atomic
from ..models import Episode
from ..names import is_safe_name, is_slug
from ..workfolder import WORK_PREFIX, sweep_abandoned
from . import catalog, journal
from .cover import is_cover_name, prepare_cover
from .feed import FEED_NAME, render_feed
from .page import PAGE_NAME, is_font_name, render_page, web_font
from .settings import PublishSettings, ShowSettings

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".png")  # what itunes:image accepts
# What an episode file is named (`names.episode_stem` + an export or artwork suffix): only
# such files are ever deleted as unlisted, so an output folder shared with other files is safe.
EPISODE_FILE = re.compile(
    r"[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{10}"
    r"\.(?:mp3|wav|vtt|srt|chapters\.json|cues\.csv|jpg|png)"
)
_REVISION = re.compile(rb"bulletin-revision[:\"= ]+(?:content=\")?([0-9a-f]{16})")


@dataclasses.dataclass(frozen=True)
class _Rendered:
    """Everything a publish writes besides the episode files, rendered before any change."""

    cover_name: str
    cover: bytes
    feed: bytes
    page: str
    revision: str


def publish(
    out_dir: Path,
    show: ShowSettings,
    settings: PublishSettings,
    *,
    add: Episode | None = None,
    staged_in: Path | None = None,
    remove: Sequence[str] = (),
    clock: Callable[[], datetime],
    cache_dir: Path | None = None,
) -> tuple[Episode, ...]:
    """Add or replace `add`, drop `remove` (slugs or guids), prune, rewrite feed and page.

    `staged_in` is the folder (on the same filesystem) where a build left `add`'s files:
    they are moved in under the lock, so a build killed before publishing leaves no file
    in the output folder that the feed does not list. None: the files are already there.
    `cache_dir` keeps the generated cover between runs (`cover.show_artwork`).
    Returns the catalog after the change, newest first. Safe with concurrent publishers.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with catalog.locked(out_dir):
            _heal_locked(out_dir, show, clock, cache_dir, full=False)
            return _publish_locked(out_dir, show, settings, add, staged_in, remove, clock,
                                   cache_dir)
    except OSError as e:
        raise _write_error(out_dir, e) from None


def heal(out_dir: Path, show: ShowSettings, *, clock: Callable[[], datetime],
         cache_dir: Path | None = None) -> None:
    """Restore the invariant in `out_dir` (see the module doc); nothing to do is nearly free.

    A folder with nothing to heal (no catalog, journal or work folder: a new one) is left
    as it is, lock file included. `cache_dir`: as for `publish`.
    """
    names = (catalog.CATALOG_NAME, journal.JOURNAL_NAME)
    if not any((out_dir / name).exists() for name in names) and not any(
        out_dir.glob(f"{WORK_PREFIX}*")
    ):
        return
    try:
        with catalog.locked(out_dir):
            _heal_locked(out_dir, show, clock, cache_dir)
    except OSError as e:
        raise _write_error(out_dir, e) from None


def _write_error(out_dir: Path, e: OSError) -> PublishError:
    where = e.filename or out_dir
    return PublishError(
        f"cannot update the published files in {out_dir}: {where}: {e.strerror or e}; check "
        "that the folder is writable and the disk not full (nothing is lost: the next build "
        "or publish finishes or undoes this one)"
    )


def _publish_locked(
    out_dir: Path,
    show: ShowSettings,
    settings: PublishSettings,
    add: Episode | None,
    staged_in: Path | None,
    remove: Sequence[str],
    clock: Callable[[], datetime],
    cache_dir: Path | None,
) -> tuple[Episode, ...]:
    if add is not None:  # under the lock: a concurrent prune cannot pull files away after it
        _check_new_episode(staged_in or out_dir, add)
    before = catalog.load(out_dir)
    after, dropped = _change(before, add, remove, settings.max_episodes, out_dir)
    rendered = _render(show, after, clock, cache_dir)
    kept = {f.name for e in after for f in e.files}
    intent = journal.Journal(
        staged_in=staged_in if add is not None else None,
        moves=tuple(f.name for f in add.files) if add is not None and staged_in else (),
        episodes=after,
        delete=tuple(sorted({f.name for e in dropped for f in e.files} - kept)),
    )
    journal.write(out_dir, intent)
    _apply(out_dir, intent, rendered)
    log.info("published %d episode(s) to %s", len(after), out_dir)
    return after


def _apply(out_dir: Path, intent: journal.Journal, rendered: _Rendered) -> None:
    """Carry out a journaled publish; safe to run again after it was cut short anywhere."""
    for name in intent.moves:  # names checked; same filesystem, so each is a rename
        if intent.staged_in is not None and (intent.staged_in / name).exists():
            os.replace(intent.staged_in / name, out_dir / name)
    _write_outputs(out_dir, intent.episodes, rendered)
    for name in intent.delete:
        _delete(out_dir, name)
    _delete_old_covers(out_dir, rendered.cover_name, intent.episodes)
    journal.clear(out_dir)


def _write_outputs(out_dir: Path, episodes: tuple[Episode, ...], rendered: _Rendered) -> None:
    """Cover (if new), catalog, feed, page: in this order, each replaced atomically."""
    if not (out_dir / rendered.cover_name).is_file():
        write_bytes_atomic(out_dir / rendered.cover_name, rendered.cover)
    font_name, font = web_font()  # the page's Devanagari font, beside it
    if not (out_dir / font_name).is_file():
        write_bytes_atomic(out_dir / font_name, font)
    catalog.save(out_dir, episodes)
    write_bytes_atomic(out_dir / FEED_NAME, rendered.feed)
    write_text_atomic(out_dir / PAGE_NAME, rendered.page)


def _render(
    show: ShowSettings, episodes: tuple[Episode, ...], clock: Callable[[], datetime],
    cache_dir: Path | None,
) -> _Rendered:
    cover_name, cover = prepare_cover(show, cache_dir)
    revision = _revision(show, episodes)
    return _Rendered(
        cover_name=cover_name,
        cover=cover,
        feed=render_feed(show, episodes, cover_name=cover_name, now=clock(), revision=revision),
        page=render_page(show, episodes, cover_name=cover_name, revision=revision),
        revision=revision,
    )


def _revision(show: ShowSettings, episodes: tuple[Episode, ...]) -> str:
    """What feed and page are made of, hashed: the catalog and the show settings (with the
    configured cover file's stamp; the generated cover follows from the title)."""
    cover = show.cover.stat() if show.cover is not None and show.cover.is_file() else None
    made_of = {
        "episodes": [catalog.to_dict(e) for e in episodes],
        "show": dataclasses.asdict(show),
        "cover": [cover.st_size, cover.st_mtime_ns] if cover else None,
    }
    blob = json.dumps(made_of, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _heal_locked(
    out_dir: Path, show: ShowSettings, clock: Callable[[], datetime], cache_dir: Path | None,
    *, full: bool = True,
) -> None:
    """The steps of the module doc; a publish (`full=False`) skips 4 (it rewrites feed and
    page anyway) and 5."""
    pending = journal.read(out_dir)
    if pending is not None:
        _recover(out_dir, show, clock, cache_dir, pending)
    episodes = catalog.load(out_dir)
    if full and (episodes or (out_dir / FEED_NAME).exists()):
        revision = _revision(show, episodes)
        stale = [name for name in (FEED_NAME, PAGE_NAME)
                 if _revision_of(out_dir / name) != revision]
        if stale:
            rendered = _render(show, episodes, clock, cache_dir)
            _write_outputs(out_dir, episodes, rendered)
            _delete_old_covers(out_dir, rendered.cover_name, episodes)
            log.warning("%s: rewrote %s to match the catalog", out_dir, " and ".join(stale))
    _sweep(out_dir, episodes, unlisted=full)
    sweep_abandoned(out_dir)


def _sweep(out_dir: Path, episodes: Sequence[Episode], *, unlisted: bool) -> None:
    """Delete stale temporaries (only the lock holder writes temporaries here, and the
    caller holds the lock) and, with `unlisted`, episode files no episode lists."""
    listed = {f.name for e in episodes for f in e.files}
    removed = []
    for name in sorted(os.listdir(out_dir)):
        if name.startswith(".") and name.endswith(".tmp"):  # a name os.listdir gave us
            (out_dir / name).unlink(missing_ok=True)
        elif unlisted and EPISODE_FILE.fullmatch(name) and name not in listed and (
            not is_cover_name(name)
        ):
            _delete(out_dir, name)
            removed.append(name)
    if removed:
        log.warning("%s: removed %d file(s) no published episode lists: %s", out_dir,
                    len(removed), ", ".join(removed))


def _delete_old_covers(out_dir: Path, cover_name: str, episodes: Sequence[Episode]) -> None:
    """Covers the feed no longer names (after the feed that names the new one is written)."""
    listed = {f.name for e in episodes for f in e.files}
    font_name = web_font()[0]
    for name in os.listdir(out_dir):
        if (is_cover_name(name) and name != cover_name and name not in listed) or (
            is_font_name(name) and name != font_name
        ):
            _delete(out_dir, name)


def _recover(
    out_dir: Path, show: ShowSettings, clock: Callable[[], datetime], cache_dir: Path | None,
    pending: journal.Journal,
) -> None:
    """Finish the interrupted publish if all its files are at hand, else undo it."""
    def at_hand(name: str) -> bool:
        staged = pending.staged_in is not None and (pending.staged_in / name).is_file()
        return staged or (out_dir / name).is_file()

    if all(at_hand(name) for name in pending.moves):
        _apply(out_dir, pending, _render(show, pending.episodes, clock, cache_dir))
        log.warning("%s: finished an interrupted publish (%d episode(s))", out_dir,
                    len(pending.episodes))
        return
    listed = {f.name for e in catalog.load(out_dir) for f in e.files}
    for name in pending.moves:
        if name not in listed:
            _delete(out_dir, name)
    journal.clear(out_dir)
    log.warning("%s: undid an interrupted publish whose files are gone", out_dir)


def _revision_of(path: Path) -> str | None:
    """The revision stamped near the top of a feed or page we wrote; None if absent."""
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except FileNotFoundError:
        return None
    match = _REVISION.search(head)
    return match.group(1).decode() if match else None


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
