"""The channel artwork Apple requires: the configured file, checked, or one drawn by code.

The file is named after its content hash (`cover-0123456789.png`): apps cache artwork by
URL, so a new cover must get a new URL. The generated design is geometric on purpose:
Pillow's built-in font cannot shape Devanagari, and a half-rendered title is worse than none.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import io

from PIL import Image, ImageDraw

from ..artwork import SUFFIX, Artwork, checked_artwork
from ..errors import ConfigError
from .settings import ShowSettings

COVER_PREFIX = "cover-"
SIZE_PX = 1400
_SUPERSAMPLE = 2  # draw at twice the size and scale down: smooth edges without aliasing


def prepare_cover(show: ShowSettings) -> tuple[str, bytes]:
    """(file name, bytes) of the cover to publish; ConfigError if the configured one is unfit."""
    art = show_artwork(show)
    return f"{COVER_PREFIX}{hashlib.sha256(art.data).hexdigest()[:10]}{art.suffix}", art.data


def show_artwork(show: ShowSettings) -> Artwork:
    """The configured cover, checked, or the generated one: also the MP3's picture (APIC)."""
    if show.cover is None:
        return Artwork(generate_cover(show.title), "image/png")
    return checked_artwork(show.cover, "show.cover", ConfigError)


def is_cover_name(name: str) -> bool:
    return name.startswith(COVER_PREFIX) and name.endswith(tuple(SUFFIX.values()))


@functools.lru_cache(maxsize=4)  # ~0.5 s to draw; every build (APIC) and publish needs it
def generate_cover(title: str) -> bytes:
    """A 1400×1400 RGB PNG: broadcast waves and a level meter, coloured from the show title."""
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
    img = img.resize((SIZE_PX, SIZE_PX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()




def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return round(r * 255), round(g * 255), round(b * 255)
