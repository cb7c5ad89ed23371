"""Loudness measurement (ITU-R BS.1770 / EBU R128).

What is encoded is measured by ffmpeg's `ebur128` filter in the encoder's own process
(`parse_ebur128` reads its report): it is also what podcast checkers run, so our figures
agree with theirs. Audio in memory (a stretch's voice, a jingle, the bed, the mixer's model
of the limited mix) is measured here in numpy, `block_powers` then `gated_lufs`: the same
filters and gating as ffmpeg's, within 0.01 LU of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..errors import AudioError

SILENCE_LUFS = -70.0  # ebur128's absolute gate: what it reports for silence
LEAD_S = 0.05  # past each block is filtered with: the K-weighting's memory is ~30 ms (1e-4)
FFT_BATCH = 16  # blocks transformed at once: a megabyte, in cache


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float | None  # None when not asked for (it costs 4× oversampling)


def parse_ebur128(stderr: str) -> Loudness:
    """Read the summary that ffmpeg's ebur128 filter prints at the end of a run."""
    summary = stderr[stderr.rfind("Summary:"):] if "Summary:" in stderr else ""
    integrated = re.search(r"I:\s+(-?[\d.]+|-?inf|nan) LUFS", summary)
    if integrated is None:
        raise AudioError("ffmpeg's ebur128 filter printed no loudness summary")
    peak = re.search(r"Peak:\s+(-?[\d.]+|-?inf|nan) dBFS", summary)
    return Loudness(
        integrated_lufs=_number(integrated.group(1)),
        true_peak_dbtp=_number(peak.group(1)) if peak else None,
    )


def _number(text: str) -> float:
    return float("-inf") if text in ("nan", "-nan") else float(text)


def gated_lufs(powers: np.ndarray) -> float:
    """Integrated loudness from K-weighted mean powers of consecutive 100 ms: BS.1770's
    400 ms blocks overlapping by 75%, the absolute and the relative gate."""
    if len(powers) < 4:
        return SILENCE_LUFS
    blocks = np.convolve(powers.astype(np.float64), np.full(4, 0.25), mode="valid")
    with np.errstate(divide="ignore"):
        lufs = -0.691 + 10 * np.log10(blocks)
    kept = blocks[lufs > SILENCE_LUFS]
    if not len(kept):
        return SILENCE_LUFS
    relative = -0.691 + 10 * np.log10(kept.mean()) - 10.0
    kept = kept[-0.691 + 10 * np.log10(kept) > relative]
    return float(-0.691 + 10 * np.log10(kept.mean()))


def block_powers(samples: np.ndarray, sample_rate_hz: int) -> np.ndarray:
    """K-weighted mean square of each consecutive 100 ms (a last partial block over its own
    length): what `gated_lufs` integrates.

    Each block is filtered by FFT together with the `LEAD_S` or more before it (zeros before
    the start), which outlasts the filters' memory: the result is the IIR filters' to 1e-4
    dB, at a fraction of their cost in numpy. So a programme measured in pieces differs from
    one pass only in each piece's first block, whose past it does not see.
    """
    n = round(sample_rate_hz / 10)
    count = -(-len(samples) // n)
    if not count:
        return np.zeros(0)
    lead = (1 << math.ceil(math.log2(n + LEAD_S * sample_rate_hz))) - n  # a fast FFT length
    padded = np.zeros(lead + count * n)
    padded[lead : lead + len(samples)] = samples
    energy = []
    for weighted in _weighted_rows(padded, lead, n, sample_rate_hz):
        energy.append(np.einsum("ij,ij->i", weighted, weighted))
    powers = np.concatenate(energy) / n
    tail = len(samples) - (count - 1) * n
    last = weighted[-1, :tail]  # without the filters' ringing after the end
    powers[-1] = np.dot(last, last) / tail
    return powers


def _weighted_rows(
    padded: np.ndarray, lead: int, step: int, sample_rate_hz: int
) -> Iterator[np.ndarray]:
    """`padded` after its first `lead` samples, K-weighted, as rows of `step` samples,
    `FFT_BATCH` rows at a time; each row is filtered by FFT with the `lead` samples before it
    (`lead + step` samples in all, best a power of two)."""
    size = lead + step
    segments = np.lib.stride_tricks.sliding_window_view(padded, size)[::step]
    response = _k_weighting(np.fft.rfftfreq(size, 1 / sample_rate_hz), sample_rate_hz)
    for a in range(0, len(segments), FFT_BATCH):
        yield np.fft.irfft(np.fft.rfft(segments[a : a + FFT_BATCH]) * response, size)[:, lead:]


def _k_weighting(freqs_hz: np.ndarray, sample_rate_hz: int) -> np.ndarray:
    """Response of BS.1770's K-weighting (a +4 dB high shelf, then a 38 Hz high-pass) at
    `freqs_hz`, designed for the rate as ffmpeg's ebur128 does (bilinear transform of the
    analogue filters that give the standard's 48 kHz coefficients), so both meters agree."""
    k = math.tan(math.pi * 1681.974450955533 / sample_rate_hz)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    shelf = ((vh + vb * k / q + k * k, 2 * (k * k - vh), vh - vb * k / q + k * k),
             (1 + k / q + k * k, 2 * (k * k - 1), 1 - k / q + k * k))
    k = math.tan(math.pi * 38.13547087602444 / sample_rate_hz)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k  # its numerator is 1, −2, 1 after normalising by a0, not before
    high_pass = ((a0, -2 * a0, a0), (a0, 2 * (k * k - 1), 1 - k / q + k * k))
    z = np.exp(-2j * np.pi * freqs_hz / sample_rate_hz)  # z⁻¹ on the unit circle
    response = np.ones(len(z), dtype=complex)
    for b, a in (shelf, high_pass):
        response *= np.polyval(b[::-1], z) / np.polyval(a[::-1], z)
    return response


def element_lufs(samples: np.ndarray, sample_rate_hz: int) -> float:
    """Integrated loudness of a short element held in memory (at least 0.4 s long), from its
    whole 100 ms blocks only, as ffmpeg gates it: a faded tail then counts as it does there."""
    n = round(sample_rate_hz / 10)
    return gated_lufs(block_powers(samples[: len(samples) // n * n], sample_rate_hz))


def gain_to(samples: np.ndarray, sample_rate_hz: int, target_lufs: float) -> np.ndarray:
    """The element scaled so that its integrated loudness is `target_lufs`."""
    lufs = element_lufs(samples, sample_rate_hz)
    if lufs <= SILENCE_LUFS:
        raise AudioError("a jingle or bed is silent; it cannot be levelled")
    return (samples * 10 ** ((target_lufs - lufs) / 20)).astype(np.float32)
