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
    out = clips.prepare_clip(clip, 44_100).samples
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


def spectrum_db(samples: np.ndarray, rate: int, freqs_hz: list[float]) -> list[float]:
    """Level of each frequency (dB relative to the strongest bin), Hann-windowed, from the
    clip's middle (the faded edges left out)."""
    middle = samples[len(samples) // 4 : 3 * len(samples) // 4]
    power = np.abs(np.fft.rfft(middle * np.hanning(len(middle)))) ** 2
    bins = np.fft.rfftfreq(len(middle), 1 / rate)
    near = [power[np.abs(bins - f) < 20].max() for f in freqs_hz]
    return [10 * np.log10(p / power.max()) for p in near]


@pytest.mark.parametrize(
    ("clip_rate", "mix_rate", "tone_hz", "image_hz"),
    [
        (22_050, 44_100, 1_000.0, None),
        (24_000, 44_100, 440.0, None),
        (16_000, 48_000, 3_000.0, None),
        (22_050, 44_100, 9_000.0, 22_050 - 9_000.0),  # its image above the old Nyquist
        (24_000, 48_000, 10_000.0, 24_000 - 10_000.0),
        (48_000, 44_100, 23_000.0, 44_100 - 23_000.0),  # above the new Nyquist: it must go
    ],
)
def test_resampling_keeps_the_tone_and_adds_no_alias(tmp_path, clip_rate, mix_rate, tone_hz,
                                                     image_hz):
    seconds = 1.0
    t = np.arange(round(seconds * clip_rate)) / clip_rate
    write_wav(tmp_path / "tone.wav", 0.5 * np.sin(2 * np.pi * tone_hz * t), clip_rate)
    out = clips.prepare_clip(Clip(tmp_path / "tone.wav", clip_rate, seconds), mix_rate).samples
    assert out.dtype == np.float32
    assert abs(len(out) - seconds * mix_rate) <= 1
    if tone_hz < mix_rate / 2:
        peak = np.fft.rfftfreq(len(out), 1 / mix_rate)[np.argmax(np.abs(np.fft.rfft(out)))]
        assert abs(peak - tone_hz) <= 1.0
        middle = out[mix_rate // 10 : -mix_rate // 10]
        level_db = 20 * np.log10(np.sqrt(np.mean(np.square(middle))) / (0.5 / np.sqrt(2)))
        assert abs(level_db) < 0.05
    if image_hz is not None:
        if tone_hz < mix_rate / 2:
            (image_db,) = spectrum_db(out, mix_rate, [image_hz])
            assert image_db < -80
        else:
            assert np.sqrt(np.mean(np.square(out))) < 10 ** (-80 / 20) * 0.5  # nothing left
