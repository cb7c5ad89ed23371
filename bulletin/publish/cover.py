"""The channel artwork Apple requires: the configured file, checked, or one drawn by code.

The file is named after its content hash (`cover-0123456789.png`): apps cache artwork by
URL, so a new cover must get a new URL. The generated design is geometric on purpose:
Pillow's built-in font cannot shape Devanagari, and a half-rendered title is worse than none.

It is needed by every build (the MP3's picture) and publish: drawing it takes ~0.06 s, and
with a cache folder the PNG is drawn once per title and Pillow version and read back after.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import io
import logging
from pathlib import Path

from ..artwork import SUFFIX, Artwork, checked_artwork
from ..errors import ConfigError
from ..files import write_bytes_atomic
from .settings import ShowSettings

log = logging.getLogger(__name__)

COVER_PREFIX = "cover-"
SIZE_PX = 1400
# Draw at twice the size and average each 2×2 block: smooth edges without aliasing, in a
# tenth of the time a Lanczos resize and an optimized PNG took (a cold build draws it).
_SUPERSAMPLE = 2
CACHE_FORMAT = "bulletin-cover-v2"  # bump when the drawn bytes change
CACHE_SUBDIR = "covers"
_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"  # a whole PNG has both


def prepare_cover(show: ShowSettings, cache_dir: Path | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of the cover to publish; ConfigError if the configured one is unfit."""
    art = show_artwork(show, cache_dir)
    return f"{COVER_PREFIX}{hashlib.sha256(art.data).hexdigest()[:10]}{art.suffix}", art.data


def show_artwork(show: ShowSettings, cache_dir: Path | None = None) -> Artwork:
    """The configured cover, checked, or the generated one: also the MP3's picture (APIC).

    The generated one is kept in `cache_dir` when given (see the module doc)."""
    if show.cover is None:
        data = _cached_cover(show.title, cache_dir) if cache_dir else generate_cover(show.title)
        return Artwork(data, "image/png")
    return checked_artwork(show.cover, "show.cover", ConfigError)


def is_cover_name(name: str) -> bool:
    return name.startswith(COVER_PREFIX) and name.endswith(tuple(SUFFIX.values()))


def _cached_cover(title: str, cache_dir: Path) -> bytes:
    """The generated cover from `cache_dir`, drawn and stored there on a miss.

    The cache only saves time: an entry that cannot be written is skipped, and one that is
    not a whole PNG is drawn again."""
    import PIL  # its version only (no imaging code): another Pillow may encode other bytes

    key = hashlib.sha256(f"{CACHE_FORMAT}\n{PIL.__version__}\n{title}".encode()).hexdigest()
    path = cache_dir / CACHE_SUBDIR / f"{key}.png"
    try:
        data = path.read_bytes()
    except OSError:  # a miss, or an entry it cannot read: drawn again
        data = b""
    if data.startswith(_PNG_START) and data.endswith(_PNG_END):
        return data
    data = generate_cover(title)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data, durable=False)
    except OSError as e:
        log.info("cannot cache the show cover in %s (%s); it is drawn again next time",
                 path.parent, e.strerror or e)
    return data


@functools.lru_cache(maxsize=4)  # a build draws it for the MP3, then publishes it
def generate_cover(title: str) -> bytes:
    """A 1400×1400 RGB PNG: broadcast waves and a level meter, coloured from the show title."""
    from PIL import Image, ImageDraw  # here: Pillow loads only when a cover is drawn

    seed = hashlib.sha256(title.encode("utf-8")).digest()
    hue = seed[0] / 255
    background = _hsv(hue, 0.75, 0.32)
    accent = _hsv((hue + 0.08) % 1, 0.55, 0.98)
    soft = _hsv(hue, 0.35, 0.75)
    n = SIZE_PX * _SUPERSAMPLE
    u = n / 100  # drawing unit: 1 % of the side
    img = Image.new("RGB", (n, n), background)
    draw = ImageDraw.Draw(img)
    cx, cy = 50 * u, 38 * u
    for k in range(4):  # broadcast waves around the mast
        r = (12 + 9 * k) * u
        box = (cx - r, cy - r, cx + r, cy + r)
        draw.arc(box, 200, 340, fill=soft if k % 2 else accent, width=round(2.2 * u))
    draw.ellipse((cx - 6 * u, cy - 6 * u, cx + 6 * u, cy + 6 * u), fill=accent)
    draw.polygon([(cx, cy), (cx - 8 * u, cy + 26 * u), (cx + 8 * u, cy + 26 * u)], fill=accent)
    for i, level in enumerate(seed[1:14]):  # a level meter along the bottom
        height = (4 + level / 255 * 12) * u
        x = (12 + i * 6) * u
        draw.rounded_rectangle((x, 88 * u - height, x + 3.6 * u, 88 * u), radius=u, fill=soft)
    img = img.reduce(_SUPERSAMPLE)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return round(r * 255), round(g * 255), round(b * 255)
