"""Which episode an article is, and its date: the rules that keep a newsroom's feed honest.

An episode's id (its slug: the catalog key, part of the guid and of every file name) comes
from the article, never from the file name — `monday/article.md` and `tuesday/article.md`
are different stories:

1. `--id` on the command line (staff forcing a replacement), else
2. front matter `id:` or `slug:`, else
3. the article's date and its normalized headline: `2024-02-08-repo-dar-ghati-3f9a1c`
   (readable words plus a hash of the whole headline, so two long headlines that start
   alike stay apart), else, for an undated article,
4. the episode already built from the same source with the same headline (an edit), else
   the same id made with the date of this first build (and the source in the hash: two
   undated files with one headline are two stories).

An episode built before these rules (named after its file) is found again when its
headline is unchanged, so a rebuild still replaces it instead of duplicating it.

The date is the article's: front matter `date`, the page's `article:published_time` or
`<time datetime>` (both already in `ArticleMeta.published`; a day without a time is noon
IST, `read.frontmatter.day_only`), else the dateline's date, at noon IST too; else the
first build's time. Once published, an
episode keeps its date across rebuilds (the catalog's), so the same inputs give the same
tags and bytes, and apps do not re-announce an edit.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .errors import InputError
from .models import Article, Episode
from .names import is_slug, slugify
from .publish.catalog import IST, as_aware
from .read.frontmatter import day_only
from .read.rules import calendar_date

WORDS_MAX_CHARS = 40  # the readable part of an id; date + words + hash stay within a slug
HASH_CHARS = 6


@dataclass(frozen=True)
class Identity:
    slug: str
    published: datetime
    existing: Episode | None  # the catalog's episode this build replaces, if any


def identify(
    article: Article,
    episodes: Sequence[Episode],
    *,
    now: datetime,
    forced_id: str | None = None,
) -> Identity:
    """The id and date of `article` given the published `episodes` and the build's clock."""
    if forced_id is not None and not is_slug(forced_id):
        raise InputError(
            f"--id {forced_id!r} must be lowercase ASCII letters, digits and hyphens "
            "like `monsoon-update` (at most 60 characters)"
        )
    by_slug = {e.slug: e for e in episodes}
    own_date = article_date(article, now)
    slug = forced_id or article.meta.slug
    if slug is None:
        existing = _same_story(article, episodes, dated=own_date is not None)
        # undated, the file is part of the story: two files with one headline stay apart
        source = None if own_date else article.meta.source
        slug = existing.slug if existing else story_id(article.headline, own_date or now, source)
    existing = by_slug.get(slug)
    published = existing.published if existing else own_date or now
    return Identity(slug=slug, published=published, existing=existing)


def story_id(headline: str, when: datetime, source: str | None = None) -> str:
    """`{date}-{headline words}-{hash of the normalized headline [and source]}`."""
    day = _as_ist(when).date()
    words = slugify(headline)
    if len(words) > WORDS_MAX_CHARS:
        words = words[: WORDS_MAX_CHARS + 1].rsplit("-", 1)[0] or words[:WORDS_MAX_CHARS]
    key = headline_key(headline) + (f"\n{source}" if source is not None else "")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"{day.isoformat()}-{words}-{digest}"


def headline_key(headline: str) -> str:
    """The headline as compared: NFC, case-folded, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFC", headline).casefold()
    kept = (ch if ch.isalnum() or unicodedata.category(ch)[0] == "M" else " " for ch in text)
    return " ".join("".join(kept).split())


def article_date(article: Article, now: datetime) -> datetime | None:
    """The date the article gives itself (see the module doc), or None."""
    if article.meta.published is not None:
        return article.meta.published
    if article.dateline is None or article.dateline.date is None:
        return None
    found = calendar_date(article.dateline.date)
    if found is None:
        return None
    today = _as_ist(now).date()
    year = found.year if found.year is not None else _latest_year(found.day, found.month, today)
    try:
        day = date(year, found.month, found.day)
    except ValueError:  # 29 फ़रवरी of the year the build inferred: not a leap year
        return None
    return as_aware(day_only(day))


def _latest_year(day: int, month: int, today: date) -> int:
    """A dateline without a year means the latest such day that is not after tomorrow."""
    for year in (today.year, today.year - 1):
        try:
            if date(year, month, day) <= today + timedelta(days=1):
                return year
        except ValueError:
            continue
    return today.year - 1


def _same_story(article: Article, episodes: Sequence[Episode], *, dated: bool) -> Episode | None:
    """An undated article edited and built again, or an episode named after its file by an
    earlier bulletin: same source, same headline."""
    key = headline_key(article.headline)
    source = article.meta.source
    legacy = slugify(Path(source).stem) if source != "-" else None
    for episode in episodes:
        if episode.source != source or headline_key(episode.title) != key:
            continue
        if episode.slug == legacy or not dated:
            return episode
    return None


def _as_ist(when: datetime) -> datetime:
    return as_aware(when).astimezone(IST)
