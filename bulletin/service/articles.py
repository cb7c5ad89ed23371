"""What a newsroom hands over (JSON fields, an uploaded file, a hot-folder file) → one source file.

The build reads files, so every submission becomes the file the reader already knows: text
and Markdown carry the JSON fields as YAML front matter, HTML as `<meta>` tags in front of
the page. Nothing is pasted into markup unescaped: YAML is written by the YAML library and
HTML attribute values are escaped, so a headline with `<script>` or `---` stays a headline.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import yaml

from ..errors import InputError
from ..names import MAX_SLUG_CHARS, is_slug, slugify

FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html"}
SUFFIXES = {".txt": ".txt", ".text": ".txt", ".md": ".md", ".markdown": ".md", ".html": ".html",
            ".htm": ".html"}
TEXT_FIELDS = ("headline", "author", "image", "date")
KNOWN_FIELDS = ("id", "body", "format", "tags", *TEXT_FIELDS)


@dataclass(frozen=True)
class Submission:
    """One article as bytes of a file the reader knows, with the id the newsroom gave it."""

    article_id: str  # a slug: the episode's stable name
    suffix: str  # ".txt", ".md" or ".html": picks the reader
    data: bytes

    @property
    def file_name(self) -> str:
        return f"{self.article_id}{self.suffix}"

    @property
    def key(self) -> str:
        """The idempotency key: the same article id and content is the same job."""
        content = hashlib.sha256(self.data).hexdigest()
        return hashlib.sha256(f"{self.article_id}\n{content}".encode()).hexdigest()[:32]


def from_json(payload: Any) -> Submission:
    """The JSON body of `POST /v1/articles`; InputError names the field at fault."""
    if not isinstance(payload, dict):
        raise InputError("the request must be a JSON object with `id` and `body`")
    unknown = sorted(str(k) for k in payload if k not in KNOWN_FIELDS)
    if unknown:
        raise InputError(f"unknown field `{unknown[0]}` (known: {', '.join(KNOWN_FIELDS)})")
    article_id = check_id(payload.get("id"))
    body = payload.get("body")
    if not isinstance(body, str) or not body.strip():
        raise InputError("`body` must be the article's text (text, Markdown or HTML)")
    form = payload.get("format", "text")
    if form not in FORMATS:
        raise InputError(f"`format` must be one of {', '.join(FORMATS)}, not {form!r}")
    fields = {k: payload[k] for k in TEXT_FIELDS if payload.get(k) is not None}
    for key, value in fields.items():
        if not isinstance(value, str) or not value.strip() or "\x00" in value:
            raise InputError(f"`{key}` must be text, not {value!r}")
    tags = payload.get("tags")
    if tags is not None and (
        not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags)
    ):
        raise InputError("`tags` must be a list of words")
    if form == "html":
        data = _html(body, fields, tags or [])
    else:
        data = _front_matter(body, article_id, fields, tags)
    return Submission(article_id, FORMATS[form], data)


def from_file(name: str, data: bytes, article_id: str | None = None) -> Submission:
    """An uploaded or dropped file: its extension picks the reader, its stem is the default id."""
    path = PurePath(name)
    suffix = SUFFIXES.get(path.suffix.lower())
    if suffix is None:
        raise InputError(f"{path.name}: not an article file (use .txt, .md or .html)")
    return Submission(check_id(article_id or slugify(path.stem)), suffix, data)


def check_id(value: Any) -> str:
    if not isinstance(value, str) or not is_slug(value):
        raise InputError(
            f"`id` must be a slug of at most {MAX_SLUG_CHARS} lowercase ASCII letters, digits "
            f"and hyphens like `monsoon-update`, not {value!r}"
        )
    return value


def _front_matter(body: str, article_id: str, fields: dict[str, str],
                  tags: list[str] | None) -> bytes:
    meta: dict[str, Any] = {"slug": article_id}
    if "headline" in fields:
        meta["title"] = fields["headline"]
    for key in ("author", "image", "date"):
        if key in fields:
            meta[key] = fields[key]  # a string: the reader parses and checks the date
    if tags is not None:
        meta["tags"] = tags
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{body}".encode()


def _html(body: str, fields: dict[str, str], tags: list[str]) -> bytes:
    """`<meta>` tags the HTML reader reads; the page's own `<h1>` stays the headline."""
    names = {"headline": "og:title", "author": "author", "image": "og:image",
             "date": "article:published_time"}
    metas = [(names[k], v) for k, v in fields.items()]
    metas += [("article:tag", t) for t in tags]
    head = "".join(
        f'<meta property="{p}" content="{html.escape(v, quote=True)}">\n' for p, v in metas
    )
    return f'<!doctype html>\n<meta charset="utf-8">\n{head}{body}'.encode()

