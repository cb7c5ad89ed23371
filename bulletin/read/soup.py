"""The story inside a saved web page's furniture, via BeautifulSoup and lxml.

The story is the `<article>` (the longest, if several), else `<main>`, else the element whose
`<p>` children hold the most text. Scripts, navigation, header and footer, forms, figures,
tables, comments and anything whose class, id or role names furniture (`share-buttons`,
`relatedNews`, `role="navigation"`) are removed first. `<h1>` (else og:title, else `<title>`)
is the headline, `<h2>`–`<h6>` sub-heads, paragraphs and list items the text; `<br><br>`
separates paragraphs in old templates that use no `<p>`.

Only `HtmlReader.parse` imports this module: bs4 and lxml load only for HTML input.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from datetime import datetime

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..models import Article, ArticleMeta
from .decode import source_name
from .frontmatter import parse_stamp
from .rules import Rules
from .structure import Block, Role, build_article, make_block

log = logging.getLogger(__name__)

_NOT_TEXT = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "video",
        "audio",
        "picture",
        "img",
        "map",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "dialog",
        "figure",
        "figcaption",
        "table",
        "pre",
    }
)
_CHROME = ["nav", "header", "footer", "aside"]  # removed after the headline is taken
_KEEP = {"html", "body", "article", "main"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)

_BOLD = {"b", "strong"}
_BREAK = "\n"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"[A-Za-z][a-z]*")


def parse_page(text: str, meta: ArticleMeta, rules: Rules) -> Article:
    """The article in the web page `text`; `meta` names the source."""
    soup = BeautifulSoup(text, "lxml")
    meta = _page_meta(soup, meta)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    _remove(soup.find_all(_NOT_TEXT))
    _remove(soup.find_all(lambda t: _is_furniture(t, rules)))
    root = _story_root(soup)
    h1 = root.find("h1")  # before the chrome goes: `<article><header><h1>` is common
    headline = _text_of(h1) if h1 else None
    _remove([*soup.find_all(_CHROME), *([h1] if h1 else [])])
    if headline is None:
        h1 = soup.find("h1")
        headline = _text_of(h1) if h1 else _title(soup)
        _remove([h1] if h1 else [])
    blocks = _Walker().collect(root)
    return build_article(blocks, meta, rules, headline=headline or None)


def _remove(tags: Iterable[Tag]) -> None:
    """Decompose tags, skipping those already gone with an ancestor."""
    for tag in tags:
        if not tag.decomposed:
            tag.decompose()


def _page_meta(soup: BeautifulSoup, meta: ArticleMeta) -> ArticleMeta:
    """Publish date, author, image and tags from `<meta>` tags and the story's `<time>`."""
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = " ".join(str(tag.get("content") or "").split())
        if key and content:
            found.setdefault(key, []).append(content)

    def first(*keys: str) -> str | None:
        return next((found[k][0] for k in keys if k in found), None)

    scope = soup.find("article") or soup.find("main") or soup
    time = scope.find("time", attrs={"datetime": True})
    stamp = first("article:published_time", "datepublished", "date", "dc.date", "pubdate")
    if stamp is None and time is not None:
        stamp = str(time["datetime"])
    keywords = ",".join(found.get("keywords", []) + found.get("news_keywords", []))
    tags = [t.strip() for t in keywords.split(",")] + found.get("article:tag", [])
    return dataclasses.replace(
        meta,
        published=_datetime(stamp, source_name(meta.source)) if stamp else meta.published,
        author=first("author", "article:author") or meta.author,
        image=first("og:image", "twitter:image") or meta.image,
        tags=tuple(dict.fromkeys(t for t in tags if t)) or meta.tags,
    )


def _datetime(stamp: str, source: str) -> datetime | None:
    """Pages write dates loosely; an unreadable one is logged and left out, not fatal."""
    try:
        return parse_stamp(stamp)
    except ValueError:
        log.warning("%s: publish date %r is not ISO 8601; it is left out", source, stamp)
        return None


def _is_furniture(tag: Tag, rules: Rules) -> bool:
    """Class, id, role or `hidden` says furniture, and the tag does not hold the story."""
    if tag.name in _KEEP:
        return False
    attrs = " ".join([*tag.get("class", []), str(tag.get("id", "")), str(tag.get("role", ""))])
    words = {w.lower() for w in _WORDS.findall(attrs)}
    furniture = tag.has_attr("hidden") or bool(words & rules.boilerplate)
    return furniture and tag.find(["article", "main", "h1"]) is None


def _story_root(soup: BeautifulSoup) -> Tag:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(strip=True)))
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main:
        return main
    scores: dict[int, tuple[Tag, int]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        tag, score = scores.get(id(parent), (parent, 0))
        scores[id(parent)] = (tag, score + len(p.get_text(strip=True)))
    if scores:
        return max(scores.values(), key=lambda ts: ts[1])[0]
    return soup.body or soup


def _title(soup: BeautifulSoup) -> str:
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        title = str(og["content"])
    else:
        title = soup.title.get_text() if soup.title else ""
    return " ".join(title.split(" | ")[0].split())


def _text_of(tag: Tag) -> str:
    return " ".join(line for block in _Walker().collect(tag) for line in block.lines)


class _Walker:
    """Collects blocks in reading order: block elements end the running text, inline don't."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._pieces: list[tuple[str, bool]] = []  # text and whether it is bold

    def collect(self, root: Tag) -> list[Block]:
        self.walk(root, item=False)
        self.flush(item=False)
        return self.blocks

    def walk(self, node: Tag, *, item: bool, bold: bool = False) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a doctype, CDATA or declaration
                    self._pieces.append((_SPACE.sub(" ", child), bold))
            elif not isinstance(child, Tag):
                continue
            elif child.name == "br":
                self._pieces.append((_BREAK, bold))
            elif child.name in _HEADINGS:
                self.flush(item)
                self._add([_text_of(child)], "heading")
            elif child.name in _INLINE:
                self.walk(child, item=item, bold=bold or child.name in _BOLD)
            else:
                self.flush(item)
                inner = item or child.name == "li"
                self.walk(child, item=inner)
                self.flush(inner)

    def flush(self, item: bool) -> None:
        """Turn the running text into paragraphs (`<br><br>` separates two of them)."""
        if not self._pieces:
            return
        text = "".join(t for t, _ in self._pieces)
        bold = all(b for t, b in self._pieces if t.strip())
        self._pieces = []
        role: Role = "item" if item else "candidate" if bold else "paragraph"
        for paragraph in _PARAGRAPH_BREAK.split(text):
            self._add(paragraph.split(_BREAK), role)

    def _add(self, lines: list[str], role: Role) -> None:
        block = make_block(lines, role)
        if block:
            self.blocks.append(block)
