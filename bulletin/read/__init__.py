"""Read stage: an article file (or stdin) → `Article` (headline, kicker, dateline, sections).

    article = read_article("story.txt", ReadSettings())

Formats are `Reader` plug-ins in `READERS`: a new format is a new module plus one line there.
The extension picks the reader; without a known one the first reader whose `sniff` accepts
the text does, so plain text, the catch-all, stays last.

The entry points load lazily: `bulletin.config` imports `read.settings`, and every command
(even `--help`) would otherwise pay for bs4, lxml and markdown-it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .article import READERS, read_article
    from .base import Reader
    from .decode import STDIN
    from .settings import ReadSettings

__all__ = ["READERS", "STDIN", "ReadSettings", "Reader", "read_article"]
__getattr__ = lazy_exports(__name__, {
    "READERS": ".article", "read_article": ".article", "Reader": ".base", "STDIN": ".decode",
    "ReadSettings": ".settings",
})
