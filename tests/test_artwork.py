"""Podcast artwork: what Apple accepts passes; everything else is one line naming the file."""

from pathlib import Path

import pytest
from PIL import Image

from bulletin.artwork import Artwork, checked_artwork
from bulletin.errors import ConfigError


def image(path: Path, fmt: str, size: tuple[int, int], mode: str = "RGB") -> Path:
    Image.new(mode, size).save(path, format=fmt)
    return path


@pytest.mark.parametrize(("fmt", "mime", "suffix"),
                         [("PNG", "image/png", ".png"), ("JPEG", "image/jpeg", ".jpg")])
def test_square_rgb_png_and_jpeg_pass(tmp_path, fmt, mime, suffix):
    path = image(tmp_path / "art", fmt, (1400, 1400))
    art = checked_artwork(path, "show.cover", ConfigError)
    assert art == Artwork(path.read_bytes(), mime) and art.suffix == suffix


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: image(p, "PNG", (1200, 630)), "1200×630 px; Apple needs a square"),
        (lambda p: image(p, "PNG", (1000, 1000)), "1000×1000 px"),
        (lambda p: image(p, "PNG", (3200, 3200)), "3200×3200 px"),
        (lambda p: image(p, "PNG", (1400, 1400), "RGBA"), "colour mode RGBA"),
        (lambda p: image(p, "WEBP", (1400, 1400)), "WEBP image; Apple accepts only PNG or JPEG"),
        (lambda p: p.write_text("not an image") and p, "not a readable image"),
        (lambda p: p, "cannot read it"),
    ],
    ids=["landscape", "small", "large", "alpha", "webp", "text", "missing"],
)
def test_unfit_artwork_is_one_line_naming_the_key(tmp_path, make, message):
    path = tmp_path / "cover.img"
    make(path)
    with pytest.raises(ConfigError) as e:
        checked_artwork(path, "show.cover", ConfigError)
    assert message in str(e.value) and str(e.value).startswith(f"show.cover {path}:")
