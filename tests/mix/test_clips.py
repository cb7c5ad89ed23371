"""Trimming the engines' uneven padding, judged relative to each clip's own peak."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from bulletin.errors import AudioError
from bulletin.mix import clips
from bulletin.models import Clip
from testkit.audio import make_clip, write_wav


@pytest.mark.parametrize(
    ("rate", "lead_s", "tail_s", "floor_dbfs"),
    [(22_050, 0.3, 0.5, None), (24_000, 0.05, 0.9, -60.0), (22_050, 0.0, 0.0, -72.0)],
)
def test_speech_bounds_find_the_speech(tmp_path, rate, lead_s, tail_s, floor_dbfs):
    clip = make_clip(tmp_path / "c.wav", rate, 1.2, lead_s=lead_s, tail_s=tail_s,
                     floor_dbfs=floor_dbfs)
    samples, got_rate = clips.read_clip(clip)
    start, end = clips.speech_bounds(samples, rate)
    assert got_rate == rate
    assert abs(start / rate - max(0.0, lead_s - clips.KEEP_BEFORE_S)) <= 0.006
    expected_end = min(lead_s + 1.2 + clips.KEEP_AFTER_S, lead_s + 1.2 + tail_s)
    assert abs(end / rate - expected_end) <= 0.006


def test_quiet_engine_is_trimmed_like_a_loud_one(tmp_path):
    loud = make_clip(tmp_path / "loud.wav", 22_050, 1.0, lead_s=0.4, tail_s=0.4)
    samples, rate = clips.read_clip(loud)
    write_wav(tmp_path / "quiet.wav", samples * 0.05, rate)  # 26 dB quieter
    quiet = Clip(tmp_path / "quiet.wav", rate, loud.duration_s)
    assert clips.speech_bounds(*clips.read_clip(quiet)) == clips.speech_bounds(samples, rate)


def test_prepare_clip_resamples_with_faded_edges(tmp_path):
    clip = make_clip(tmp_path / "c.wav", 24_000, 2.0, lead_s=0.2, tail_s=0.3, floor_dbfs=-60)
    out = clips.prepare_clip(clip, 44_100)
    assert out.dtype == np.float32
    expected_s = 2.0 + clips.KEEP_BEFORE_S + clips.KEEP_AFTER_S
    assert abs(len(out) / 44_100 - expected_s) <= 0.006
    assert abs(out[0]) < 1e-3 and abs(out[-1]) < 1e-3


def test_silent_clip_is_an_error_naming_it(tmp_path):
    write_wav(tmp_path / "silent.wav", np.zeros(22_050, np.float32), 22_050)
    with pytest.raises(AudioError, match=r"silent\.wav is silent"):
        clips.prepare_clip(Clip(tmp_path / "silent.wav", 22_050, 1.0), 44_100)


def test_stereo_clip_is_refused(tmp_path):
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(22_050)
        w.writeframes(b"\x00\x01" * 4000)
    with pytest.raises(AudioError, match="mono 16-bit"):
        clips.read_clip(Clip(path, 22_050, 0.1))


@pytest.mark.parametrize("content", [None, b"not a wav at all"])
def test_missing_or_broken_clip_is_an_audio_error(tmp_path, content):
    path = tmp_path / "clip.wav"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(AudioError, match=r"clip\.wav"):
        clips.read_clip(Clip(path, 22_050, 1.0))
