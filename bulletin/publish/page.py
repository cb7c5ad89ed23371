"""`index.html`: the static download page for listeners and radio staff.

Rendered with Jinja2 (autoescaping on) from `templates/index.html`. Every link is relative,
so the same file works opened from disk and served from `base_url`. The page carries its
own Devanagari web font (Noto Sans Devanagari, subset, `static/`), published beside it,
because a radio desk's machine may have no Hindi font at all. Episodes are grouped by the
article's date; each shows its duration, voice and chapters before anyone presses play,
and its MP3 downloads under a readable name (`2024-02-08-rbi-repo-dar.mp3`).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote

from ..models import Episode
from ..months import month_names
from ..names import slugify
from .catalog import IST, as_aware
from .feed import FEED_NAME, file_url
from .settings import ShowSettings

PAGE_NAME = "index.html"
FONT_FILE = "NotoSansDevanagari.woff2"  # in `static/`; published under a content-hashed name
FONT_PREFIX = "noto-sans-devanagari-"
DOWNLOAD_WORDS_CHARS = 50  # the headline part of a downloaded file's name
# What radio staff may download, in this order, with the label the page shows.
DOWNLOADS = (
    ("mp3", "MP3"),
    ("wav", "WAV (प्रसारण)"),
    ("vtt", "प्रतिलेख VTT"),
    ("srt", "प्रतिलेख SRT"),
    ("cues", "क्यू शीट"),
)


@dataclass(frozen=True)
class Download:
    kind: str
    label: str
    href: str
    size: str
    filename: str  # what the browser saves it as: date + headline


@dataclass(frozen=True)
class ChapterRow:
    start: str
    title: str


@dataclass(frozen=True)
class Row:
    """One episode as the page shows it."""

    slug: str
    title: str
    description: str
    date_iso: str
    time_text: str
    duration_iso: str
    duration_text: str
    voice_text: str
    audio_href: str
    mp3: Download | None
    downloads: tuple[Download, ...]  # the others
    chapters: tuple[ChapterRow, ...]


@dataclass(frozen=True)
class Day:
    """The episodes of one article date, newest first."""

    date_iso: str
    date_text: str
    rows: tuple[Row, ...]


def render_page(
    show: ShowSettings, episodes: Sequence[Episode], *, cover_name: str, revision: str = ""
) -> str:
    """The page for `episodes` (newest first, as given); `revision`: see `update.heal`."""
    # here: Jinja2 (~0.04 s) loads only when a page is written, not for an up-to-date build
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("bulletin.publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    rows = [_row(e) for e in episodes]
    days = [Day(date_iso, _date_text(date_iso), tuple(group))
            for date_iso, group in itertools.groupby(rows, key=lambda r: r.date_iso[:10])]
    return env.get_template(PAGE_NAME).render(
        show=show,
        cover_href=quote(cover_name),
        feed_href=quote(FEED_NAME),
        feed_url=file_url(show, FEED_NAME),
        font_href=quote(web_font()[0]),
        days=days,
        revision=revision,
    )


@functools.cache
def web_font() -> tuple[str, bytes]:
    """(published file name, bytes) of the page's font: the name changes with the font."""
    data = resources.files(__package__).joinpath("static", FONT_FILE).read_bytes()
    return f"{FONT_PREFIX}{hashlib.sha256(data).hexdigest()[:10]}.woff2", data


def is_font_name(name: str) -> bool:
    return name.startswith(FONT_PREFIX) and name.endswith(".woff2")


def _row(episode: Episode) -> Row:
    when = as_aware(episode.published).astimezone(IST)
    seconds = round(episode.duration_ms / 1000)
    stem = f"{when.date().isoformat()}-{_words(episode.title)}"
    downloads = tuple(
        Download(kind, label, quote(f.name), human_size(f.size_bytes),
                 stem + f.name[f.name.index("."):])  # `.mp3`, `.chapters.json`: no dot in ids
        for kind, label in DOWNLOADS
        if (f := episode.file(kind))
    )
    mp3 = episode.file("mp3")
    return Row(
        slug=episode.slug,
        title=episode.title,
        description=episode.description,
        date_iso=when.isoformat(),
        time_text=when.strftime("%H:%M IST"),
        duration_iso=f"PT{seconds}S",
        duration_text=duration_text(seconds),
        voice_text=f"{episode.engine} ({episode.voice})",
        audio_href=quote(mp3.name) if mp3 else "",
        mp3=next((d for d in downloads if d.kind == "mp3"), None),
        downloads=tuple(d for d in downloads if d.kind != "mp3"),
        chapters=tuple(ChapterRow(duration_text(c.start_ms // 1000), c.title)
                       for c in episode.chapters),
    )


def _words(title: str) -> str:
    words = slugify(title)
    if len(words) > DOWNLOAD_WORDS_CHARS:
        words = words[: DOWNLOAD_WORDS_CHARS + 1].rsplit("-", 1)[0]
    return words


def _date_text(date_iso: str) -> str:
    """`2024-02-08` → `8 फ़रवरी 2024`."""
    year, month, day = (int(p) for p in date_iso.split("-"))
    return f"{day} {month_names()[str(month)]} {year}"


def duration_text(seconds: int) -> str:
    """185 → `3:05`; 3725 → `1:02:05`."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def human_size(size_bytes: int) -> str:
    """Decimal units, as file managers show them: 1_234_567 → `1.2 MB`."""
    if size_bytes < 1_000_000:
        return f"{max(1, round(size_bytes / 1000))} KB"
    return f"{size_bytes / 1_000_000:.1f} MB"
