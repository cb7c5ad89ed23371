"""Loudness measurement (ITU-R BS.1770 / EBU R128) with well-kept implementations.

Long audio (the voice track, the episode) is measured by ffmpeg's `ebur128` filter, streamed
from disk or from the renderer, so an hour never sits in memory; it is also what podcast
checkers run, so our figures agree with theirs. Short elements (a jingle, the bed) are
measured in memory with pyloudnorm.
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


def measure_file(
    path: Path, *, true_peak: bool = False, raw_f32_rate: int | None = None
) -> Loudness:
    """Measure an audio file; `raw_f32_rate` reads headerless float32 mono at that rate."""
    raw = ["-f", "f32le", "-ar", str(raw_f32_rate), "-ac", "1"] if raw_f32_rate else []
    return parse_ebur128(
        ffmpeg.run_ffmpeg_report([*raw, "-i", str(path), "-map", "0:a:0", *_ebur128(true_peak)])
    )


def measure_stream(blocks: Iterable[np.ndarray], sample_rate_hz: int) -> Loudness:
    """Measure float32 mono blocks as they are produced."""
    args = ["-f", "f32le", "-ar", str(sample_rate_hz), "-ac", "1", "-i", "pipe:0"]
    chunks = (np.ascontiguousarray(b, dtype="<f4").tobytes() for b in blocks)
    return parse_ebur128(ffmpeg.run_ffmpeg_report([*args, *_ebur128(False)], stdin_chunks=chunks))


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
