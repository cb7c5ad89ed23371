"""End to end: `bulletin build` with the real embedded voice → a real MP3 and a real feed."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from bulletin.cli import main

from .support import REPO, decode

pytestmark = pytest.mark.slow

SHORT = """अंतरिक्ष में भारत की नई उड़ान

बेंगलुरु,
इसरो ने मंगलवार सुबह 10:30 बजे नया उपग्रह प्रक्षेपित किया। इस मिशन पर ₹450 करोड़ खर्च हुए।
"""

LONGER = """बाज़ार में लगातार तीसरे दिन तेज़ी

मुंबई,
शेयर बाज़ार में आज लगातार तीसरे दिन तेज़ी रही और सेंसेक्स 1.5% चढ़ गया।
बैंकिंग शेयरों में सबसे ज़्यादा ख़रीदारी
सरकारी बैंकों के शेयर 3 प्रतिशत तक चढ़े। विदेशी निवेशकों ने ₹2,300 करोड़ के शेयर ख़रीदे।
जानकारों का कहना है कि आने वाले हफ़्तों में भी बाज़ार का रुख़ मज़बूत बना रह सकता है।
आगे क्या
विश्लेषकों के मुताबिक़ 15 जुलाई को आने वाले महंगाई के आंकड़े बाज़ार की दिशा तय करेंगे।
"""


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """An isolated folder with its own cache, as a newsroom machine would have."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "short.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "longer.txt").write_text(LONGER, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def items(out: Path):
    return feedparser.parse((out / "feed.xml").read_bytes()).entries


def test_build_writes_a_decodable_mp3_and_a_feed(workspace):
    result = run("build", "short.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    out = workspace / "out"
    [entry] = items(out)
    [enclosure] = entry.enclosures
    mp3 = out / Path(enclosure.href).name
    assert enclosure.href.startswith("http://localhost:8000/")
    assert int(enclosure.length) == mp3.stat().st_size
    assert enclosure.type == "audio/mpeg"
    assert entry.id and entry.published_parsed
    assert entry.title == "अंतरिक्ष में भारत की नई उड़ान"

    audio = decode(mp3)
    assert audio.errors == ""
    assert audio.rms_dbfs > -40  # speech and jingles, not silence
    # The chapters are the parts of the programme: together they are the whole file.
    chapters = sorted(ID3(mp3).getall("CHAP"), key=lambda c: c.start_time)
    assert chapters[0].start_time == 0
    assert abs(chapters[-1].end_time / 1000 - audio.duration_s) < 0.05
    for before, after in itertools.pairwise(chapters):
        assert before.end_time == after.start_time


def test_longer_text_gives_longer_speech(workspace):
    assert run("build", "short.txt", "longer.txt", "-o", "out").exit_code == 0
    durations = {e.title: e.itunes_duration for e in items(workspace / "out")}
    assert len(durations) == 2

    def seconds(value: str) -> int:
        parts = [int(p) for p in value.split(":")]
        return sum(p * 60**i for i, p in enumerate(reversed(parts)))

    assert seconds(durations["बाज़ार में लगातार तीसरे दिन तेज़ी"]) > 2 * seconds(
        durations["अंतरिक्ष में भारत की नई उड़ान"]
    )


def test_second_build_adds_an_item_and_keeps_the_first(workspace):
    assert run("build", "short.txt", "-o", "out").exit_code == 0
    first = items(workspace / "out")
    assert run("build", "longer.txt", "-o", "out").exit_code == 0
    second = items(workspace / "out")
    assert len(second) == 2
    assert first[0].id in {e.id for e in second}


def test_unchanged_rebuild_is_up_to_date(workspace):
    assert run("build", "short.txt", "-o", "out").exit_code == 0
    feed = (workspace / "out" / "feed.xml").read_bytes()
    result = run("build", "short.txt", "-o", "out")
    assert result.exit_code == 0
    assert "up to date" in result.output
    assert (workspace / "out" / "feed.xml").read_bytes() == feed


@pytest.mark.parametrize("content", [None, b"", b"   \n\t\n"], ids=["missing", "empty", "blank"])
def test_bad_input_is_one_line_and_leaves_the_feed(workspace, content):
    assert run("build", "short.txt", "-o", "out").exit_code == 0
    before = {p.name: p.read_bytes() for p in (workspace / "out").iterdir() if p.is_file()}
    if content is not None:
        (workspace / "bad.txt").write_bytes(content)
    result = run("build", "bad.txt", "-o", "out")
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bulletin: error:") and "bad.txt" in lines[0]
    after = {p.name: p.read_bytes() for p in (workspace / "out").iterdir() if p.is_file()}
    assert after == before


def test_installed_command_builds_the_bundled_example(tmp_path):
    """The README's main command, run as a user would: the console script, a real process."""
    exe = Path(sys.executable).with_name("bulletin")
    if not exe.exists():
        exe = Path(shutil.which("bulletin") or "bulletin")
    example = REPO / "examples" / "monsoon-update.txt"  # the one the README builds
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([str(exe), "build", str(example), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(items(tmp_path / "out")) == 1


def art(path: Path, size: tuple[int, int], mode: str = "RGB") -> None:
    from PIL import Image

    Image.new(mode, size, "navy" if mode == "RGB" else 0).save(path, format="PNG")


def with_image(workspace: Path, image: str) -> str:
    (workspace / "art.txt").write_text(f"---\nimage: {image}\n---\n{SHORT}", encoding="utf-8")
    return "art.txt"


def test_local_square_art_becomes_the_episode_image(workspace):
    art(workspace / "square.png", (1400, 1400))
    assert run("build", with_image(workspace, "square.png"), "-o", "out").exit_code == 0
    [entry] = items(workspace / "out")
    name = entry.image.href.rsplit("/", 1)[1]
    assert name.endswith(".png") and (workspace / "out" / name).read_bytes() == (
        workspace / "square.png"
    ).read_bytes()


def test_web_image_is_not_podcast_art(workspace):
    assert run("build", with_image(workspace, "https://news.example/photo.webp"),
               "-o", "out").exit_code == 0
    [entry] = items(workspace / "out")
    assert "image" not in entry


@pytest.mark.parametrize(("size", "mode"), [((1200, 630), "RGB"), ((1400, 1400), "L")])
def test_unfit_art_is_refused_before_synthesis(workspace, size, mode):
    art(workspace / "bad.png", size, mode)
    result = run("build", with_image(workspace, "bad.png"), "-o", "out")
    assert result.exit_code != 0
    assert "bad.png" in result.output and "Apple needs" in result.output
    assert not (workspace / "out").exists() or not list((workspace / "out").glob("*.mp3"))


def test_radio_wav_and_music_bed(workspace):
    """`--wav` with a generated bed: the WAV is 48 kHz and as long as the MP3; the cue sheet
    lists the chapters."""
    import csv
    import wave

    (workspace / "bulletin.yaml").write_text("audio: {jingles: {music_bed: true}}\n", "utf-8")
    assert run("build", "longer.txt", "-o", "out", "--wav").exit_code == 0
    out = workspace / "out"
    [wav_path] = out.glob("*.wav")
    with wave.open(str(wav_path)) as w:
        assert (w.getframerate(), w.getsampwidth(), w.getnchannels()) == (48_000, 2, 1)
        wav_s = w.getnframes() / w.getframerate()
    mp3 = decode(next(out.glob("*.mp3")))
    assert abs(wav_s - mp3.duration_s) < 0.05
    [cues] = out.glob("*.cues.csv")
    rows = list(csv.reader(cues.read_text(encoding="utf-8-sig").splitlines()))
    titles = [row[-1] for row in rows[1:]]
    assert titles[0] == "बाज़ार में लगातार तीसरे दिन तेज़ी"
    assert "बैंकिंग शेयरों में सबसे ज़्यादा ख़रीदारी" in titles and "आगे क्या" in titles


def catalog_voice(out: Path) -> list[tuple[str, str]]:
    import json

    return [(r["engine"], r["voice"]) for r in json.loads(run("episodes", "list", str(out),
                                                              "--json").output)]


def test_default_voice_offline_is_espeak_and_the_summary_says_why(workspace, refused_url):
    result = run("build", "short.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    port = refused_url.rsplit(":", 1)[1]
    assert f"voice: espeak hi — gtts unreachable: 127.0.0.1:{port}: " in result.output
    assert catalog_voice(workspace / "out") == [("espeak", "hi")]
    [mp3] = (workspace / "out").glob("*.mp3")
    assert ID3(mp3).getall("COMM:voice")[0].text == ["espeak hi"]
    listed = run("episodes", "list", "out").output
    assert "\tespeak hi\t" in listed
    again = run("build", "short.txt", "-o", "out")  # Google still unreachable: nothing to gain
    assert "up to date" in again.output and "voice:" not in again.output


def test_a_fallback_episode_gets_the_primary_voice_once_it_answers(workspace, google):
    assert run("build", "short.txt", "-o", "out").exit_code == 0  # refused: espeak
    fake = google()
    result = run("build", "short.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "voice: gtts hi (translate.google.co.in)" in result.output and fake.texts
    assert catalog_voice(workspace / "out") == [("gtts", "hi (translate.google.co.in)")]
    assert [e.title for e in items(workspace / "out")] == ["अंतरिक्ष में भारत की नई उड़ान"]
    assert "up to date" in run("build", "short.txt", "-o", "out").output


def test_a_pinned_engine_is_used_as_asked(workspace, google):
    fake = google()
    result = run("build", "short.txt", "-o", "out", "--engine", "espeak")
    assert result.exit_code == 0 and "voice: espeak hi" in result.output
    assert "—" not in result.output and fake.texts == []


def test_progress_follows_every_costly_stage(workspace):
    """Voicing and mixing (which encodes as it goes) each report, in order, from 0 to
    their total."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from bulletin.build import build_episode
    from bulletin.config import load_config

    config = load_config(None)
    config = replace(config, voice=replace(config.voice, engine="espeak", fallback=None))
    calls: list[tuple[str, int, int]] = []
    result = build_episode(
        workspace / "short.txt", config, workspace / "out",
        clock=lambda: datetime(2026, 1, 1, tzinfo=UTC), cache_dir=None,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    result.discard()
    stages = [stage for stage, _, _ in calls]
    assert stages == sorted(stages, key=["voice", "mix"].index)
    for stage in ("voice", "mix"):
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0][0] == 0
        assert mine[-1][0] == mine[-1][1] > 0, (stage, mine)
        assert all(a <= b for (a, _), (b, _) in itertools.pairwise(mine)), (stage, mine)
