"""At most 255 chapters however many sections: an ID3 CTOC counts entries in one byte (#18)."""

from __future__ import annotations

import itertools
import re
import wave
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3

from bulletin.export import Tags, export_episode
from bulletin.ffmpeg import run_ffmpeg
from bulletin.mix import mix_episode
from bulletin.mix.chapters import MAX_CHAPTERS, fit_chapters
from bulletin.mix.settings import AudioSettings, Jingles, Pauses
from bulletin.models import Chapter
from testkit.audio import make_voicing


def chapters(n: int) -> list[Chapter]:
    return [Chapter(f"c{i}", i * 1000, (i + 1) * 1000) for i in range(n)]


@pytest.mark.parametrize("n", [1, 2, 254, 255])
def test_up_to_the_limit_every_section_keeps_its_chapter(n: int):
    assert fit_chapters(chapters(n)) == tuple(chapters(n))


@pytest.mark.parametrize("n", [256, 257, 300, 509, 510, 511, 5000])
def test_beyond_it_sections_are_grouped_evenly_and_gaplessly(n: int):
    fitted = fit_chapters(chapters(n))
    assert len(fitted) == MAX_CHAPTERS
    assert fitted[0] == chapters(n)[0]  # the headline stays alone
    assert fitted[-1].end_ms == n * 1000
    for before, after in itertools.pairwise(fitted):
        assert before.end_ms == after.start_ms
    sizes = {(c.end_ms - c.start_ms) // 1000 for c in fitted[1:]}
    assert max(sizes) - min(sizes) <= 1
    assert fitted[1].title.startswith("c1")


def tiny_wav(path: Path, seconds: float, rate: int = 44_100) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    samples = (0.3 * np.sin(2 * np.pi * 660 * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return path


@pytest.mark.slow  # about 3 s: mixes and encodes 3 minutes of audio
def test_a_300_section_article_gets_a_valid_chapter_table(tmp_path: Path):
    """Tiny sections and half-second jingles: about 3 minutes of audio, a few seconds of work."""
    jingle = tiny_wav(tmp_path / "j.wav", 0.5)
    settings = AudioSettings(
        pauses=Pauses(after_headline_ms=0, sentence_ms=0, paragraph_ms=0, around_sting_ms=0),
        jingles=Jingles(intro=jingle, sting=jingle, outro=jingle),
    )
    voicing = make_voicing(tmp_path / "clips", [[[0.05]]] * 301, padding=((0.0, 0.0),),
                           distinct=4)
    mix = mix_episode(voicing, settings, tmp_path / "work")
    tags = Tags(title="तीन सौ खंड", show="बुलेटिन", artist="डेस्क", date=datetime(2025, 1, 1))
    files = {f.kind: f for f in export_episode(mix, tags, settings, tmp_path / "out", "long")}
    mp3 = tmp_path / "out" / files["mp3"].name
    id3 = ID3(mp3)
    (toc,) = id3.getall("CTOC")
    assert len(toc.child_element_ids) == MAX_CHAPTERS
    assert {f.element_id for f in id3.getall("CHAP")} == set(toc.child_element_ids)
    metadata = run_ffmpeg(["-i", str(mp3), "-f", "ffmetadata", "pipe:1"]).decode()
    assert len(re.findall(r"^\[CHAPTER\]", metadata, re.M)) == MAX_CHAPTERS
