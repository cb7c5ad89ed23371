"""Markdown through markdown-it-py's token stream (CommonMark plus tables).

`#` is the headline, deeper headings are sub-heads, list items are read as sentences,
block quotes as paragraphs; links and emphasis keep their text, images, code, raw HTML and
tables are dropped because none of them can be read aloud as written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import InputError
from ..models import Article, ArticleMeta
from .base import Format
from .decode import source_name
from .frontmatter import split_front_matter
from .rules import Rules
from .structure import Block, Role, build_article, make_block

if TYPE_CHECKING:
    from markdown_it.token import Token

log = logging.getLogger(__name__)

_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")
_DROPPED = {"fence", "code_block", "html_block", "table_open"}


class MarkdownReader:
    name: Format = "md"
    extensions = (".md", ".markdown")

    def sniff(self, text: str) -> bool:
        """An ATX heading or an inline link: plain CMS copy has neither."""
        return bool(_ATX_HEADING.search(text) or _LINK.search(text))

    def parse(self, text: str, meta: ArticleMeta, rules: Rules) -> Article:
        from markdown_it import MarkdownIt  # here: ~0.03 s that only Markdown input needs

        name = source_name(meta.source)
        front, body = split_front_matter(text, name)
        tokens = MarkdownIt("commonmark").enable("table").parse(body)
        h1, blocks = _blocks(tokens)
        if front.title and h1 and front.title != h1:
            raise InputError(
                f"{name}: the front matter title and the `#` headline differ; keep one"
            )
        return build_article(blocks, front.apply(meta), rules, headline=front.title or h1)


def _blocks(tokens: Sequence[Token]) -> tuple[str | None, list[Block]]:
    """The first `#` heading's text and the other blocks in reading order."""
    h1: str | None = None
    blocks: list[Block] = []
    in_item = 0
    for i, token in enumerate(tokens):
        if token.type in _DROPPED:
            log.info("dropped a %s on line %s", token.type, (token.map or [0])[0] + 1)
        in_item += {"list_item_open": 1, "list_item_close": -1}.get(token.type, 0)
        if token.type != "inline" or tokens[i - 1].type not in ("heading_open", "paragraph_open"):
            continue  # table cells and image-only content are not read
        lines, bold = _inline_lines(token.children or [])
        opener = tokens[i - 1]
        role: Role
        if opener.type == "heading_open":
            if opener.tag == "h1" and h1 is None:
                h1 = " ".join(" ".join(lines).split())
                continue
            role = "heading"
        else:
            role = "item" if in_item else "candidate" if bold else "paragraph"
        block = make_block(lines, role)
        if block:
            blocks.append(block)
    return h1, blocks


def _inline_lines(children: Sequence[Token]) -> tuple[list[str], bool]:
    """Text split at line breaks, and whether all of it is bold (a sub-head candidate)."""
    lines = [""]
    strong = 0
    bold = True
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
            bold = bold and (strong > 0 or not child.content.strip())
        elif child.type == "strong_open":
            strong += 1
        elif child.type == "strong_close":
            strong -= 1
    return lines, bold and any(line.strip() for line in lines)
