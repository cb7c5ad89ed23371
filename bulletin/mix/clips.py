"""Sentence clips made ready to place: read, trimmed of the engine's own silence, resampled.

Engines pad unevenly (gTTS by hundreds of milliseconds), so pauses are only exact once each
clip's leading and trailing silence is gone. Silence is judged relative to the clip's own
peak, so a quiet engine is trimmed like a loud one; a little air is kept on each side so a
soft onset or a final consonant is not cut, and short fades keep the cut edges click-free.
"""

from __future__ import annotations

import math
import wave
from dataclasses import dataclass

import numpy as np
import soxr

from ..errors import AudioError
from ..models import Clip
from .loudness import block_powers

FRAME_S = 0.005  # silence is judged on 5 ms frames
THRESHOLD_DB = -40.0  # below the clip's peak frame: silence
KEEP_BEFORE_S = 0.010  # air kept before the first loud frame
KEEP_AFTER_S = 0.040  # and after the last: final consonants (स, त) decay slowly
EDGE_FADE_S = 0.004


def read_clip(clip: Clip) -> tuple[np.ndarray, int]:
    """Samples as float32 in [-1, 1) and the rate from the file's own header."""
    try:
        with wave.open(str(clip.path), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.readframes(w.getnframes())
    except FileNotFoundError:
        raise AudioError(f"sentence clip {clip.path} is missing (work folder cleaned?)") from None
    except (wave.Error, EOFError) as e:
        raise AudioError(f"sentence clip {clip.path} is not a readable WAV file: {e}") from None
    if channels != 1 or width != 2:
        raise AudioError(
            f"sentence clip {clip.path} is {channels}-channel {8 * width}-bit; the synth stage "
            "must write mono 16-bit WAV"
        )
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0, rate


def speech_bounds(samples: np.ndarray, rate: int) -> tuple[int, int]:
    """(start, end) sample indices of the clip without its leading and trailing silence."""
    frame = max(1, int(FRAME_S * rate))
    n_frames = math.ceil(len(samples) / frame)
    padded = np.zeros(n_frames * frame, dtype=np.float32)
    padded[: len(samples)] = np.abs(samples)
    peaks = padded.reshape(n_frames, frame).max(axis=1)
    top = float(peaks.max()) if n_frames else 0.0
    if top == 0.0:
        return 0, 0
    loud = np.flatnonzero(peaks >= top * 10 ** (THRESHOLD_DB / 20))
    start = max(0, int(loud[0]) * frame - int(KEEP_BEFORE_S * rate))
    end = min(len(samples), (int(loud[-1]) + 1) * frame + int(KEEP_AFTER_S * rate))
    return start, end


@dataclass(frozen=True)
class Speech:
    """A sentence ready to place, and its loudness, which the mixer levels stretches by."""

    samples: np.ndarray  # at the mix's rate, float32, with faded edges
    powers: np.ndarray  # K-weighted 100 ms powers (`block_powers`), at the clip's own rate


def prepare_clip(clip: Clip, sample_rate_hz: int) -> Speech:
    """The trimmed sentence at the mix's rate and its loudness, measured before resampling
    (an engine's 22 kHz clip is half the work of the 44.1 kHz mix)."""
    samples, rate = read_clip(clip)
    start, end = speech_bounds(samples, rate)
    if end <= start:
        raise AudioError(
            f"sentence clip {clip.path} is silent: the voice engine returned no speech for it"
        )
    speech = samples[start:end].copy()
    fade = min(int(EDGE_FADE_S * rate), len(speech) // 2)
    if fade:
        ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, fade))).astype(np.float32)
        speech[:fade] *= ramp
        speech[-fade:] *= ramp[::-1]
    powers = block_powers(speech, rate)
    if rate != sample_rate_hz:
        speech = soxr.resample(speech, rate, sample_rate_hz).astype(np.float32, copy=False)
    return Speech(speech, powers)
