"""Loudness measurement (ITU-R BS.1770 / EBU R128) with well-kept implementations.

Long audio (the voice track, the master, the MP3) is measured by ffmpeg's `ebur128` filter,
streamed from disk or from the renderer, so an hour never sits in memory; it is also what
podcast checkers run, so our figures agree with theirs. Short elements (a jingle, the bed)
are measured in memory with pyloudnorm. `KWeighting` and `gated_lufs` are the mixer's own
gauge while it searches for the programme gain (the same filters and gating, streamed, on
a model of the limited mix); its figures are predictions that ffmpeg then verifies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import ffmpeg
from ..errors import AudioError

SILENCE_LUFS = -70.0  # ebur128's absolute gate: what it reports for silence


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


def _ebur128(true_peak: bool) -> list[str]:
    return ["-af", "ebur128=peak=true" if true_peak else "ebur128", "-f", "null", "-"]


def measure_file(path: Path, *, true_peak: bool = False) -> Loudness:
    """Measure an audio file."""
    return parse_ebur128(
        ffmpeg.run_ffmpeg_report(["-i", str(path), "-map", "0:a:0", *_ebur128(true_peak)])
    )


def write_and_measure(
    blocks: Iterable[np.ndarray], sample_rate_hz: int, dest: Path,
    encode: tuple[Path, float, list[str]] | None = None,
) -> Loudness:
    """Write float32 mono blocks to `dest` as 16-bit WAV and measure them (true peak too), in
    one ffmpeg process that works while the blocks are still being produced. `encode` =
    (path, gain dB, output options) also encodes them there, on the other core."""
    graph = "asplit[out][gauge];[gauge]ebur128=peak=true[done]"
    also: list[str] = []
    if encode is not None:
        path, gain_db, options = encode
        graph = (f"asplit=3[out][gauge][raw];[gauge]ebur128=peak=true[done];"
                 f"[raw]volume={gain_db:.3f}dB[coded]")
        also = ["-map", "[coded]", *options, str(path)]
    args = ["-y", "-f", "f32le", "-ar", str(sample_rate_hz), "-ac", "1", "-i", "pipe:0",
            "-filter_complex", graph,
            "-map", "[out]", "-c:a", "pcm_s16le", "-bitexact", "-f", "wav", str(dest), *also,
            "-map", "[done]", "-f", "null", "-"]
    chunks = (np.ascontiguousarray(b, dtype="<f4").tobytes() for b in blocks)
    return parse_ebur128(ffmpeg.run_ffmpeg_report(args, stdin_chunks=chunks))


class KWeighting:
    """BS.1770's K-weighting (pyloudnorm's filters) applied block by block, state carried."""

    def __init__(self, sample_rate_hz: int) -> None:
        import pyloudnorm  # pulls in scipy.signal (~0.5 s): only the mixer needs it
        from scipy.signal import sosfilt_zi

        stages = list(pyloudnorm.Meter(sample_rate_hz)._filters.values())
        self._sos = np.array([[*f.b, *f.a] for f in stages], dtype=np.float32)
        self._gain = np.float32(np.prod([f.passband_gain for f in stages]))
        self._state = np.zeros_like(sosfilt_zi(self._sos))

    def __call__(self, block: np.ndarray) -> np.ndarray:
        from scipy.signal import sosfilt

        weighted, self._state = sosfilt(self._sos, block, zi=self._state)
        return weighted * self._gain


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


def element_lufs(samples: np.ndarray, sample_rate_hz: int) -> float:
    """Integrated loudness of a short element held in memory (at least 0.4 s long)."""
    import pyloudnorm  # pulls in scipy.signal (~0.5 s): only jingles and beds need it

    meter = pyloudnorm.Meter(sample_rate_hz)
    return float(meter.integrated_loudness(samples.astype(np.float64)))


def gain_to(samples: np.ndarray, sample_rate_hz: int, target_lufs: float) -> np.ndarray:
    """The element scaled so that its integrated loudness is `target_lufs`."""
    lufs = element_lufs(samples, sample_rate_hz)
    if not np.isfinite(lufs):
        raise AudioError("a jingle or bed is silent; it cannot be levelled")
    return (samples * 10 ** ((target_lufs - lufs) / 20)).astype(np.float32)
