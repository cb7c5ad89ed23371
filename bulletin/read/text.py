"""Plain text as pasted from a CMS: one paragraph a line, blank lines optional.

Every line is a block; `structure.build_article` decides which line is the headline,
kicker, dateline, a sub-head or a paragraph.
"""

from __future__ import annotations

from ..models import Article, ArticleMeta
from .base import Format
from .decode import source_name
from .frontmatter import split_front_matter
from .rules import Rules
from .structure import build_article, make_block


class TextReader:
    name: Format = "txt"
    extensions = (".txt", ".text")

    def sniff(self, text: str) -> bool:
        """Plain text is the catch-all, so it must come last in the registry."""
        return True

    def parse(self, text: str, meta: ArticleMeta, rules: Rules) -> Article:
        front, body = split_front_matter(text, source_name(meta.source))
        blocks = [make_block([line], "candidate") for line in body.split("\n")]
        return build_article(
            [b for b in blocks if b], front.apply(meta), rules, headline=front.title
        )
