"""A look-ahead true-peak limiter whose gain is computed per frame and applied per sample.

The detector oversamples 4× (as BS.1770's true-peak meter does), so peaks between samples are
caught, not only sample peaks: `frame_peaks` gives each `FRAME` (64 samples, 1.45 ms) its
true peak. The gain is computed at that control rate (`TruePeakLimiter.gains`): a running
minimum of what each frame allows over the look-ahead, smoothed by a moving average of the
same length, ramps the gain down *before* a peak (no overshoot, no click), an exponential
release brings it back. `ramp` turns it into a gain per sample, linear between frame
`boundaries`, each at the lower of the gains of the frames it joins: within a frame the
gain never exceeds that frame's, so no sample exceeds the ceiling.

The mixer computes the peaks once, solves the programme gain on them and the frames'
energy (`mixer.LimitModel`, which runs this very gain computer, so its prediction is the
limited mix's loudness), then renders once at that gain. The 4× interpolation is computed
only where it can matter: an interpolated value is at most `PHASE_L1` times the largest
sample within the interpolator's reach, so a frame whose neighbourhood stays under the
ceiling by that factor at the largest gain asked for cannot reach it, and keeps its sample
peak (which allows the same gain, 1, as its true peak would).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

OVERSAMPLE = 4
TAPS = 81  # the interpolator: scipy's resample_poly(x, 4, 1) filter, a Kaiser(β = 5) sinc
SINC_REACH = (TAPS // 2) // OVERSAMPLE  # input samples it weighs on each side (10)
PHASE_L1 = 2.25  # largest sum of |taps| over one phase of that interpolator (2.241)
FRAME = 64  # samples a gain is computed for; ≥ SINC_REACH, so a frame's reach is its neighbours
# Frames interpolated per matrix product: OpenBLAS keeps a product this small on one core
# (larger ones wake a thread per core, which spins on the core the encoder is using).
BLAS_ROWS = 8
_RAMP = ((np.arange(FRAME) + 0.5) / FRAME).astype(np.float32)  # where in its frame a sample is


@dataclass(frozen=True)
class TruePeakLimiter:
    """The gain computer: `ceiling` (linear), look-ahead `window` and release, in frames."""

    ceiling: float
    window: int
    log_release: float  # ln of the per-frame decay of the gain reduction

    @classmethod
    def at(cls, sample_rate_hz: int, ceiling_dbtp: float, *, attack_s: float = 0.003,
           release_s: float = 0.1) -> TruePeakLimiter:
        return cls(ceiling=10 ** (ceiling_dbtp / 20),
                   window=max(1, math.ceil(attack_s * sample_rate_hz / FRAME)),
                   log_release=-FRAME / (release_s * sample_rate_hz))

    def gains(self, peaks: np.ndarray, gain: float = 1.0) -> np.ndarray:
        """Per frame, the limiter's gain (≤ 1) on the programme times `gain`, given its
        frames' true peaks at gain 1."""
        allowed = np.minimum(1.0, self.ceiling / np.maximum(peaks * gain, 1e-12))
        if allowed.min(initial=1.0) >= 1.0:
            return np.ones(len(peaks))
        return 1.0 - gain_reduction(allowed, self.window, self.log_release)


