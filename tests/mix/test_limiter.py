"""The true-peak limiter: catches peaks between samples, leaves quiet audio alone, ramps its
per-frame gain smoothly and never above what a frame allows, whatever the blocks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

from bulletin.mix.limiter import (
    FRAME,
    PHASE_L1,
    TruePeakLimiter,
    boundaries,
    frame_interpolator,
    frame_peaks,
    gain_reduction,
    ramp,
    ramp_power,
)
from testkit.audio import speech_like, true_peak_dbtp

RATE = 44_100
CONTEXT = FRAME


def peaks_of(signal: np.ndarray, limiter: TruePeakLimiter, *, max_gain: float = 1.0,
             block: int | None = None) -> np.ndarray:
    """Frame peaks of the whole signal, computed block by block as the mixer does."""
    block = block or len(signal)
    padded = np.concatenate([np.zeros(CONTEXT, np.float32), signal,
                             np.zeros(CONTEXT + block, np.float32)])
    return np.concatenate([
        frame_peaks(padded[a : a + min(block, len(signal) - a) + 2 * CONTEXT], CONTEXT,
                    limiter.ceiling, max_gain, frame_interpolator())
        for a in range(0, len(signal), block)
    ])


def limit(signal: np.ndarray, ceiling_dbtp: float, *, gain: float = 1.0,
          block: int | None = None, release_s: float = 0.1) -> np.ndarray:
    limiter = TruePeakLimiter.at(RATE, ceiling_dbtp, release_s=release_s)
    edges = boundaries(limiter.gains(peaks_of(signal, limiter, max_gain=gain, block=block), gain))
    block = block or len(signal)
    return np.concatenate([signal[a : a + block] * np.float32(gain)
                           * ramp(edges, a, len(signal[a : a + block]))
                           for a in range(0, len(signal), block)])


def intersample_burst() -> np.ndarray:
    """Quarter-rate tone at 45° phase: samples at 0.707 of the true peak (a 3 dB trap)."""
    t = np.arange(RATE)
    tone = np.sin(2 * np.pi * t / 4 + np.pi / 4) * np.hanning(RATE)
    return (1.4 * tone).astype(np.float32)  # true peak ≈ +2.9 dBTP


def bursts_signal() -> np.ndarray:
    rng = np.random.default_rng(5)
    t = np.arange(2 * RATE)
    bursts = (np.sin(2 * np.pi * t / RATE * 3) ** 8).astype(np.float32)
    signal = (rng.standard_normal(len(t)) * 0.3 * bursts).astype(np.float32)
    signal[RATE // 2 : RATE // 2 + 4000] += intersample_burst()[:4000] * 0.6
    return signal


def speech_signal() -> np.ndarray:
    return (np.concatenate([speech_like(1.5, RATE, seed=s) for s in range(3)]) * 2.5
            ).astype(np.float32)


SIGNALS = [intersample_burst, bursts_signal, speech_signal]


@pytest.mark.parametrize("make", SIGNALS)
@pytest.mark.parametrize(("ceiling_dbtp", "gain"), [(-1.5, 1.0), (-3.0, 2.0), (-6.0, 0.7)])
def test_true_peaks_are_held_under_the_ceiling(make, ceiling_dbtp, gain):
    signal = make()
    assert true_peak_dbtp(signal * gain) > ceiling_dbtp  # there is something to limit
    assert true_peak_dbtp(limit(signal, ceiling_dbtp, gain=gain)) <= ceiling_dbtp + 0.01


def test_quiet_audio_passes_untouched():
    signal = (0.3 * np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE)).astype(np.float32)
    assert np.array_equal(limit(signal, -1.5), signal)


@pytest.mark.parametrize("make", SIGNALS)
def test_result_does_not_depend_on_block_size(make):
    signal = make()
    whole = limit(signal, -3.0)
    for block in (FRAME * 70, FRAME * 1000):
        np.testing.assert_allclose(limit(signal, -3.0, block=block), whole, rtol=0, atol=1e-7)


def test_gain_recovers_after_a_peak():
    signal = np.full(RATE, 0.2, np.float32)
    signal[RATE // 4] = 1.0  # a click
    out = limit(signal, -6.0, release_s=0.05)
    assert abs(out[RATE // 4]) <= 10 ** (-6 / 20) + 1e-3  # the click: 6 dB down
    assert out[RATE // 4 + 100] < 0.2 * 0.9  # the gain is still recovering just after
    assert abs(out[RATE // 4 + round(0.5 * RATE)] - 0.2) < 1e-4  # 10 release times later
    assert np.abs(np.diff(out[RATE // 4 + 200 :])).max() < 1e-3  # recovers without steps


@pytest.mark.parametrize("seed", range(4))
def test_a_frame_never_gets_more_than_its_own_gain(seed):
    """The ramp runs between frame boundaries at the lower gain of the two frames each
    joins: every sample of a frame is at or under that frame's gain, and the energy the
    model scales a frame by is the ramp's."""
    rng = np.random.default_rng(seed)
    gains = np.clip(rng.uniform(0.3, 1.5, 200), 0.0, 1.0)
    edges = boundaries(gains)
    per_sample = ramp(edges, 0, 200 * FRAME).reshape(200, FRAME)
    assert (per_sample <= gains[:, None] + 1e-7).all()
    np.testing.assert_allclose(np.mean(per_sample.astype(np.float64) ** 2, axis=1),
                               ramp_power(edges), rtol=1e-3)
    start, length = 37 * FRAME + 5, 51 * FRAME + 11  # any slice is the same ramp
    np.testing.assert_array_equal(ramp(edges, start, length),
                                  per_sample.ravel()[start : start + length])


