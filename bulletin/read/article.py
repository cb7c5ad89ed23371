"""`read_article`: pick the reader for a source (extension, else sniffing) and run it."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Article, ArticleMeta
from .base import Reader
from .decode import STDIN, decode_text, read_source, source_name
from .html import HtmlReader
from .markdown import MarkdownReader
from .rules import Rules
from .settings import ReadSettings
from .text import TextReader

READERS: tuple[Reader, ...] = (HtmlReader(), MarkdownReader(), TextReader())


def read_article(
    source: str | Path,
    settings: ReadSettings,
    *,
    stdin: BinaryIO | None = None,
    source_format: str | None = None,
) -> Article:
    """Read and segment one article; `source` "-" reads `stdin` (default: sys.stdin.buffer).

    `source_format` ("txt", "md", "html") overrides the extension and sniffing.
    Raises InputError naming the file and the problem.
    """
    name = source_name(source)
    text = decode_text(read_source(source, settings.max_bytes, stdin), name)
    reader = _reader(source, text, source_format)
    meta = ArticleMeta(source=str(source), source_format=reader.name)
    article = reader.parse(text, meta, Rules.load(settings))
    if not article.headline.strip():  # e.g. Markdown whose only heading is empty
        raise InputError(f"{name}: no headline found (nothing readable in the {reader.name} input)")
    return article


def _reader(source: str | Path, text: str, source_format: str | None) -> Reader:
    if source_format is not None:
        known = {r.name: r for r in READERS}
        if source_format not in known:
            raise InputError(
                f"{source_name(source)}: unknown format {source_format!r} "
                f"(known: {', '.join(known)})"
            )
        return known[source_format]
    suffix = "" if str(source) == STDIN else Path(source).suffix.lower()
    by_extension = next((r for r in READERS if suffix in r.extensions), None)
    return by_extension or next(r for r in READERS if r.sniff(text))
