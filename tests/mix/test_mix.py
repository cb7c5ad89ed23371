"""The whole mix, measured: pacing, cue offsets against the real audio, chapters, loudness, bed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyloudnorm
import pytest

from bulletin.errors import AudioError
from bulletin.mix import clips, ducking, mix_episode
from bulletin.mix.limiter import TruePeakLimiter
from bulletin.mix.mixer import LimitModel
from bulletin.mix.settings import AudioSettings, Jingles, Pauses
from bulletin.models import Voicing
from testkit.audio import decode, make_voicing, true_peak_dbtp, write_wav

SHAPE = [[[2.0]], [[1.5, 2.0], [1.2]], [[0.8], [1.6, 1.0]], [[0.9], [1.1]]]
# (leading, trailing) silence per clip: uneven, as engines leave it
PADDING = ((0.05, 0.2), (0.6, 0.9), (0.3, 0.05), (0.0, 0.5), (0.45, 0.3))
SETTINGS = AudioSettings(jingles=Jingles(music_bed=True))
RATE = SETTINGS.sample_rate_hz


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mix")
    voicing = make_voicing(folder / "clips", SHAPE, padding=PADDING, floor_dbfs=-60.0)
    mix = mix_episode(voicing, SETTINGS, folder / "work")
    return voicing, mix, decode(mix.encoded, RATE)


def onset_ms(audio: np.ndarray, around_ms: int, end_ms: int) -> float:
    """Where the speech near `around_ms` starts: the first 2 ms frame within 15 dB of its peak."""
    lo = (around_ms - 100) * RATE // 1000
    hi = end_ms * RATE // 1000
    frames = np.abs(audio[lo:hi][: (hi - lo) // 88 * 88]).reshape(-1, 88).max(axis=1)
    first = int(np.argmax(frames >= frames.max() * 10 ** (-15 / 20)))
    return (lo + first * 88) * 1000 / RATE


def test_the_mp3_is_what_the_mix_says(mixed):
    """Joined from stretches, the MP3 still decodes (encoder delay and padding trimmed) to
    exactly the programme's length."""
    _, mix, audio = mixed
    assert mix.master is None  # no WAV asked for: none made
    assert abs(len(audio) * 1000 / RATE - mix.duration_ms) <= 1


def test_loudness_and_true_peak_of_the_mp3(mixed):
    _, mix, audio = mixed
    measured = pyloudnorm.Meter(RATE).integrated_loudness(audio.astype(np.float64))
    assert abs(measured - SETTINGS.loudness_lufs) <= 0.3
    assert abs(mix.loudness_lufs - SETTINGS.loudness_lufs) <= 0.2
    assert true_peak_dbtp(audio) <= SETTINGS.true_peak_dbtp


def test_one_cue_per_sentence_with_the_written_text(mixed):
    voicing, mix, _ = mixed
    written = [s.written for seg in voicing.segments for s in seg.segment.sentences]
    assert [c.text for c in mix.cues] == written
    assert all(0 <= c.start_ms < c.end_ms <= mix.duration_ms for c in mix.cues)
    assert all(a.end_ms < b.start_ms for a, b in zip(mix.cues, mix.cues[1:], strict=False))


def test_cues_start_where_the_sentences_really_start(mixed):
    _, mix, audio = mixed
    for cue in mix.cues:
        assert abs(onset_ms(audio, cue.start_ms, cue.end_ms) - cue.start_ms) <= 50, cue


def test_padding_is_trimmed_and_pauses_are_exact(mixed):
    _, mix, _ = mixed
    speech = [s for seg in SHAPE for p in seg for s in p]
    kept = clips.KEEP_BEFORE_S + clips.KEEP_AFTER_S
    for cue, seconds in zip(mix.cues, speech, strict=True):
        assert abs((cue.end_ms - cue.start_ms) / 1000 - (seconds + kept)) <= 0.012  # 5 ms frames
    p = SETTINGS.pauses
    gaps = [b.start_ms - a.end_ms for a, b in zip(mix.cues, mix.cues[1:], strict=False)]
    assert abs(gaps[0] - p.after_headline_ms) <= 1
    assert abs(gaps[1] - p.sentence_ms) <= 1
    assert abs(gaps[2] - p.paragraph_ms) <= 1


def test_chapters_cover_the_audio_with_segment_titles(mixed):
    voicing, mix, _ = mixed
    assert [c.title for c in mix.chapters] == [s.segment.title for s in voicing.segments]
    assert mix.chapters[0].start_ms == 0 and mix.chapters[-1].end_ms == mix.duration_ms
    assert all(a.end_ms == b.start_ms for a, b in zip(mix.chapters, mix.chapters[1:], strict=False))
    assert mix.chapters[1].start_ms == mix.cues[1].start_ms  # lead section: its first word


