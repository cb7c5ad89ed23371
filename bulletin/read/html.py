"""A saved web page: told by how it starts; the story is found in `soup.py` (bs4 and lxml),
which loads only when a page is read, so text and Markdown input never pay for it."""

from __future__ import annotations

import re

from ..models import Article, ArticleMeta
from .base import Format
from .rules import Rules

_SNIFF = re.compile(r"\s*<(!doctype\s+html|html|head|body|article|meta|title|!--)", re.IGNORECASE)


class HtmlReader:
    name: Format = "html"
    extensions = (".html", ".htm", ".xhtml")

    def sniff(self, text: str) -> bool:
        """Starts like a web page (doctype, `<html>`, `<head>`, `<body>`, `<article>`…)."""
        return bool(_SNIFF.match(text))

    def parse(self, text: str, meta: ArticleMeta, rules: Rules) -> Article:
        from .soup import parse_page  # here: bs4 and lxml (~0.06 s) load only for HTML input

        return parse_page(text, meta, rules)
