"""Publishing: the episode catalog, `feed.xml`, `index.html`, the cover and `bulletin serve`."""

from .update import publish

__all__ = ["publish"]
