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
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

OVERSAMPLE = 4
FILTER_REACH = 16  # input samples the 4× interpolator (81 taps) looks to each side (it needs 10)
PHASE_L1 = 2.25  # largest sum of |taps| over one phase of that interpolator (2.241)
FRAME = 64  # samples screened together; ≥ FILTER_REACH, so a frame's reach is its neighbours


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
        # Each risky frame with FILTER_REACH samples either side (plus the sample before it,
        # whose interpolated points after it belong to the frame's first sample), zero
        # outside the block as a whole-block resample would have it.
        reach = FILTER_REACH + 1
        index = risky[:, None] * FRAME + np.arange(-reach, FRAME + FILTER_REACH)
        windows = np.where((index >= 0) & (index < n), extended[np.clip(index, 0, n - 1)], 0)
        up = np.abs(resample_poly(windows, OVERSAMPLE, 1, axis=1))
        between = up.reshape(len(risky), -1, OVERSAMPLE).max(axis=2)  # [i, i+1) per sample
        core = slice(reach, reach + FRAME)
        before = slice(reach - 1, reach - 1 + FRAME)
        frame_peaks = np.maximum(np.abs(windows[:, core]),
                                 np.maximum(between[:, core], between[:, before]))
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


def gain_reduction(
    allowed: np.ndarray, window: int, log_release: float, carried: float = 0.0,
    core: slice = slice(None),
) -> np.ndarray:
    """1 − gain over `core`, given the gain each sample allows (≤ 1): a minimum over the next
    `window` samples, averaged over the last `window`, released by exp(`log_release`) per
    sample from `carried` (the reduction just before the core)."""
    w = window
    ahead = minimum_filter1d(allowed, w, origin=-(w // 2), mode="nearest")  # min of [i, i+w)
    attack = uniform_filter1d(ahead, w, origin=(w - 1) // 2, mode="nearest")  # mean of (i-w, i]
    return _release(np.clip(1.0 - attack[core], 0.0, 1.0), log_release, carried)


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
