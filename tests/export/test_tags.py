"""ID3 chapters that every player reads: mutagen AND the bundled ffmpeg (#12).

ffmpeg skipped ID3v2.4 CHAP frames whose title sub-frame is 128 bytes or more (most
Devanagari headlines); these tests read the chapters back with the bundled ffmpeg.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import langcodes
import pytest
from mutagen.id3 import ID3
from PIL import Image

from bulletin.artwork import Artwork
from bulletin.export.tags import (
    BULLETIN_LANGUAGES,
    Tags,
    build_id3,
    fit,
    id3_language,
    write_id3,
)
from bulletin.ffmpeg import run_ffmpeg
from bulletin.models import Chapter
from bulletin.normalize import Normalizer
from bulletin.normalize.settings import NormalizeSettings
from bulletin.read import ReadSettings, read_article
from bulletin.script import make_script

from ..support import REPO

LONG_TITLES = (  # each well over 128 bytes of UTF-8
    "भारत दौरे पर रूसी राष्ट्रपति पुतिन, दोनों देशों के बीच हुए अहम समझौते",
    "रिज़र्व बैंक ने रेपो दर में पच्चीस आधार अंकों की कटौती की, कर्ज़ सस्ते होंगे",
    "मानसून ने समय से पहले केरल में दस्तक दी, मौसम विभाग ने भारी बारिश की चेतावनी दी",
    "छोटा",
)


def ffmetadata_chapters(path: Path) -> list[str]:
    """Chapter titles as the bundled ffmpeg sees them (`-f ffmetadata`)."""
    text = run_ffmpeg(["-i", str(path), "-f", "ffmetadata", "-"]).decode("utf-8")
    return [m.group(1) for m in re.finditer(r"\[CHAPTER\][^\[]*?\ntitle=([^\n]*)", text)]


def ffmetadata_tags(path: Path) -> dict[str, str]:
    text = run_ffmpeg(["-i", str(path), "-f", "ffmetadata", "-"]).decode("utf-8")
    head = text.split("[CHAPTER]")[0]
    return dict(line.split("=", 1) for line in head.splitlines()[1:] if "=" in line)


@pytest.fixture(scope="module")
def silent_mp3(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("tags") / "base.mp3"
    run_ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "4", "-c:a", "libmp3lame",
                "-id3v2_version", "0", "-f", "mp3", str(out)])
    return out.read_bytes()


def cover() -> Artwork:
    png = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 120, 200)).save(png, format="PNG")
    return Artwork(png.getvalue(), "image/png")


def tagged(tmp_path: Path, mp3: bytes, titles: tuple[str, ...]) -> Path:
    path = tmp_path / "ep.mp3"
    path.write_bytes(mp3)
    chapters = [Chapter(t, i * 1000, (i + 1) * 1000) for i, t in enumerate(titles)]
    tags = Tags(title=titles[0], show="दैनिक बुलेटिन", artist="समाचार डेस्क",
                date=datetime(2024, 2, 8, 10, 30), description="पहला अनुच्छेद।", cover=cover())
    write_id3(build_id3(tags, chapters, 4000), path)
    return path


def test_ffmpeg_reads_every_long_devanagari_chapter_title(tmp_path, silent_mp3):
    path = tagged(tmp_path, silent_mp3, LONG_TITLES)
    assert all(len(t.encode()) >= 128 for t in LONG_TITLES[:3])
    assert ffmetadata_chapters(path) == list(LONG_TITLES)


def test_mutagen_reads_the_same_chapters(tmp_path, silent_mp3):
    id3 = ID3(tagged(tmp_path, silent_mp3, LONG_TITLES))
    assert id3.version == (2, 3, 0)
    (toc,) = id3.getall("CTOC")
    chaps = {c.element_id: c for c in id3.getall("CHAP")}
    assert [str(chaps[i].sub_frames["TIT2"]) for i in toc.child_element_ids] == list(LONG_TITLES)


def test_frames_are_written_in_reading_order(tmp_path, silent_mp3):
    """Text frames, then the CTOC, then chp0, chp1, … (not mutagen's size order), picture last."""
    titles = ("एक बहुत लंबा शीर्षक जो दूसरों से बड़ा है और आगे भी चलता है", "दो", "तीन")
    data = tagged(tmp_path, silent_mp3, titles).read_bytes()
    positions = [data.find(marker) for marker in (b"TIT2", b"CTOC", b"CHAP\x00", b"APIC")]
    assert positions == sorted(positions) and -1 not in positions
    chap_ids = re.findall(rb"CHAP.{6}(chp\d+)\x00", data[: data.find(b"APIC")])
    assert chap_ids == [b"chp0", b"chp1", b"chp2"]
    id3 = ID3(tmp_path / "ep.mp3")  # still a valid tag after reordering
    assert [f.FrameID for f in id3.values()].count("CHAP") == 3


def test_ffmpeg_and_mutagen_read_title_artist_date_and_cover(tmp_path, silent_mp3):
    path = tagged(tmp_path, silent_mp3, LONG_TITLES)
    seen = ffmetadata_tags(path)
    assert seen["title"] == LONG_TITLES[0] and seen["artist"] == "समाचार डेस्क"
    assert seen["album"] == "दैनिक बुलेटिन" and seen["date"].startswith("2024")
    id3 = ID3(path)
    assert str(id3["TDRC"]).startswith("2024-02-08")
    (apic,) = id3.getall("APIC")
    assert apic.type == 3 and apic.data == cover().data
    # ffmpeg shows the cover as an attached picture stream
    probe = run_ffmpeg(["-i", str(path), "-map", "0:v", "-c", "copy", "-f", "image2pipe", "-"])
    assert probe.startswith(b"\x89PNG")


def test_same_tags_give_the_same_bytes(tmp_path, silent_mp3):
    first = tagged(tmp_path, silent_mp3, LONG_TITLES).read_bytes()
    second = tagged(tmp_path, silent_mp3, LONG_TITLES).read_bytes()
    assert first == second


@pytest.mark.parametrize("tag", sorted(BULLETIN_LANGUAGES))
def test_the_languages_known_without_langcodes_agree_with_it(tag):
    assert BULLETIN_LANGUAGES[tag] == langcodes.Language.get(tag).to_alpha3()


@pytest.mark.parametrize(("tag", "code"), [("hi", "hin"), ("hi-IN", "hin"), ("hi_IN", "hin"),
                                           ("en", "eng"), ("ur", "urd"), ("xx-nosuch", "und")])
def test_the_article_language_becomes_the_id3_code(tag, code):
    assert id3_language(tag) == code
    id3 = build_id3(Tags("t", "s", "a", datetime(2025, 1, 1), language=tag,
                         description="विवरण"), [], 1000)
    assert str(id3["TLAN"]) == code and id3.getall("COMM")[0].lang == code


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("*.*")), ids=lambda p: p.name)
def test_ffmpeg_lists_every_chapter_of_every_example_article(tmp_path, silent_mp3, example):
    """The chapters an example's episode gets (headline, lead, each sub-head), as tagged."""
    article = read_article(example, ReadSettings())
    titles = tuple(s.title for s in make_script(article, Normalizer.load(NormalizeSettings()))
                   .segments)
    assert len(titles) >= 3
    assert ffmetadata_chapters(tagged(tmp_path, silent_mp3, titles)) == [fit(t) for t in titles]
