"""A look-ahead true-peak limiter that works block by block on an arbitrarily long programme.

The detector oversamples 4× (as BS.1770's true-peak meter does), so peaks between samples are
caught, not only sample peaks. The gain never exceeds what each sample allows: a running
minimum over the look-ahead window, smoothed by a moving average of the same length, ramps
the gain down *before* a peak (no overshoot, no click); an exponential release brings it back.
Each block is computed from a little context on both sides, so the result does not depend
on where the blocks fall; only the release state is carried from one block to the next.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

OVERSAMPLE = 4
FILTER_REACH = 16  # input samples the 4× interpolator (81 taps) looks to each side (it needs 10)


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
        n = len(extended) - 2 * self.context
        up = np.abs(resample_poly(extended, OVERSAMPLE, 1))
        between = np.maximum(np.maximum(up[0::4], up[1::4]), np.maximum(up[2::4], up[3::4]))
        peak = np.maximum(np.abs(extended), np.maximum(between, np.roll(between, 1)))
        allowed = np.minimum(1.0, self.ceiling / np.maximum(peak, 1e-12))
        w = self.window
        ahead = minimum_filter1d(allowed, w, origin=-(w // 2), mode="nearest")  # min of [i, i+w)
        attack = uniform_filter1d(ahead, w, origin=(w - 1) // 2, mode="nearest")  # mean of (i-w, i]
        reduction = np.clip(1.0 - attack[self.context : self.context + n], 0.0, 1.0)
        block = extended[self.context : self.context + n]
        if self._reduction < 1e-7 and not reduction.any():  # nothing to limit: most blocks
            self._reduction = 0.0
            return block.astype(np.float32)
        reduction = self._release(reduction)
        return (block * (1.0 - reduction)).astype(np.float32)

    def _release(self, reduction: np.ndarray) -> np.ndarray:
        """r[i] = max(reduction[i], decay · r[i-1]), computed without a Python loop.

        In logs: log r[i] = i·λ + max_{k≤i}(log reduction[k] − k·λ), a running maximum.
        """
        k = np.arange(len(reduction))
        with np.errstate(divide="ignore"):
            terms = np.log(reduction) - k * self.log_release
            carried = math.log(self._reduction) + self.log_release if self._reduction else -np.inf
        running = np.maximum.accumulate(np.concatenate(([carried], terms)))[1:]
        out = np.exp(k * self.log_release + running)
        if len(out):
            self._reduction = float(out[-1])
        return out
