"""Podcast artwork: a PNG or JPEG, square, 1400-3000 px, RGB, as Apple requires.

The show cover (feed and ID3) and an article's own episode art pass the same check, once
per build, before any synthesis; the checked bytes travel on in an `Artwork`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .errors import BulletinError

MIN_PX, MAX_PX = 1400, 3000
MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}
SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg"}


@dataclass(frozen=True)
class Artwork:
    data: bytes
    mime: str  # image/png or image/jpeg

    @property
    def suffix(self) -> str:
        return SUFFIX[self.mime]


def checked_artwork(path: Path, what: str, error: type[BulletinError]) -> Artwork:
    """The image at `path` if Apple would accept it; else `error` naming `what` and the fix."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise error(f"{what} {path}: cannot read it ({e.strerror}); fix the path") from None
    from PIL import Image, UnidentifiedImageError  # only when there is a cover to check

    try:
        with Image.open(io.BytesIO(data)) as im:
            fmt, (w, h), mode = im.format, im.size, im.mode
    except (UnidentifiedImageError, OSError):
        raise error(f"{what} {path}: not a readable image; use a PNG or JPEG") from None
    if fmt not in MIME:
        raise error(f"{what} {path}: {fmt} image; Apple accepts only PNG or JPEG")
    if w != h or not MIN_PX <= w <= MAX_PX:
        raise error(
            f"{what} {path}: {w}×{h} px; Apple needs a square between {MIN_PX} and {MAX_PX} px"
        )
    if mode != "RGB":
        raise error(
            f"{what} {path}: colour mode {mode}; Apple needs RGB without transparency "
            "(flatten and convert it to RGB)"
        )
    return Artwork(data, MIME[fmt])
