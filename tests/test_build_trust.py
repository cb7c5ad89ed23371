"""End to end, the newsroom's trust in what is published (#12): one episode per story, the
article's date everywhere, chapters every player reads, the same bytes under one URL.

Cost: four builds of two short articles (the rebuilds from the test's own sentence
cache), about 30 s on two busy cores.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from bulletin.cli import main
from bulletin.ffmpeg import run_ffmpeg

pytestmark = pytest.mark.slow

CRICKET_TITLE = "भारत ने श्रीलंका को सात विकेट से हराया"
CRICKET = f"""# {CRICKET_TITLE}

पुणे, 16 फरवरी (भाषा)

भारत ने रविवार को पांचवें वनडे में श्रीलंका को सात विकेट से हरा दिया।
"""
RBI_TITLE = "रिज़र्व बैंक ने रेपो दर घटाई, कर्ज़ होंगे सस्ते"
RBI = f"""# {RBI_TITLE}

मुंबई, 8 फरवरी 2024 (PTI)

रिज़र्व बैंक ने गुरुवार को रेपो दर में चौथाई प्रतिशत की कटौती की।

## महंगाई पर नज़र

गवर्नर ने कहा कि महंगाई अब काबू में है।
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def items(out: Path):
    return feedparser.parse((out / "feed.xml").read_bytes()).entries


def mp3_of(out: Path, entry) -> Path:
    return out / entry.enclosures[0].href.rsplit("/", 1)[1]


def ffmpeg_chapters(path: Path) -> list[str]:
    text = run_ffmpeg(["-i", str(path), "-f", "ffmetadata", "-"]).decode("utf-8")
    return re.findall(r"\[CHAPTER\][^\[]*?\ntitle=([^\n]*)", text)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """monday/article.md (cricket) and tuesday/article.md (RBI), built in one batch."""
    root = tmp_path_factory.mktemp("newsroom")
    for day, text in (("monday", CRICKET), ("tuesday", RBI)):
        (root / day).mkdir()
        (root / day / "article.md").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(root / "cache"))
        mp.chdir(root)
        result = run("build", "monday/article.md", "tuesday/article.md", "-o", "out")
    assert result.exit_code == 0, result.output
    return root, result.output


@pytest.fixture
def desk(newsroom, tmp_path, monkeypatch):
    """A copy of the newsroom folder to change (the shared cache keeps rebuilds cheap)."""
    root, _ = newsroom
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    shutil.copytree(root, tmp_path / "desk", ignore=shutil.ignore_patterns("cache"))
    monkeypatch.chdir(tmp_path / "desk")
    return tmp_path / "desk"


def test_two_stories_in_files_named_alike_are_two_episodes(newsroom, desk):
    _, output = newsroom
    assert "2 articles: 2 built, 0 up to date, 0 failed" in output
    entries = items(desk / "out")
    assert sorted(e.title for e in entries) == sorted([CRICKET_TITLE, RBI_TITLE])
    assert len({e.id for e in entries}) == 2
    assert all(mp3_of(desk / "out", e).is_file() for e in entries)
    again = run("build", "monday/article.md", "tuesday/article.md", "-o", "out")
    assert "2 articles: 0 built, 2 up to date, 0 failed" in again.output


def test_an_edit_replaces_its_episode_and_id_forces_one(desk):
    out = desk / "out"
    cricket = next(e for e in items(out) if e.title == CRICKET_TITLE)
    edited = CRICKET + "कप्तान ने जीत का श्रेय गेंदबाज़ों को दिया।\n"
    (desk / "monday" / "article.md").write_text(edited, encoding="utf-8")
    assert run("build", "monday/article.md", "-o", "out").exit_code == 0
    after = {e.title: e for e in items(out)}
    assert len(after) == 2 and after[cricket.title].id == cricket.id  # same guid
    assert mp3_of(out, after[cricket.title]) != mp3_of(out, cricket)  # a new URL for new audio
    assert not mp3_of(out, cricket).exists()

    slug = json.loads((out / ".catalog.json").read_text("utf-8"))["episodes"]
    cricket_slug = next(e["slug"] for e in slug if e["title"] == cricket.title)
    (desk / "note.txt").write_text("मैच रद्द हुआ\n\nबारिश के कारण मैच रद्द कर दिया गया।\n",
                                   encoding="utf-8")
    forced = run("build", "note.txt", "--id", cricket_slug, "-o", "out")
    assert forced.exit_code == 0, forced.output
    final = {e.id: e.title for e in items(out)}
    assert len(final) == 2 and final[cricket.id] == "मैच रद्द हुआ"


def test_the_dateline_dates_the_feed_the_mp3_and_the_page(desk):
    out = desk / "out"
    entry = next(e for e in items(out) if e.title == RBI_TITLE)
    assert entry.published_parsed[:3] == (2024, 2, 8)
    mp3 = mp3_of(out, entry)
    assert str(ID3(mp3)["TDRC"]).startswith("2024-02-08")
    assert '<time datetime="2024-02-08' in (out / "index.html").read_text("utf-8")
    # the dateline is neither a chapter nor read without a stop
    assert ffmpeg_chapters(mp3) == [RBI_TITLE, "मुख्य समाचार", "महंगाई पर नज़र"]
    vtt = mp3.with_suffix(".vtt").read_text("utf-8")
    assert "मुंबई, 8 फरवरी 2024।" in vtt and "PTI" not in vtt


def test_a_refused_build_leaves_no_output_folder(desk):
    (desk / "odd.txt").write_text("शीर्षक\n\nयह привет शब्द पढ़ा नहीं जा सकता।\n", encoding="utf-8")
    result = run("build", "odd.txt", "--strict", "-o", "never")
    assert result.exit_code != 0
    assert not (desk / "never").exists()


def test_the_same_inputs_give_the_same_bytes_under_the_same_names(newsroom, desk):
    """Built again with --force into another folder, and in place: identical files."""
    first = desk / "out"
    rbi = mp3_of(first, next(e for e in items(first) if e.title == RBI_TITLE)).stem
    names = {p.name for p in first.glob(f"{rbi}.*")}
    assert len(names) == 4  # MP3, VTT, SRT, chapters JSON
    assert run("-q", "build", "tuesday/article.md", "-o", "again", "--force").exit_code == 0
    assert run("-q", "build", "tuesday/article.md", "-o", "out", "--force").exit_code == 0
    for name in names:
        assert (desk / "again" / name).read_bytes() == (first / name).read_bytes(), name
        assert (first / name).is_file()  # the rebuild in place kept every published name
