"""Hostile input and faults: one line, a non-zero exit, and the published folder untouched."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.normalize import Normalizer
from bulletin.normalize.settings import NormalizeSettings
from bulletin.read import ReadSettings, read_article
from bulletin.script import MAX_SENTENCE_CHARS, make_script

from .support import decode

GOOD = "सरकार ने नई योजना शुरू की\n\nनई दिल्ली,\nसरकार ने आज 25 शहरों के लिए ₹1,200 करोड़ की योजना शुरू की।\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(64)
ZIP = b"PK\x03\x04" + bytes(26) + b"word/document.xml" + bytes(40)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every visible file in the output folder, byte for byte."""
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def published(tmp_path, monkeypatch):
    """An output folder that already holds one published episode."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "good.txt", "-o", "out"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path


def refused(workspace: Path, *args: str, expect: str) -> None:
    before = snapshot(workspace / "out")
    result = CliRunner().invoke(main, ["build", *args, "-o", "out"])
    assert result.exit_code != 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("bulletin: error:")
    assert expect in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert snapshot(workspace / "out") == before


HOSTILE_ARTICLES = {
    "empty": (b"", "empty"),
    "whitespace": (b" \n\t\r\n  ", "empty"),
    "png": (PNG, "byte"),
    "zip": (ZIP, "byte"),
    "utf16-no-bom": ("समाचार शीर्षक\n\nपहला अनुच्छेद।".encode("utf-16-le"), "byte"),
    "cp1252": ("Caf\u00e9 news \u2013 \u201cquoted\u201d".encode("cp1252"), "byte"),
    "nul": ("शीर्षक\n\nपाठ\x00 यहाँ।".encode(), "byte"),
    "traversal-slug": ("---\nslug: ../../etc/passwd\n---\nशीर्षक\n\nपाठ।\n".encode(), "slug"),
    "1mb": (("क" * 200 + "।\n").encode() * 1800, "limit"),
    "10mb": (("क" * 200 + "।\n").encode() * 17000, "limit"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_ARTICLES))
def test_hostile_article_is_refused(published, name):
    data, expect = HOSTILE_ARTICLES[name]
    (published / f"{name}.txt").write_bytes(data)
    refused(published, f"{name}.txt", expect=expect)


HOSTILE_CONFIGS = {
    "malformed": ("show: {title: [x}\n", "malformed YAML"),
    "wrong-type": ("voice: {jobs: many}\n", "voice.jobs"),
    "unknown-key": ("voice: {engin: gtts}\n", "unknown key `voice.engin`"),
    "missing-jingle": ("audio: {jingles: {intro: nope/intro.mp3}}\n", "intro.mp3"),
    "missing-lexicon": ("speech: {lexicon: [staff.yaml]}\n", "staff.yaml"),
    "missing-cover": ("show: {cover: art/cover.png}\n", "cover.png"),
    "unknown-engine": ("voice: {engine: robot}\n", "robot"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_CONFIGS))
def test_hostile_config_is_refused(published, name):
    text, expect = HOSTILE_CONFIGS[name]
    (published / "bad.yaml").write_text(text, encoding="utf-8")
    refused(published, "good.txt", "--force", "--config", "bad.yaml", expect=expect)


@pytest.mark.slow
def test_unreadable_jingle_is_refused(published):
    (published / "intro.mp3").write_bytes(b"not audio at all" * 10)
    (published / "bad.yaml").write_text("audio: {jingles: {intro: intro.mp3}}\n", "utf-8")
    refused(published, "good.txt", "--force", "--config", "bad.yaml", expect="intro.mp3")


@pytest.mark.slow
def test_output_folder_that_is_a_file(published):
    (published / "blocker").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "good.txt", "-o", "blocker/out"])
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and "blocker" in result.output


@pytest.mark.slow
def test_full_disk_is_one_line_and_publishes_nothing(published, monkeypatch):
    """ENOSPC while the episode files are written: a clean error, the feed as it was."""
    import bulletin.files as files

    real = files.os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    (published / "other.txt").write_text(GOOD.replace("25", "30"), encoding="utf-8")
    refused(published, "other.txt", expect="No space left on device")
    monkeypatch.setattr(files.os, "fsync", real)
    assert not [p for p in (published / "out").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
@pytest.mark.parametrize("ffmpeg", ["missing", "crashing"])
def test_ffmpeg_missing_or_crashing(published, monkeypatch, ffmpeg):
    from bulletin.ffmpeg import ffmpeg_exe

    fake = published / "fake-ffmpeg"
    if ffmpeg == "crashing":
        fake.write_text("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n", encoding="utf-8")
        fake.chmod(0o755)
    monkeypatch.setenv("BULLETIN_FFMPEG", str(fake))
    ffmpeg_exe.cache_clear()
    try:
        (published / "other.txt").write_text(GOOD.replace("25", "31"), encoding="utf-8")
        refused(published, "other.txt", expect="ffmpeg")
    finally:
        ffmpeg_exe.cache_clear()


ACCEPTED = {
    "bom-crlf": "\ufeffसमाचार का शीर्षक\r\n\r\nपहला अनुच्छेद यहाँ है।\r\nदूसरा अनुच्छेद।\r\n",
    "headline-only": "केवल शीर्षक वाली ख़बर\n",
    "xml-hostile": (
        "समाचार ]]> <script>alert(1)</script> & कंपनी\n\nपाठ में ]]> और <b>टैग</b> & चिह्न।\n"
    ),
    "emoji-rtl": "ख़बर 🎉 आज\n\nयह पाठ 😀 और عربی متن और עברית के साथ है।\n",
    "traversal-headline": "../../etc/passwd\n\nपाठ।\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_awkward_but_valid_articles_are_built(published, name):
    path = published / f"{name}.txt"
    path.write_bytes(ACCEPTED[name].encode("utf-8"))
    result = CliRunner().invoke(main, ["build", path.name, "-o", "out"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    feed = feedparser.parse((published / "out" / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 2
    for entry in feed.entries:
        name_on_disk = entry.enclosures[0].href.rsplit("/", 1)[1]
        assert "/" not in name_on_disk and ".." not in name_on_disk
        assert (published / "out" / name_on_disk).is_file()
    assert not (published / "etc").exists()


def test_long_unpunctuated_paragraph_is_chunked(tmp_path):
    """20,000 characters without punctuation become breath-sized sentences, nothing lost.

    Checked on the script (what the engine is given, one transcript cue per sentence), not
    by synthesizing two minutes of speech.
    """
    words = ["समाचार", "सरकार", "योजना", "किसान", "बाज़ार", "मौसम", "शहर", "लोग"]
    rng = random.Random(7)
    paragraph = " ".join(rng.choice(words) for _ in range(3200))[:20_000].strip()
    (tmp_path / "long.txt").write_text(f"लंबी ख़बर\n\n{paragraph}\n", encoding="utf-8")
    article = read_article(tmp_path / "long.txt", ReadSettings())
    script = make_script(article, Normalizer.load(NormalizeSettings()))
    [lead] = [s for s in script.segments if s.kind == "section"]
    sentences = [s for p in lead.paragraphs for s in p]
    assert len(sentences) > 20
    assert all(0 < len(s.written) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.written for s in sentences).split() == paragraph.split()
    assert all(s.spoken.strip() for s in sentences)


# ------------------------------------------------------------------ faults across processes


def bulletin_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "bulletin", *args]


def check_published(out: Path) -> list[str]:
    """The feed parses, every enclosure exists with its declared size, no partial final file."""
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    names = []
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        path = out / enclosure.href.rsplit("/", 1)[1]
        assert path.stat().st_size == int(enclosure.length)
        assert decode(path).errors == ""
        names.append(path.name)
    orphans = {p.name for p in out.glob("*.mp3")} - set(names)
    assert not orphans, f"MP3s no feed item points to: {orphans}"
    return [e.id for e in feed.entries]


@pytest.mark.slow
def test_kill_9_at_random_points_never_loses_an_episode(published):
    env = {**os.environ, "XDG_CACHE_HOME": str(published / "cache")}
    out = published / "out"
    guids = check_published(out)
    rng = random.Random(2026)
    for run in range(8):
        article = published / f"story-{run}.txt"
        article.write_text(GOOD.replace("25", str(40 + run)), encoding="utf-8")
        proc = subprocess.Popen(bulletin_cmd("build", str(article), "-o", str(out)), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = check_published(out)
        assert set(guids) <= set(now), "a published episode disappeared"
        guids = now
    # The folder still works: the next build lands and sweeps what the killed builds left.
    final = subprocess.run(bulletin_cmd("build", str(published / "good.txt"), "-o", str(out),
                                        "--force"), env=env, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert set(guids) <= set(check_published(out))


@pytest.mark.slow
def test_concurrent_builds_all_land_exactly_once(published):
    env = {**os.environ, "XDG_CACHE_HOME": str(published / "cache")}
    out = published / "out"
    articles = []
    for n in range(6):
        path = published / f"parallel-{n}.txt"
        path.write_text(GOOD.replace("25", str(60 + n)), encoding="utf-8")
        articles.append(path)
    procs = [subprocess.Popen(bulletin_cmd("build", str(a), "-o", str(out)), env=env,
                              stderr=subprocess.PIPE, text=True) for a in articles]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    guids = check_published(out)
    assert len(guids) == len(set(guids)) == 7
