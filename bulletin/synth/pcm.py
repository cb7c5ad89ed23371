"""Small pure operations on mono 16-bit PCM: WAV bytes, silence trimming, joining."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np

from ..models import Clip, Pcm

SILENCE_DBFS = -45.0  # quieter than this (RMS over 10 ms) counts as silence
FRAME_MS = 10


def wav_bytes(pcm: Pcm) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(pcm.sample_rate_hz)
        w.writeframes(pcm.data)
    return buf.getvalue()


def read_wav(path: Path) -> Pcm:
    """Read a mono 16-bit WAV (what every engine and the cache write)."""
    with wave.open(str(path), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise wave.Error(f"{path}: not mono 16-bit")
        return Pcm(w.readframes(w.getnframes()), w.getframerate())


def clip_of(path: Path) -> Clip:
    """A Clip for a WAV on disk, reading only its header."""
    with wave.open(str(path), "rb") as w:
        return Clip(path, w.getframerate(), w.getnframes() / w.getframerate())


def _loud_frames(pcm: Pcm) -> np.ndarray:
    """Indices of the 10 ms frames louder than SILENCE_DBFS."""
    samples = np.frombuffer(pcm.data, dtype="<i2").astype(np.float64) / 32768.0
    frame = max(1, pcm.sample_rate_hz * FRAME_MS // 1000)
    n = len(samples) // frame
    if n == 0:
        return np.array([], dtype=int)
    rms = np.sqrt(np.mean(samples[: n * frame].reshape(n, frame) ** 2, axis=1))
    return np.flatnonzero(rms > 10 ** (SILENCE_DBFS / 20))


def is_silent(pcm: Pcm) -> bool:
    return len(_loud_frames(pcm)) == 0


def trim_silence(pcm: Pcm, *, keep_ms: int = 20) -> Pcm:
    """Cut leading and trailing silence, keeping `keep_ms` so onsets and decays survive."""
    loud = _loud_frames(pcm)
    if len(loud) == 0:
        return Pcm(b"", pcm.sample_rate_hz)
    frame = pcm.sample_rate_hz * FRAME_MS // 1000
    keep = pcm.sample_rate_hz * keep_ms // 1000
    start = max(0, loud[0] * frame - keep)
    end = min(len(pcm.data) // 2, (loud[-1] + 1) * frame + keep)
    return Pcm(pcm.data[start * 2 : end * 2], pcm.sample_rate_hz)


def join(pieces: list[Pcm], *, gap_ms: int) -> Pcm:
    """Trim each piece and join them with exactly `gap_ms` of silence between."""
    rate = pieces[0].sample_rate_hz
    gap = b"\0\0" * (rate * gap_ms // 1000)
    return Pcm(gap.join(trim_silence(p).data for p in pieces), rate)

