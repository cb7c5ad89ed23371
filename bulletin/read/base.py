"""The one interface every article format implements (a new format: a file + a registry line)."""

from __future__ import annotations

from typing import Literal, Protocol

from ..models import Article, ArticleMeta
from .rules import Rules

Format = Literal["txt", "md", "html"]  # ArticleMeta.source_format


class Reader(Protocol):
    name: Format
    extensions: tuple[str, ...]  # lower-case, with the dot

    def sniff(self, text: str) -> bool:
        """Whether text without a telling extension is in this format."""
        ...

    def parse(self, text: str, meta: ArticleMeta, rules: Rules) -> Article:
        """The article in `text`; `meta` names the source. Raises InputError."""
        ...
