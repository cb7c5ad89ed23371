"""The music bed's gain over time: ducked under speech, faded out before the first section.

The mix knows the whole timeline in advance, so ducking looks ahead: the bed is already down
when the first word starts (a producer's fader, not a compressor reacting late). Gaps between
sentences shorter than `HOLD_S` keep the bed down, so it does not pump between sentences.
Ramps are raised cosines in decibels: smooth, with no step anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DUCK_DB = 18.0  # bed level under speech relative to the bed alone
ATTACK_S = 0.35
RELEASE_S = 0.6
HOLD_S = 1.2
FADE_IN_S = 0.05


def _ramp(n: int) -> np.ndarray:
    """0 → 1 over n samples, raised cosine."""
    return 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n)) if n > 0 else np.zeros(0)


def merge(spans: Sequence[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Join speech spans separated by less than `gap` samples."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] < gap:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def bed_gain(
    length: int, speech: Sequence[tuple[int, int]], fade_out_from: int, sample_rate_hz: int,
) -> np.ndarray:
    """Linear gain for each bed sample: 0 dB alone, −DUCK_DB under speech, 0 after the fade."""
    attack, release = round(ATTACK_S * sample_rate_hz), round(RELEASE_S * sample_rate_hz)
    spans = merge(speech, round(HOLD_S * sample_rate_hz))
    duck = np.zeros(length)  # in dB
    for i, (start, end) in enumerate(spans):
        shape = np.zeros(length)
        lo = max(0, start - attack)
        shape[lo:start] = _ramp(attack)[attack - (start - lo):]  # cut short at the bed's start
        last = i == len(spans) - 1  # the fade-out follows: stay down, do not swell back up
        stop = length if last else min(length, end + release)
        shape[start:stop] = 1.0
        if not last:
            shape[end:stop] = _ramp(release)[::-1][: stop - end]
        duck = np.minimum(duck, -DUCK_DB * shape)
    gain = 10 ** (duck / 20)
    fade_in = min(round(FADE_IN_S * sample_rate_hz), length)
    gain[:fade_in] *= _ramp(fade_in)
    fade_from = min(max(fade_out_from, fade_in), length)
    gain[fade_from:] *= _ramp(length - fade_from)[::-1]
    return gain.astype(np.float32)
