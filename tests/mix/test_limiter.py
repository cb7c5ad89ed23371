"""The true-peak limiter: catches peaks between samples, leaves quiet audio alone, block-proof."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

from bulletin.mix.limiter import PHASE_L1, TruePeakLimiter, frame_interpolator, gain_reduction
from testkit.audio import speech_like, true_peak_dbtp

RATE = 44_100


def run(limiter: TruePeakLimiter, signal: np.ndarray, block: int) -> np.ndarray:
    c = limiter.context
    padded = np.concatenate([np.zeros(c, np.float32), signal, np.zeros(c + block, np.float32)])
    out = [limiter.process(padded[a : a + block + 2 * c]) for a in range(0, len(signal), block)]
    return np.concatenate(out)[: len(signal)]


def intersample_burst() -> np.ndarray:
    """Quarter-rate tone at 45° phase: samples at 0.707 of the true peak (a 3 dB trap)."""
    t = np.arange(RATE)
    tone = np.sin(2 * np.pi * t / 4 + np.pi / 4) * np.hanning(RATE)
    return (1.4 * tone).astype(np.float32)  # true peak ≈ +2.9 dBTP


def test_true_peaks_are_held_under_the_ceiling():
    signal = intersample_burst()
    assert true_peak_dbtp(signal) > 2.5
    out = run(TruePeakLimiter(RATE, -1.5), signal, 10_000)
    assert true_peak_dbtp(out) <= -1.5 + 0.1


def test_quiet_audio_passes_untouched():
    signal = (0.3 * np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE)).astype(np.float32)
    assert np.array_equal(run(TruePeakLimiter(RATE, -1.5), signal, 8_192), signal)


def test_result_does_not_depend_on_block_size():
    rng = np.random.default_rng(1)
    signal = (rng.standard_normal(3 * RATE) * 0.4).astype(np.float32)
    a = run(TruePeakLimiter(RATE, -3.0), signal, 5_000)
    b = run(TruePeakLimiter(RATE, -3.0), signal, 44_100)
    np.testing.assert_allclose(a, b, atol=1e-6)
    assert true_peak_dbtp(a) <= -3.0 + 0.1


def test_gain_recovers_after_a_peak():
    signal = np.full(RATE, 0.2, np.float32)
    signal[RATE // 4] = 1.0  # a click
    out = run(TruePeakLimiter(RATE, -6.0, release_s=0.05), signal, RATE)
    assert abs(out[RATE // 4]) <= 10 ** (-6 / 20) + 1e-3  # the click: 6 dB down
    assert out[RATE // 4 + 100] < 0.2 * 0.9  # the gain is still recovering just after
    assert abs(out[RATE // 4 + round(0.5 * RATE)] - 0.2) < 1e-4  # 10 release times later


def bursts_signal() -> np.ndarray:
    rng = np.random.default_rng(5)
    t = np.arange(2 * RATE)
    bursts = (np.sin(2 * np.pi * t / RATE * 3) ** 8).astype(np.float32)
    signal = (rng.standard_normal(len(t)) * 0.3 * bursts).astype(np.float32)
    signal[RATE // 2 : RATE // 2 + 4000] += intersample_burst()[:4000] * 0.6
    return signal


def padded(signal: np.ndarray, context: int) -> np.ndarray:
    return np.concatenate([np.zeros(context, np.float32), signal, np.zeros(context, np.float32)])


def test_screened_peaks_limit_exactly_like_full_oversampling():
    """Frames too quiet to reach the ceiling skip the 4× interpolation, yet the limited
    output is identical to detecting every inter-sample peak."""
    signal = bursts_signal()
    limiter = TruePeakLimiter(RATE, -1.5)
    extended = padded(signal, limiter.context)
    full = limiter.peaks(extended, max_gain=1e6)  # every frame that is not silent is risky
    screened = limiter.peaks(extended)
    assert (screened < full).any()  # some frames really were skipped
    expected = TruePeakLimiter(RATE, -1.5).apply(extended, full)
    assert np.array_equal(limiter.apply(extended, screened), expected)
    assert len(expected) == len(signal)


# The references: what the limiter computed with scipy (resample_poly's default filter, the
# ndimage filters) before it did so in numpy; PHASE_L1 holds for that filter.

def scipy_peaks(extended: np.ndarray) -> np.ndarray:
    up = np.abs(resample_poly(extended, 4, 1)).reshape(-1, 4).max(axis=1)
    return np.maximum(np.abs(extended), np.maximum(up, np.roll(up, 1)))


def scipy_reduction(allowed: np.ndarray, w: int, log_release: float, carried: float) -> np.ndarray:
    ahead = minimum_filter1d(allowed, w, origin=-(w // 2), mode="nearest")
    attack = uniform_filter1d(ahead, w, origin=(w - 1) // 2, mode="nearest")
    out, r = np.empty(len(allowed)), carried
    for i, target in enumerate(np.clip(1.0 - attack, 0.0, 1.0)):
        r = out[i] = max(float(target), r * math.exp(log_release))
    return out


def speech_signal() -> np.ndarray:
    return np.concatenate([speech_like(1.5, RATE, seed=s) for s in range(3)]) * 2.5


@pytest.mark.parametrize("make", [bursts_signal, intersample_burst, speech_signal])
def test_peaks_are_resample_polys(make):
    limiter = TruePeakLimiter(RATE, -1.5)
    extended = padded(make(), limiter.context)
    np.testing.assert_allclose(limiter.peaks(extended, max_gain=1e6), scipy_peaks(extended),
                               rtol=0, atol=1e-6)


def test_the_interpolator_obeys_phase_l1():
    assert np.abs(frame_interpolator()).sum(axis=0).max() <= PHASE_L1


@pytest.mark.parametrize("window", [1, 2, 3, 4, 7, 8, 132, 133, 500])
@pytest.mark.parametrize("carried", [0.0, 0.3])
def test_gain_reduction_is_the_scipy_filters(window, carried):
    rng = np.random.default_rng(window)
    allowed = np.minimum(1.0, rng.uniform(0.2, 3.0, 3000) ** 3).astype(np.float32)
    allowed[1000:1400] = 1.0  # a stretch with nothing to limit: the release shows
    log_release = -1 / 200
    expected = scipy_reduction(allowed, window, log_release, carried)
    got = gain_reduction(allowed, window, log_release, carried)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


@pytest.mark.parametrize(("make", "ceiling_dbtp", "attack_s"), [
    (bursts_signal, -1.5, 0.003),
    (intersample_burst, -3.0, 0.003),
    (speech_signal, -1.5, 0.003),
    (speech_signal, -6.0, 0.0001),  # a window of 4 samples
    (bursts_signal, -1.5, 0.00001),  # of 1
])
def test_limited_output_is_the_scipy_implementations(make, ceiling_dbtp, attack_s):
    signal = make()
    limiter = TruePeakLimiter(RATE, ceiling_dbtp, attack_s=attack_s)
    extended = padded(signal, limiter.context)
    allowed = np.minimum(1.0, limiter.ceiling / np.maximum(scipy_peaks(extended), 1e-12))
    reduction = scipy_reduction(allowed, limiter.window, limiter.log_release, 0.0)
    expected = (extended * (1.0 - reduction))[limiter.context : -limiter.context]
    np.testing.assert_allclose(run(limiter, signal, 20_000), expected, rtol=0, atol=1e-6)
