"""The bed's envelope: 18 dB down under speech, smooth ramps, no swell before the fade-out."""

from __future__ import annotations

import numpy as np

from bulletin.mix import ducking

RATE = 8_000


def db(gain):
    return 20 * np.log10(np.maximum(gain, 1e-9))


def test_ducks_under_speech_and_fades_out():
    speech = [(3 * RATE, 5 * RATE)]
    gain = ducking.bed_gain(7 * RATE, speech, fade_out_from=5 * RATE, sample_rate_hz=RATE)
    assert abs(db(gain[2 * RATE])) < 0.01  # alone: full level
    under = db(gain[3 * RATE : 5 * RATE])
    assert np.all(under <= -ducking.DUCK_DB + 0.01)
    assert np.all(under >= -ducking.DUCK_DB - 0.01)
    assert np.all(np.diff(gain[5 * RATE :]) <= 1e-9)  # after the last word only down
    assert gain[-1] == 0.0


def test_ramps_are_smooth_and_ahead_of_speech():
    speech = [(2 * RATE, 3 * RATE), (6 * RATE, 7 * RATE)]
    gain = ducking.bed_gain(9 * RATE, speech, fade_out_from=7 * RATE, sample_rate_hz=RATE)
    level = db(gain[: 7 * RATE])
    attack = round(ducking.ATTACK_S * RATE)
    assert level[2 * RATE - attack - 1] > -0.01  # starts going down one attack ahead
    assert level[2 * RATE] <= -ducking.DUCK_DB + 0.01  # and is down when speech starts
    assert np.max(np.abs(np.diff(level[RATE:]))) < 0.1  # no step anywhere (dB per sample)
    release = round(ducking.RELEASE_S * RATE)
    assert abs(level[3 * RATE + release + 1]) < 0.01  # back up between far-apart sentences


def test_short_gaps_keep_the_bed_down():
    assert ducking.merge([(0, 100), (150, 300), (1000, 1200)], gap=100) == [(0, 300), (1000, 1200)]
    speech = [(RATE, 2 * RATE), (2 * RATE + RATE // 2, 3 * RATE)]  # a 0.5 s gap
    gain = ducking.bed_gain(4 * RATE, speech, fade_out_from=3 * RATE, sample_rate_hz=RATE)
    assert db(gain[2 * RATE + RATE // 4]) <= -ducking.DUCK_DB + 0.01
