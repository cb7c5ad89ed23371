"""Optional YAML front matter (`---` … `---`) at the top of a text or Markdown article.

It carries what the copy itself cannot say reliably (publish date, author, tags, slug) and
may set the headline. Mistakes are errors with the line number, never ignored: a misspelt
`date` key would otherwise publish the episode with the wrong date.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from .. import yamlfile
from ..errors import InputError
from ..models import ArticleMeta
from ..names import MAX_SLUG_CHARS, is_slug

KEYS = ("author", "date", "id", "image", "slug", "tags", "title")
DAY_ONLY_TIME = time(12, 0)
DAY_CHARS = len("2024-06-14")
_FENCE = "---"
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    title: str | None = None
    published: datetime | None = None  # naive stays naive: the publisher picks the zone
    author: str | None = None
    image: str | None = None
    tags: tuple[str, ...] | None = None
    slug: str | None = None

    def apply(self, meta: ArticleMeta) -> ArticleMeta:
        """`meta` with every field the front matter sets replaced."""
        fields = ("published", "author", "image", "tags", "slug")
        changes = {f: getattr(self, f) for f in fields if getattr(self, f) is not None}
        return dataclasses.replace(meta, **changes)


def split_front_matter(text: str, name: str) -> tuple[FrontMatter, str]:
    """Separate the front matter from the body; no opening `---` line means none."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return FrontMatter(), text
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)
    if end is None:
        raise InputError(
            f"{name}: front matter opened by `---` on line 1 is never closed; "
            "add a closing `---` line (or remove the first line if it is not front matter)"
        )
    source = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    data = yamlfile.parse(source, name, InputError, what="front matter", first_line=2)
    if data is None:
        return FrontMatter(), body
    if not isinstance(data, dict):
        raise InputError(f"{name}: front matter (line 2) must be `key: value` lines")
    key_lines = yamlfile.key_lines(source, first_line=2)
    return _front_matter(data, key_lines, name), body


def _front_matter(data: dict[Any, Any], key_lines: dict[str, int], name: str) -> FrontMatter:
    for key in data:
        if key not in KEYS:
            line = key_lines.get(str(key), 2)
            raise InputError(
                f"{name}: unknown front matter key `{key}` on line {line} "
                f"(known: {', '.join(KEYS)})"
            )

    def where(key: str) -> str:
        return f"{name}: front matter `{key}` (line {key_lines.get(key, 2)})"

    values = {k: v for k, v in data.items() if v is not None}
    for key in ("title", "author", "image", "slug", "id"):
        if key in values and (not isinstance(values[key], str) or not values[key].strip()):
            raise InputError(f"{where(key)} must be text, not {values[key]!r}")
    for key in ("slug", "id"):  # `id` is the newsroom's word for the same thing
        if key in values and not is_slug(values[key]):
            raise InputError(
                f"{where(key)} must be at most {MAX_SLUG_CHARS} lowercase ASCII letters, "
                f"digits and hyphens like `monsoon-update`, not {values[key]!r}"
            )
    if "slug" in values and "id" in values and values["slug"] != values["id"]:
        raise InputError(f"{where('id')} and `slug` differ; keep one (both name the episode)")
    slug = values.get("slug", values.get("id"))
    return FrontMatter(
        title=_strip(values.get("title")),
        published=_date(values["date"], where("date")) if "date" in values else None,
        author=_strip(values.get("author")),
        image=_strip(values.get("image")),
        tags=_tags(values["tags"], where("tags")) if "tags" in values else None,
        slug=slug,
    )


def parse_stamp(text: str) -> datetime:
    """An ISO 8601 date or date and time; a day alone (`2024-06-14`) is `day_only`."""
    text = text.strip()
    stamp = datetime.fromisoformat(text)
    return day_only(stamp.date()) if len(text) == DAY_CHARS else stamp


def day_only(day: date) -> datetime:
    """A day without a time of its own is published at noon, newsroom time (naive: IST):
    midnight would be the evening before in UTC, the zone feeds are written in."""
    return datetime.combine(day, DAY_ONLY_TIME)


def _strip(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


def _date(value: Any, where: str) -> datetime:
    """YAML gives a date or a datetime for unquoted values; quoted ISO strings are read too."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return day_only(value)
    if isinstance(value, str):
        try:
            return parse_stamp(value)
        except ValueError:
            pass
    raise InputError(
        f"{where} must be a date like 2024-06-14 or 2024-06-14T10:30:00+05:30, not {value!r}"
    )


def _tags(value: Any, where: str) -> tuple[str, ...]:
    """A YAML list or one comma-separated string; numbers (a year) are read as text."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or any(
        isinstance(t, bool) or not isinstance(t, str | int | float) for t in items
    ):
        raise InputError(f"{where} must be a list of words or one comma-separated line")
    return tuple(dict.fromkeys(" ".join(str(t).split()) for t in items if str(t).strip()))
