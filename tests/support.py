"""Helpers shared by tests: decode what we produced with the bundled ffmpeg, like an app would."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bulletin.ffmpeg import ffmpeg_exe

REPO = Path(__file__).resolve().parent.parent
# The repository's own article carrying the hard cases of Hindi news copy: `2+2`, `S 400`,
# `S-400`, `S400`, `AK 203`, `डॉ.एस.सोमनाथ`, `..` between sentences, a stray nukta on a vowel
# sign (`हु़ई`), a kicker repeating the headline and a place-only dateline.
EXAMPLE = REPO / "examples" / "defence-talks.txt"


@dataclass(frozen=True)
class Decoded:
    samples: np.ndarray  # float32 in [-1, 1], mono
    sample_rate_hz: int
    errors: str  # everything ffmpeg said at level "error" while decoding the whole file

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate_hz

    @property
    def rms_dbfs(self) -> float:
        rms = float(np.sqrt(np.mean(np.square(self.samples, dtype=np.float64))))
        return 20 * np.log10(max(rms, 1e-12))


def decode(path: Path, sample_rate_hz: int = 44_100) -> Decoded:
    """Decode the whole file (no ffprobe), collecting every decoder error line."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-v", "error", "-i", str(path), "-f", "s16le",
         "-ac", "1", "-ar", str(sample_rate_hz), "pipe:1"],
        capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    samples = np.frombuffer(proc.stdout, dtype="<i2").astype(np.float32) / 32768.0
    return Decoded(samples, sample_rate_hz, proc.stderr.decode("utf-8", "replace").strip())
