"""`index.html`: the static download page for listeners and radio staff.

Rendered with Jinja2 (autoescaping on) from `templates/index.html`. Every link is relative,
so the same file works opened from disk and served from `base_url`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..models import Episode
from .catalog import IST, as_aware
from .feed import FEED_NAME, file_url
from .settings import ShowSettings

PAGE_NAME = "index.html"
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
    label: str
    href: str
    size: str


@dataclass(frozen=True)
class Row:
    """One episode as the page shows it."""

    slug: str
    title: str
    description: str
    date_iso: str
    date_text: str
    duration_iso: str
    duration_text: str
    audio_href: str
    downloads: tuple[Download, ...]


def render_page(
    show: ShowSettings, episodes: Sequence[Episode], *, cover_name: str, revision: str = ""
) -> str:
    """The page for `episodes` (newest first, as given); `revision`: see `update.heal`."""
    env = Environment(
        loader=PackageLoader("bulletin.publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template(PAGE_NAME).render(
        show=show,
        cover_href=quote(cover_name),
        feed_href=quote(FEED_NAME),
        feed_url=file_url(show, FEED_NAME),
        rows=[_row(e) for e in episodes],
        revision=revision,
    )


def _row(episode: Episode) -> Row:
    when = as_aware(episode.published).astimezone(IST)
    seconds = round(episode.duration_ms / 1000)
    mp3 = episode.file("mp3")
    downloads = tuple(
        Download(label, quote(f.name), human_size(f.size_bytes))
        for kind, label in DOWNLOADS
        if (f := episode.file(kind))
    )
    return Row(
        slug=episode.slug,
        title=episode.title,
        description=episode.description,
        date_iso=when.isoformat(),
        date_text=when.strftime("%d.%m.%Y, %H:%M IST"),
        duration_iso=f"PT{seconds}S",
        duration_text=duration_text(seconds),
        audio_href=quote(mp3.name) if mp3 else "",
        downloads=downloads,
    )


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