def test_screened_peaks_limit_exactly_like_full_oversampling():
    """Frames too quiet to reach the ceiling skip the 4× interpolation, yet the gains are
    identical to detecting every inter-sample peak."""
    signal = bursts_signal()
    limiter = TruePeakLimiter.at(RATE, -1.5)
    full = peaks_of(signal, limiter, max_gain=1e6)  # every frame that is not silent is risky
    screened = peaks_of(signal, limiter)
    assert (screened < full).any()  # some frames really were skipped
    np.testing.assert_array_equal(limiter.gains(screened), limiter.gains(full))


# The references: resample_poly's default filter and the ndimage filters, which the limiter
# used before it computed them in numpy; PHASE_L1 holds for that filter.

def scipy_frame_peaks(signal: np.ndarray) -> np.ndarray:
    padded = np.concatenate([np.zeros(CONTEXT, np.float32), signal, np.zeros(CONTEXT, np.float32)])
    up = np.abs(resample_poly(padded, 4, 1)).reshape(-1, 4).max(axis=1)
    per_sample = np.maximum(np.abs(padded), np.maximum(up, np.roll(up, 1)))[CONTEXT:-CONTEXT]
    frames = -(-len(signal) // FRAME)
    framed = np.zeros(frames * FRAME)
    framed[: len(signal)] = per_sample
    return framed.reshape(frames, FRAME).max(axis=1)


def scipy_reduction(allowed: np.ndarray, w: int, log_release: float) -> np.ndarray:
    ahead = minimum_filter1d(allowed, w, origin=-(w // 2), mode="nearest")
    attack = uniform_filter1d(ahead, w, origin=(w - 1) // 2, mode="nearest")
    out, r = np.empty(len(allowed)), 0.0
    for i, target in enumerate(np.clip(1.0 - attack, 0.0, 1.0)):
        r = out[i] = max(float(target), r * math.exp(log_release))
    return out


@pytest.mark.parametrize("make", SIGNALS)
def test_frame_peaks_are_resample_polys(make):
    """A frame's peak is the largest 4× interpolated value from the sample before it to its
    last: what scipy's whole-signal resample_poly gives there."""
    signal = make()
    peaks = peaks_of(signal, TruePeakLimiter.at(RATE, -1.5), max_gain=1e6)
    expected = scipy_frame_peaks(signal)
    np.testing.assert_allclose(peaks, expected, rtol=0, atol=1e-5)


def test_the_interpolator_obeys_phase_l1():
    assert np.abs(frame_interpolator()).sum(axis=0).max() <= PHASE_L1


@pytest.mark.parametrize("window", [1, 2, 3, 4, 7, 8, 132, 133, 500])
def test_gain_reduction_is_the_scipy_filters(window):
    rng = np.random.default_rng(window)
    allowed = np.minimum(1.0, rng.uniform(0.2, 3.0, 3000) ** 3).astype(np.float32)
    allowed[1000:1400] = 1.0  # a stretch with nothing to limit: the release shows
    log_release = -1 / 200
    expected = scipy_reduction(allowed, window, log_release)
    np.testing.assert_allclose(gain_reduction(allowed, window, log_release), expected,
                               rtol=0, atol=1e-6)
