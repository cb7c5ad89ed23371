"""The true-peak limiter: catches peaks between samples, leaves quiet audio alone, block-proof."""

from __future__ import annotations

import numpy as np

from bulletin.mix.limiter import TruePeakLimiter
from testkit.audio import true_peak_dbtp

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


def test_screened_peaks_limit_exactly_like_full_oversampling():
    """Frames too quiet to reach the ceiling skip the 4× interpolation, yet the limited
    output is identical to detecting every inter-sample peak."""
    from scipy.signal import resample_poly

    rng = np.random.default_rng(5)
    t = np.arange(2 * RATE)
    bursts = (np.sin(2 * np.pi * t / RATE * 3) ** 8).astype(np.float32)
    signal = (rng.standard_normal(len(t)) * 0.3 * bursts).astype(np.float32)
    signal[RATE // 2 : RATE // 2 + 4000] += intersample_burst()[:4000] * 0.6
    limiter, block = TruePeakLimiter(RATE, -1.5), len(signal)
    c = limiter.context
    extended = np.concatenate([np.zeros(c, np.float32), signal, np.zeros(c, np.float32)])
    up = np.abs(resample_poly(extended, 4, 1)).reshape(-1, 4).max(axis=1)
    full = np.maximum(np.abs(extended), np.maximum(up, np.roll(up, 1)))
    screened = limiter.peaks(extended)
    assert (screened < full).any()  # some frames really were skipped
    expected = TruePeakLimiter(RATE, -1.5).apply(extended, full)
    assert np.array_equal(limiter.apply(extended, screened), expected)
    assert len(expected) == block
