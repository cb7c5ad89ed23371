"""A look-ahead true-peak limiter that works block by block on an arbitrarily long programme.

The detector oversamples 4× (as BS.1770's true-peak meter does), so peaks between samples are
caught, not only sample peaks. The gain never exceeds what each sample allows: a running
minimum over the look-ahead window, smoothed by a moving average of the same length, ramps
the gain down *before* a peak (no overshoot, no click); an exponential release brings it back.
Each block is computed from a little context on both sides, so the result does not depend
on where the blocks fall; only the release state is carried from one block to the next.

Detection (`peaks`) is separate from gain (`apply`): the 4× interpolation is most of the
cost, so the mixer detects once and tries several programme gains on the same peaks. It is
also computed only where it can matter: an interpolated value is at most `PHASE_L1` times
the largest sample within the interpolator's reach, so a frame whose neighbourhood stays
under the ceiling by that factor cannot reach it, and keeps its sample peaks (which give the
same gain, 1, as the true ones would).
"""

from __future__ import annotations

import math

import numpy as np

OVERSAMPLE = 4
TAPS = 81  # the interpolator: scipy's resample_poly(x, 4, 1) filter, a Kaiser(β = 5) sinc
SINC_REACH = (TAPS // 2) // OVERSAMPLE  # input samples it weighs on each side (10)
FILTER_REACH = 16  # input samples of context the limiter keeps for it on each side (≥ 10)
PHASE_L1 = 2.25  # largest sum of |taps| over one phase of that interpolator (2.241)
FRAME = 64  # samples screened together; ≥ FILTER_REACH, so a frame's reach is its neighbours
# Frames interpolated per matrix product: OpenBLAS keeps a product this small on one core
# (larger ones wake a thread per core, which spins on the core the encoder is using).
BLAS_ROWS = 8


class TruePeakLimiter:
    def __init__(
        self, sample_rate_hz: int, ceiling_dbtp: float, *,
        attack_s: float = 0.003, release_s: float = 0.1,
    ) -> None:
        self.ceiling = 10 ** (ceiling_dbtp / 20)
        self.window = max(1, round(attack_s * sample_rate_hz))
        self.log_release = -1.0 / (release_s * sample_rate_hz)  # ln of the per-sample decay
        self.context = self.window + FILTER_REACH  # samples needed on each side of a block
        self._reduction = 0.0  # 1 - gain at the last sample of the previous block
        self._interpolate = frame_interpolator()

    def process(self, extended: np.ndarray) -> np.ndarray:
        """Limit one block given `context` extra samples before and after it; return the block."""
        return self.apply(extended, self.peaks(extended))

    def peaks(self, extended: np.ndarray, max_gain: float = 1.0) -> np.ndarray:
        """Per sample, the largest of |x| and the 4× interpolated values around it — wherever
        `max_gain` times the audio could reach the ceiling; |x| elsewhere."""
        mag = np.abs(extended)
        n = len(mag)
        if n == 0:
            return mag
        frames = -(-n // FRAME)
        framed = np.zeros(frames * FRAME, dtype=mag.dtype)
        framed[:n] = mag
        top = framed.reshape(frames, FRAME).max(axis=1)
        near = np.maximum(top, np.maximum(np.roll(top, 1), np.roll(top, -1)))
        near[0], near[-1] = max(top[:2]), max(top[-2:])
        risky = np.flatnonzero(near * (PHASE_L1 * max_gain) > self.ceiling)
        if not len(risky):
            return mag
        # Each risky frame with SINC_REACH samples either side (plus the sample before it,
        # whose interpolated points after it belong to the frame's first sample), zero
        # outside the block as a whole-block resample would have it.
        reach = SINC_REACH + 1
        index = risky[:, None] * FRAME + np.arange(-reach, FRAME + SINC_REACH)
        windows = np.where((index >= 0) & (index < n), extended[np.clip(index, 0, n - 1)], 0)
        windows = windows.astype(np.float32, copy=False)
        up = np.abs(np.concatenate([windows[a : a + BLAS_ROWS] @ self._interpolate
                                    for a in range(0, len(windows), BLAS_ROWS)]))
        between = up.reshape(len(risky), OVERSAMPLE, FRAME + 1).max(axis=1)  # [i, i+1)
        frame_peaks = np.maximum(np.abs(windows[:, reach : reach + FRAME]),
                                 np.maximum(between[:, 1:], between[:, :-1]))
        out = framed.copy()
        out.reshape(frames, FRAME)[risky] = frame_peaks
        return out[:n]

    def apply(self, extended: np.ndarray, peaks: np.ndarray, gain: float = 1.0) -> np.ndarray:
        """The block times `gain`, limited, given its `peaks` (at gain 1) and context."""
        n = len(extended) - 2 * self.context
        allowed = np.minimum(1.0, self.ceiling / np.maximum(peaks * gain, 1e-12))
        block = extended[self.context : self.context + n] * np.float32(gain)
        if self._reduction < 1e-7 and allowed.min() >= 1.0:  # nothing to limit: most blocks
            self._reduction = 0.0
            return block.astype(np.float32)
        reduction = gain_reduction(
            allowed, self.window, self.log_release, self._reduction,
            core=slice(self.context, self.context + n),
        )
        if n:
            self._reduction = float(reduction[-1])
        return (block * (1.0 - reduction)).astype(np.float32)


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


def gain_reduction(
    allowed: np.ndarray, window: int, log_release: float, carried: float = 0.0,
    core: slice = slice(None),
) -> np.ndarray:
    """1 − gain over `core`, given the gain each sample allows (≤ 1): a minimum over the next
    `window` samples, averaged over the last `window`, released by exp(`log_release`) per
    sample from `carried` (the reduction just before the core)."""
    ahead = _min_ahead(allowed, window)
    attack = _mean_behind(ahead, window)[core].astype(allowed.dtype)
    return _release(np.clip(1.0 - attack, 0.0, 1.0), log_release, carried)


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


def _release(reduction: np.ndarray, log_release: float, carried: float) -> np.ndarray:
    """r[i] = max(reduction[i], decay · r[i-1]), computed without a Python loop.

    In logs: log r[i] = i·λ + max_{k≤i}(log reduction[k] − k·λ), a running maximum.
    """
    k = np.arange(len(reduction))
    with np.errstate(divide="ignore"):
        terms = np.log(reduction) - k * log_release
        start = math.log(carried) + log_release if carried else -np.inf
    running = np.maximum.accumulate(np.concatenate(([start], terms)))[1:]
    return np.exp(k * log_release + running)
