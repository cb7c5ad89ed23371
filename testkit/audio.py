"""Synthetic voicings for tests and benchmarks: speech-like clips of known length and padding.

A clip is a harmonic voice (f0 ≈ 120–180 Hz, falling spectrum) under a syllable-rate
envelope with a few fricative-like noise bursts, padded with silence (optionally a noise
floor, as gTTS leaves) of known length. So the mix can be checked where every sentence
really starts, without a voice engine.
"""

from __future__ import annotations

import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from bulletin import ffmpeg
from bulletin.ffmpeg import decode_to_pcm
from bulletin.mix.loudness import Loudness, parse_ebur128
from bulletin.mix.music import hash_noise
from bulletin.models import Clip, Sentence, SpeechSegment, VoicedSegment, Voicing

ONSET_S = 0.012


def speech_like(seconds: float, rate: int, seed: int = 0) -> np.ndarray:
    """Float32 'speech' with a sharp onset at sample 0 and a peak near 0.5."""
    n = round(seconds * rate)
    t = np.arange(n) / rate
    f0 = 120.0 + 60.0 * ((seed * 0.37) % 1.0)
    phase = 2 * np.pi * np.cumsum(f0 * (1.0 + 0.06 * np.sin(2 * np.pi * 0.7 * t))) / rate
    voice = sum(np.sin(k * phase) / k for k in range(1, 25) if k * f0 * 1.1 < rate / 2)
    syllables = 0.55 + 0.45 * np.sin(2 * np.pi * (4.0 + seed % 3 * 0.5) * t) ** 2
    hiss = np.diff(hash_noise(n + 1, seed + 1)) * (np.sin(2 * np.pi * 1.3 * t + seed) > 0.8)
    envelope = np.minimum(1.0, t / ONSET_S) * np.minimum(1.0, (seconds - t) / 0.03)
    out = (voice * syllables + 0.3 * hiss) * envelope
    return (0.5 * out / (np.max(np.abs(out)) or 1.0)).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2").tobytes())


def make_clip(
    path: Path, rate: int, speech_s: float, *, lead_s: float = 0.0, tail_s: float = 0.0,
    floor_dbfs: float | None = None, seed: int = 0,
) -> Clip:
    """A WAV of `lead_s` silence, `speech_s` speech, `tail_s` silence (over an optional floor)."""
    lead, tail = round(lead_s * rate), round(tail_s * rate)
    samples = np.concatenate(
        [np.zeros(lead, np.float32), speech_like(speech_s, rate, seed), np.zeros(tail, np.float32)]
    )
    if floor_dbfs is not None:
        samples += 10 ** (floor_dbfs / 20) * hash_noise(len(samples), seed + 7).astype(np.float32)
    write_wav(path, samples, rate)
    return Clip(path=path, sample_rate_hz=rate, duration_s=len(samples) / rate)


def make_voicing(
    folder: Path, shape: Sequence[Sequence[Sequence[float]]], *, rate: int = 22_050,
    padding: Sequence[tuple[float, float]] = ((0.15, 0.25),), floor_dbfs: float | None = -72.0,
    distinct: int | None = None,
) -> Voicing:
    """A voicing whose `shape[segment][paragraph][sentence]` gives each sentence's speech seconds.

    The first segment is the headline, the others sections titled `खंड n`. Sentence n is
    padded with `padding[n % len(padding)]` = (leading, trailing) seconds of silence. With
    `distinct`, clips are reused from a pool of that many seeds (long benchmarks stay fast).
    """
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[tuple[float, int], Clip] = {}
    number = 0
    segments = []
    for s, paragraphs in enumerate(shape):
        texts, clips = [], []
        for lengths in paragraphs:
            texts.append([])
            clips.append([])
            for speech_s in lengths:
                seed = number % distinct if distinct else number
                lead_s, tail_s = padding[seed % len(padding)]
                key = (speech_s, seed)
                if key not in made:
                    made[key] = make_clip(
                        folder / f"clip-{len(made):05d}.wav", rate, speech_s,
                        lead_s=lead_s, tail_s=tail_s, floor_dbfs=floor_dbfs, seed=seed,
                    )
                spoken = f"वाक्य {number + 1}"
                texts[-1].append(Sentence(f"{spoken} <{speech_s:g} s>", spoken))
                clips[-1].append(made[key])
                number += 1
        kind = "headline" if s == 0 else "section"
        segment = SpeechSegment(
            kind=kind,
            title=texts[0][0].written if s == 0 else f"खंड {s}",
            paragraphs=tuple(tuple(p) for p in texts),
        )
        segments.append(VoicedSegment(segment, tuple(tuple(p) for p in clips)))
    return Voicing(engine="synthetic", voice="test", segments=tuple(segments))


def bulletin_shape(minutes: float) -> list[list[list[float]]]:
    """A headline and sub-headed sections of 3–6 s sentences, about `minutes` long when mixed."""
    lengths = (3.2, 4.5, 2.8, 5.6, 3.9, 4.2, 3.0)
    shape: list[list[list[float]]] = [[[4.0]]]
    total, k = 10.0, 0
    while total < minutes * 60:
        section: list[list[float]] = [[1.5]]  # the sub-head
        for _ in range(3):
            paragraph = [lengths[(k + i) % len(lengths)] for i in range(3)]
            k += 1
            section.append(paragraph)
            total += sum(paragraph) + 3 * 0.4 + 0.3
        total += 1.5 + 2.5
        shape.append(section)
    return shape


def decode(path: Path, rate: int = 44_100) -> np.ndarray:
    """Any audio file as float32 mono, decoded by the bundled ffmpeg (as an app would)."""
    return np.frombuffer(decode_to_pcm(path, sample_rate_hz=rate), dtype="<i2") / np.float32(32768)


def true_peak_dbtp(samples: np.ndarray) -> float:
    """BS.1770-style true peak: the highest magnitude after 4× oversampling."""
    peak = float(np.max(np.abs(resample_poly(samples.astype(np.float64), 4, 1))))
    return 20 * np.log10(max(peak, 1e-12))


def ebur128(path: Path, *, true_peak: bool = False) -> Loudness:
    """A file measured by ffmpeg's ebur128 filter, as podcast checkers measure it."""
    return parse_ebur128(ffmpeg.run_ffmpeg_report(
        ["-i", str(path), "-map", "0:a:0", "-af", "ebur128=peak=true" if true_peak else "ebur128",
         "-f", "null", "-"]))
