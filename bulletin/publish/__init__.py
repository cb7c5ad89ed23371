"""Publishing: the episode catalog, `feed.xml`, `index.html`, the cover and `bulletin serve`.

`publish` and `heal` load lazily (see `bulletin.lazy`): feedgen, lxml, Jinja2 and Pillow are only
needed when something is published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .update import heal, publish

__all__ = ["heal", "publish"]
__getattr__ = lazy_exports(__name__, {"heal": ".update", "publish": ".update"})
