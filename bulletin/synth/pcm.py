"""Small pure operations on mono 16-bit PCM: WAV bytes, silence trimming, joining.

Trimming and joining use pydub: one sentence or one gTTS chunk fits easily in memory,
which is what pydub is made for. (The mixer streams instead: an hour does not.)
"""

from __future__ import annotations

import io
import types
import warnings
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Clip, Pcm

if TYPE_CHECKING:
    from pydub import AudioSegment

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


def _pydub() -> types.ModuleType:
    """pydub, imported on first use: the cache and every command that only reads WAV headers
    need none of it."""
    with warnings.catch_warnings():
        # pydub looks for an ffmpeg on PATH when imported and warns if there is none; we only
        # slice, measure and join PCM in memory, never asking pydub to run ffmpeg. It also
        # imports `audioop`, deprecated on 3.11-3.12 (audioop-lts provides it from 3.13): that
        # warning is pydub's to fix, and under `python -W error` it would stop the import.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="pydub")
        import pydub.silence
    return pydub


def _segment(pcm: Pcm) -> AudioSegment:
    return _pydub().AudioSegment(
        data=pcm.data, sample_width=2, frame_rate=pcm.sample_rate_hz, channels=1
    )


def _pcm(segment: AudioSegment) -> Pcm:
    return Pcm(segment.raw_data, segment.frame_rate)


def _sound_span_ms(segment: AudioSegment) -> tuple[int, int]:
    """(start, end) in ms of what is louder than SILENCE_DBFS (RMS over 10 ms frames)."""
    leading = _pydub().silence.detect_leading_silence
    start = leading(segment, SILENCE_DBFS, FRAME_MS)
    end = len(segment) - leading(segment.reverse(), SILENCE_DBFS, FRAME_MS)
    return start, end


def is_silent(pcm: Pcm) -> bool:
    start, end = _sound_span_ms(_segment(pcm))
    return start >= end


def trim_silence(pcm: Pcm, *, keep_ms: int = 20) -> Pcm:
    """Cut leading and trailing silence, keeping `keep_ms` so onsets and decays survive."""
    segment = _segment(pcm)
    start, end = _sound_span_ms(segment)
    if start >= end:
        return Pcm(b"", pcm.sample_rate_hz)
    return _pcm(segment[max(0, start - keep_ms) : end + keep_ms])


def join(pieces: list[Pcm], *, gaps_ms: list[int]) -> Pcm:
    """Trim each piece and join them with exactly `gaps_ms[i]` of silence after piece i."""
    rate = pieces[0].sample_rate_hz
    trimmed = [_segment(trim_silence(p)) for p in pieces]
    joined = trimmed[0]
    for gap_ms, piece in zip(gaps_ms, trimmed[1:], strict=True):
        joined = joined + _pydub().AudioSegment.silent(duration=gap_ms, frame_rate=rate) + piece
    return _pcm(joined)
