"""Make the download page's web font: Noto Sans Devanagari, subset to what Hindi news pages
use, as one small WOFF2 with a weight axis (regular to bold) — `bulletin/publish/static/`.

The page must render Devanagari on a radio desk's machine that has no Hindi font (boxes
instead of letters otherwise), so the font ships with the package. Run it again only to
update the font; the output and the OFL licence are committed.

    pip install fonttools brotli fontpkg-noto-sans-devanagari
    python scripts/build_font.py [NotoSansDevanagari[wdth,wght].ttf]
"""

from __future__ import annotations

import argparse
import io
import shutil
from importlib import resources
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "bulletin" / "publish" / "static"
FONT_NAME = "NotoSansDevanagari.woff2"
LICENSE_NAME = "NotoSansDevanagari-OFL.txt"
UNICODES = [
    *range(0x0020, 0x007F),  # Basic Latin: URLs, feed address, Latin words in copy
    *range(0x00A0, 0x0100),  # Latin-1: no-break space, ©, ×, accented names
    *range(0x0900, 0x0980),  # Devanagari, dandas and digits included
    *range(0xA8E0, 0xA900),  # Devanagari Extended
    *range(0x1CD0, 0x1D00),  # Vedic Extensions (marks some fonts place on news names)
    0x200B, 0x200C, 0x200D,  # zero-width space, ZWNJ, ZWJ: they steer conjuncts
    *range(0x2010, 0x2028),  # dashes, quotes, bullet, ellipsis
    0x20B9,  # ₹
    0x2212,  # minus
    0x25CC,  # dotted circle: shapers show a lone vowel sign on it
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, help="the variable TTF (default: "
                        "the one fontpkg-noto-sans-devanagari installs)")
    args = parser.parse_args()
    package = resources.files("fontpkg_noto_sans_devanagari")
    source = args.source or Path(str(package / "files" / "NotoSansDevanagari[wdth,wght].ttf"))
    pinned = instancer.instantiateVariableFont(
        TTFont(source), {"wdth": 100, "wght": (400, 700)}, updateFontNames=False
    )
    staged = io.BytesIO()
    pinned.save(staged)  # read back whole: the subsetter trips on the instancer's lazy tables
    staged.seek(0)
    font = TTFont(staged)
    options = subset.Options()
    options.layout_features = ["*"]  # every OpenType feature: Devanagari shaping needs them
    options.flavor = "woff2"
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / FONT_NAME).write_bytes(buffer.getvalue())
    shutil.copyfile(Path(str(package / "LICENSE")), OUT / LICENSE_NAME)
    print(f"wrote {OUT / FONT_NAME}: {len(buffer.getvalue()) / 1000:.0f} kB")


if __name__ == "__main__":
    main()