def test_same_input_same_master(mixed, tmp_path):
    voicing, mix, _ = mixed
    again = mix_episode(voicing, SETTINGS, tmp_path)
    assert again.encoded.read_bytes() == mix.encoded.read_bytes()
    assert replace(again, encoded=mix.encoded) == mix


def level_at(audio: np.ndarray, hz: float, start_ms: int, end_ms: int) -> float:
    """Level (dB) of the `hz` component in a window: a lock-in, deaf to other frequencies."""
    part = audio[start_ms * RATE // 1000 : end_ms * RATE // 1000].astype(np.float64)
    t = np.arange(len(part)) / RATE
    window = np.hanning(len(part))
    amplitude = abs(np.sum(part * window * np.exp(-2j * np.pi * hz * t))) * 2 / window.sum()
    return 20 * np.log10(amplitude)


def test_bed_is_ducked_under_speech_and_gone_before_the_first_section(tmp_path):
    """A 60 Hz bed (the voice has nothing below 120 Hz) measured before and under the headline."""
    t = np.arange(30 * 22_050) / 22_050
    write_wav(tmp_path / "bed.wav", (0.3 * np.sin(2 * np.pi * 60 * t)).astype(np.float32), 22_050)
    settings = replace(
        SETTINGS, pauses=Pauses(around_sting_ms=2000),
        jingles=Jingles(bed=tmp_path / "bed.wav"),
    )
    voicing = make_voicing(tmp_path / "clips", [[[3.0]], [[2.0]]])
    mix = mix_episode(voicing, settings, tmp_path / "work")
    audio = decode(mix.encoded, RATE)
    headline, lead = mix.cues
    alone = level_at(audio, 60, headline.start_ms - 1500, headline.start_ms - 500)
    under = level_at(audio, 60, headline.start_ms + 500, headline.end_ms - 300)
    after = level_at(audio, 60, lead.start_ms + 100, lead.end_ms)
    assert alone - under >= 15.0
    assert abs(alone - under - ducking.DUCK_DB) <= 1.0
    assert after < under - 20


def test_nothing_to_mix_is_an_error(tmp_path):
    with pytest.raises(AudioError, match="no sentences"):
        mix_episode(Voicing("x", "y", ()), SETTINGS, tmp_path)


def test_limit_model_predicts_the_limited_loudness(tmp_path):
    """The frame model's loudness at a gain is what the rendered, limited master measures."""
    from bulletin.mix import mixer

    voicing = make_voicing(tmp_path / "clips", SHAPE, padding=PADDING)
    mix = mix_episode(voicing, SETTINGS, tmp_path / "work")
    assert abs(mix.loudness_lufs - SETTINGS.loudness_lufs) <= mixer.TOLERANCE_LU
    audio = decode(mix.encoded, RATE)
    renderer = mixer.Renderer(len(audio), RATE, [(0, len(audio), mixer.InMemory(audio))])
    model = mixer.LimitModel.measure(renderer, 64 * 1000, TruePeakLimiter.at(RATE, -1.5))
    for gain_db in (-6.0, 0.0, 4.0):  # quiet (no limiting), as is, hard into the limiter
        model = model.covering(gain_db, renderer, 64 * 1000)
        limited = np.concatenate(list(mixer._limited(renderer, 64 * 1000, gain_db, model)))
        measured = pyloudnorm.Meter(RATE).integrated_loudness(limited.astype(np.float64))
        assert abs(model.loudness(gain_db) - measured) <= 0.1, gain_db
        assert true_peak_dbtp(limited) <= -1.5 + 0.01, gain_db


def test_levelled_jingles_come_from_the_cache(tmp_path, monkeypatch):
    from bulletin.mix import jingles

    voicing = make_voicing(tmp_path / "clips", SHAPE, padding=PADDING)
    first = mix_episode(voicing, SETTINGS, tmp_path / "a", cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache" / jingles.CACHE_SUBDIR).iterdir())) == 3

    def compose(*args, **kwargs):
        raise AssertionError("a cached jingle was composed again")

    monkeypatch.setattr(jingles.GeneratedJingle, "render", compose)
    second = mix_episode(voicing, replace(SETTINGS, jingles=Jingles()), tmp_path / "b",
                         cache_dir=tmp_path / "cache")
    # without the bed the headline's pause can hold a seam, up to one MP3 frame longer
    assert abs(second.duration_ms - first.duration_ms) <= 27


@pytest.mark.parametrize("frames", [69, 138, 758, 1000, 15_022])
def test_the_loudness_model_takes_any_length(frames):
    """69 frames of 64 samples at 44.1 kHz: the last 100 ms block used to start past the end
    (IndexError in add.reduceat) and fail one build in ~140."""
    model = LimitModel(np.full(frames, 0.5), np.full(frames, 0.01), 44_100,
                       TruePeakLimiter.at(44_100, -1.0), 2.0)
    assert np.isfinite(model.loudness(0.0))
