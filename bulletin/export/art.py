"""The episode's own artwork: an article's front-matter `image:`, checked, and its file.

A web address (an HTML page's og:image) is a news photo, not podcast art: Apple rejects art
that is not a 1400-3000 px square, and a remote file cannot be checked, so it is left out.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from ..artwork import Artwork, checked_artwork
from ..errors import InputError
from ..files import sha256_file, write_bytes_atomic
from ..models import OutputFile

log = logging.getLogger(__name__)


def episode_art(image: str | None, source: str | Path) -> Artwork | None:
    """The local image the article names (relative to the article's folder), checked."""
    if not image:
        return None
    if urlsplit(image).scheme:
        log.info("article image %s is a web address, not podcast art: left out of the feed", image)
        return None
    base = Path(str(source)).parent if str(source) != "-" else Path()
    return checked_artwork(base / image, f"image `{image}` of {source}:", InputError)


def write_art(folder: Path, stem: str, art: Artwork) -> OutputFile:
    """`{stem}.png|.jpg` in `folder`, published next to the MP3 as the episode's image."""
    path = folder / f"{stem}{art.suffix}"
    write_bytes_atomic(path, art.data)
    return OutputFile("image", path.name, len(art.data), sha256_file(path), art.mime)
