"""Loudness holds on the decoded MP3 for the inputs that break naive levelling.

Each case is mixed and exported like an episode (about 10 s of audio, ~1.5 s a case), the
MP3 decoded and measured with pyloudnorm and a 4× true-peak meter, independent of the
ebur128 figures the pipeline steers by.
"""

from __future__ import annotations

import wave
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest

from bulletin.export import Tags, export_episode
from bulletin.mix import mix_episode
from bulletin.mix.settings import AudioSettings, Jingles
from bulletin.models import Voicing
from testkit.audio import decode, make_voicing, true_peak_dbtp, write_wav

SHAPE = [[[1.5]], [[2.0, 1.5], [1.8]]]
SETTINGS = AudioSettings()
RATE = SETTINGS.sample_rate_hz


def reshaped(voicing: Voicing, change) -> Voicing:
    """The voicing with every clip's samples passed through `change` (in place)."""
    paths = {c.path for seg in voicing.segments for p in seg.paragraphs for c in p}
    for path in paths:
        with wave.open(str(path)) as w:
            rate = w.getframerate()
            samples = np.frombuffer(w.readframes(w.getnframes()), "<i2") / 32768.0
        write_wav(path, change(samples).astype(np.float32), rate)
    return voicing


def near_silent(samples: np.ndarray) -> np.ndarray:
    return samples * 10 ** (-45 / 20)  # speech peaking at −51 dBFS


def clipping(samples: np.ndarray) -> np.ndarray:
    return np.clip(samples * 8.0, -1.0, 32767 / 32768)  # driven 18 dB into hard clipping


def loud_jingle(folder: Path) -> AudioSettings:
    """A full-scale square-wave intro file: as loud and as peaky as a file can be."""
    t = np.arange(3 * 44_100) / 44_100
    write_wav(folder / "loud.wav", np.sign(np.sin(2 * np.pi * 220 * t)) * 0.999, 44_100)
    return replace(SETTINGS, jingles=Jingles(intro=folder / "loud.wav"))


CASES = {
    "ordinary": (None, None),
    "near-silent voice": (near_silent, None),
    "clipping voice": (clipping, None),
    "loud jingle file": (None, loud_jingle),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_decoded_mp3_is_on_target(tmp_path, case):
    change, configure = CASES[case]
    voicing = make_voicing(tmp_path / "clips", SHAPE)
    if change is not None:
        voicing = reshaped(voicing, change)
    settings = configure(tmp_path) if configure else SETTINGS
    mix = mix_episode(voicing, settings, tmp_path / "work")
    tags = Tags("शीर्षक", "शो", "लेखक", datetime(2026, 1, 1))
    files = export_episode(mix, tags, settings, tmp_path / "out", "ep")
    mp3 = next(f for f in files if f.kind == "mp3")
    audio = decode(tmp_path / "out" / mp3.name, RATE)
    lufs = pyloudnorm.Meter(RATE).integrated_loudness(audio.astype(np.float64))
    assert abs(lufs - settings.loudness_lufs) <= 0.5, lufs
    assert true_peak_dbtp(audio) <= settings.true_peak_dbtp, true_peak_dbtp(audio)