def frame_peaks(
    extended: np.ndarray, context: int, ceiling: float, max_gain: float,
    interpolator: np.ndarray,
) -> np.ndarray:
    """The true peak of each frame of `extended` between its `context` samples (≥
    SINC_REACH + 1) on each side: 4× interpolated wherever `max_gain` times the audio
    could reach `ceiling`, the sample peak elsewhere. `interpolator`: `frame_interpolator()`."""
    n = len(extended) - 2 * context
    frames = -(-n // FRAME)
    mag = np.zeros(2 * context + frames * FRAME, np.float32)
    mag[: len(extended)] = np.abs(extended)
    core = mag[context : context + frames * FRAME]
    top = core.reshape(frames, FRAME).max(axis=1) if frames else np.zeros(0, np.float32)
    # the neighbourhood of a frame: itself and a reach into the samples around it
    before = mag[context - SINC_REACH - 1 : context - SINC_REACH - 1 + frames * FRAME]
    after = mag[context + SINC_REACH : context + SINC_REACH + frames * FRAME]
    near = np.maximum(top, np.maximum(before.reshape(frames, FRAME).max(axis=1),
                                      after.reshape(frames, FRAME).max(axis=1)))
    risky = np.flatnonzero(near * (PHASE_L1 * max_gain) > ceiling)
    if not len(risky):
        return top
    # Each risky frame with SINC_REACH samples either side (plus the sample before it,
    # whose interpolated points after it belong to the frame's first sample).
    reach = SINC_REACH + 1
    padded = np.zeros(len(mag), np.float32)
    padded[: len(extended)] = extended
    index = context + risky[:, None] * FRAME + np.arange(-reach, FRAME + SINC_REACH)
    windows = padded[index]
    up = np.abs(np.concatenate([windows[a : a + BLAS_ROWS] @ interpolator
                                for a in range(0, len(windows), BLAS_ROWS)]))
    between = up.reshape(len(risky), OVERSAMPLE, FRAME + 1).max(axis=1)  # [i, i+1)
    peaks = top.copy()
    peaks[risky] = np.maximum(top[risky], between.max(axis=1))
    return peaks


def boundaries(gains: np.ndarray) -> np.ndarray:
    """The gain at each frame boundary, from per-frame `gains`: the lower of the two frames
    it joins (1 before the first frame and past the last), so that a ramp between a frame's
    two boundaries never exceeds that frame's gain. One more value than frames."""
    g = np.concatenate(([1.0], gains, [1.0]))
    return np.minimum(g[:-1], g[1:])


def ramp(edges: np.ndarray, start: int, length: int) -> np.ndarray:
    """The per-sample gain of samples [start, start + length): linear between the frame
    `boundaries` `edges` (1 past the last)."""
    first, last = start // FRAME, -(-(start + length) // FRAME)
    e = np.ones(last - first + 1, np.float32)
    known = edges[first : last + 1]
    e[: len(known)] = known
    per_frame = np.empty((last - first, FRAME), np.float32)
    np.multiply((e[1:] - e[:-1])[:, None], _RAMP, out=per_frame)
    per_frame += e[:-1, None]
    offset = start - first * FRAME
    return per_frame.ravel()[offset : offset + length]


def ramp_power(edges: np.ndarray) -> np.ndarray:
    """Per frame, the mean square of its `ramp` (what the frame's energy is scaled by)."""
    a, b = edges[:-1], edges[1:]
    return (a * a + a * b + b * b) / 3


def frame_interpolator() -> np.ndarray:
    """The 4× interpolation of one frame as a matrix: the frame with SINC_REACH + 1 samples
    before it and SINC_REACH after, times this, gives the 4 phases (phase-major) of the
    points from the sample before the frame to its last one: what resample_poly(x, 4, 1)
    gives there, float32 as it computes for float32 audio."""
    m = np.arange(TAPS) - TAPS // 2
    taps = np.sinc(m / OVERSAMPLE) * np.kaiser(TAPS, 5.0)
    taps = (taps / taps.sum()).astype(np.float32) * np.float32(OVERSAMPLE)
    # output point 4k + p = sum over q of taps[p + 4q] · x[k + SINC_REACH - q]
    matrix = np.zeros((FRAME + 2 * SINC_REACH + 1, OVERSAMPLE, FRAME + 1), np.float32)
    j = np.arange(FRAME + 1)
    for p in range(OVERSAMPLE):
        for q in range((TAPS - 1 - p) // OVERSAMPLE + 1):
            matrix[j + 2 * SINC_REACH - q, p, j] = taps[p + OVERSAMPLE * q]
    return matrix.reshape(len(matrix), -1)


def gain_reduction(allowed: np.ndarray, window: int, log_release: float) -> np.ndarray:
    """1 − gain, given the gain each frame allows (≤ 1): a minimum over the next `window`
    frames, averaged over the last `window`, released by exp(`log_release`) per frame."""
    ahead = _min_ahead(allowed, window)
    attack = _mean_behind(ahead, window).astype(allowed.dtype)
    return _release(np.clip(1.0 - attack, 0.0, 1.0), log_release)


def _min_ahead(x: np.ndarray, w: int) -> np.ndarray:
    """min(x[i : i + w]) for each i (cut short at the end), by doubling: minima over spans
    of 1, 2, 4 … samples, then of two overlapping spans of the largest power of two ≤ w."""
    mins, span = x.copy(), 1
    while 2 * span <= w:
        np.minimum(mins[:-span], mins[span:], out=mins[:-span])
        span *= 2
    if w > span:
        np.minimum(mins[: span - w], mins[w - span :], out=mins[: span - w])
    return mins


def _mean_behind(x: np.ndarray, w: int) -> np.ndarray:
    """mean(x[i - w + 1 : i + 1]) for each i, x[0] standing for the samples before it."""
    sums = np.cumsum(np.concatenate(([0.0], np.full(w - 1, x[0]), x)), dtype=np.float64)
    return (sums[w:] - sums[:-w]) / w


def _release(reduction: np.ndarray, log_release: float) -> np.ndarray:
    """r[i] = max(reduction[i], decay · r[i-1]), computed without a Python loop.

    In logs: log r[i] = i·λ + max_{k≤i}(log reduction[k] − k·λ), a running maximum.
    """
    k = np.arange(len(reduction))
    with np.errstate(divide="ignore"):
        terms = np.log(reduction) - k * log_release
    return np.exp(k * log_release + np.maximum.accumulate(terms))
