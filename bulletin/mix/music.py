"""The default jingles and bed, composed in code: additive instruments, ADSR envelopes, D major.

No binary asset ships in the repository and no random generator is used (noise comes from an
integer hash of the sample index), so the same sample rate gives the same samples on every
run. All four pieces share key and tempo, so the bed sits under the intro without clashing.

    intro  ≈ 5.5 s  bell motif over D–G–A–D pads, bass, kick and shaker, ending on a chord
    sting  ≈ 1.3 s  rising D-major arpeggio on a pad hit
    outro  ≈ 4.6 s  falling motif, G–A–D cadence, long final chord
    bed    any length: a soft D–Bm–G–A pad loop with bass and a light shaker
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

EIGHTH_S = 0.24  # 125 bpm
BAR_S = 8 * EIGHTH_S

# MIDI note numbers
D2, G2, A2, B2 = 38, 43, 45, 47
D3, FS3, G3, A3, B3 = 50, 54, 55, 57, 59
CS4, D4, E4, FS4 = 61, 62, 64, 66
A4, B4, D5, E5, FS5, G5, A5 = 69, 71, 74, 76, 78, 79, 81

CHORDS = {  # voicings of the pad: close position around middle C
    "D": (D3, FS3, A3, D4),
    "G": (G3, B3, D4),
    "A": (A3, CS4, E4),
    "Bm": (B3, D4, FS4),
}
BASS = {"D": D2, "G": G2, "A": A2, "Bm": B2}

Voice = Callable[[float, float, int], np.ndarray]  # (frequency, duration, rate) → samples


def midi_hz(note: int) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12)


def adsr(
    n: int, rate: int, attack_s: float, decay_s: float, sustain: float, release_s: float
) -> np.ndarray:
    """Attack (raised cosine), exponential decay to `sustain`, release to 0 at the note's end."""
    t = np.arange(n) / rate
    attack = np.where(t < attack_s, 0.5 - 0.5 * np.cos(np.pi * t / max(attack_s, 1e-9)), 1.0)
    decay = sustain + (1.0 - sustain) * np.exp(-np.maximum(t - attack_s, 0.0) / decay_s)
    release = np.clip((n / rate - t) / max(release_s, 1e-9), 0.0, 1.0) ** 2
    return attack * decay * release


def partials(
    freq: float, dur_s: float, rate: int, amps: Sequence[float], *,
    ratios: Sequence[float] | None = None, damping: float = 0.0, detune_cents: float = 0.0,
) -> np.ndarray:
    """A sum of sine partials; upper partials fade faster with `damping` (per second per rank)."""
    n = round(dur_s * rate)
    t = np.arange(n) / rate
    out = np.zeros(n)
    ratios = ratios or [k + 1.0 for k in range(len(amps))]
    for rank, (ratio, amp) in enumerate(zip(ratios, amps, strict=True)):
        f = freq * ratio
        if f >= 0.45 * rate:  # never alias
            break
        for cents in (-detune_cents, detune_cents) if detune_cents else (0.0,):
            fc = f * 2.0 ** (cents / 1200)
            out += amp * np.exp(-damping * rank * t) * np.sin(2 * np.pi * fc * t + rank)
    return out


def bell(freq: float, dur_s: float, rate: int) -> np.ndarray:
    """Electric-piano-like tone: quick attack, bright start mellowing as the overtones decay."""
    tone = partials(freq, dur_s, rate, (1.0, 0.5, 0.28, 0.14, 0.08), damping=2.5)
    return tone * adsr(len(tone), rate, 0.006, 0.45, 0.25, 0.12)


def pad(chord: Sequence[int], dur_s: float, rate: int, attack_s: float = 0.18) -> np.ndarray:
    """Soft, slightly detuned saw-like chord: the harmonic floor of every piece."""
    amps = [1.0 / k for k in range(1, 7)]
    tone = sum(partials(midi_hz(m), dur_s, rate, amps, detune_cents=4.0) for m in chord)
    return tone / len(chord) * adsr(len(tone), rate, attack_s, 0.6, 0.7, 0.35)


def bass(freq: float, dur_s: float, rate: int) -> np.ndarray:
    tone = partials(freq, dur_s, rate, (1.0, 0.35, 0.12), damping=1.5)
    return tone * adsr(len(tone), rate, 0.01, 0.3, 0.6, 0.1)


def kick(rate: int) -> np.ndarray:
    """Soft kick: a sine sweeping 110 → 45 Hz with a short exponential decay."""
    t = np.arange(int(0.25 * rate)) / rate
    freq = 45.0 + 65.0 * np.exp(-t / 0.03)
    phase = 2 * np.pi * np.cumsum(freq) / rate
    return np.sin(phase) * np.exp(-t / 0.07)


def hash_noise(n: int, seed: int) -> np.ndarray:
    """White noise in [-1, 1) from an integer hash of the index: the same on every machine."""
    x = (np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(seed))
    x ^= x >> np.uint64(31)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(29)
    return (x >> np.uint64(11)).astype(np.float64) / float(1 << 52) - 1.0


def shaker(rate: int, seed: int) -> np.ndarray:
    """A hi-hat/shaker tick: differenced (so high-passed) noise with a fast decay."""
    n = int(0.06 * rate)
    noise = np.diff(hash_noise(n + 1, seed))
    return noise * np.exp(-np.arange(n) / (0.012 * rate))


class Score:
    """A buffer that notes are added into at times in seconds."""

    def __init__(self, rate: int, duration_s: float) -> None:
        self.rate = rate
        self.buffer = np.zeros(round(duration_s * rate))

    def add(self, at_s: float, sound: np.ndarray, gain: float = 1.0) -> None:
        start = round(at_s * self.rate)
        end = min(start + len(sound), len(self.buffer))
        if end > start:
            self.buffer[start:end] += gain * sound[: end - start]

    def finish(self, fade_out_s: float = 0.05) -> np.ndarray:
        """Peak-normalised float32 with a short fade so the piece never ends on a click."""
        out = self.buffer
        n = min(int(fade_out_s * self.rate), len(out))
        if n:
            out[-n:] *= np.linspace(1.0, 0.0, n) ** 2
        peak = float(np.max(np.abs(out))) or 1.0
        return (out * (0.5 / peak)).astype(np.float32)


def _rhythm(score: Score, eighths: range, offset_s: float = 0.0) -> None:
    """Kick on each beat, a shaker on the off-beats."""
    for i in eighths:
        at = offset_s + i * EIGHTH_S
        if i % 2 == 0:
            score.add(at, kick(score.rate), 0.35)
        else:
            score.add(at, shaker(score.rate, seed=i), 0.06)


def _changes(score: Score, changes: Sequence[tuple[float, float, str]], pad_gain: float) -> None:
    """Pads and bass for a list of (start_s, duration_s, chord name)."""
    for at, dur, name in changes:
        score.add(at, pad(CHORDS[name], dur, score.rate), pad_gain)
        score.add(at, bass(midi_hz(BASS[name]), dur, score.rate), 0.35)


def _motif(score: Score, notes: Sequence[tuple[int, int, float]], gain: float = 0.5) -> None:
    """Bell notes as (eighth index, MIDI note, duration in eighths)."""
    for i, note, length in notes:
        score.add(i * EIGHTH_S, bell(midi_hz(note), length * EIGHTH_S, score.rate), gain)


def intro(rate: int) -> np.ndarray:
    score = Score(rate, 2 * BAR_S + 1.7)
    _changes(score, [(0.0, BAR_S, "D"), (BAR_S, BAR_S / 2, "G"),
                     (1.5 * BAR_S, BAR_S / 2, "A"), (2 * BAR_S, 1.7, "D")], 0.3)
    _motif(score, [(0, D5, 2), (1, A4, 1), (2, D5, 2), (3, FS5, 2), (5, E5, 1), (6, D5, 2),
                   (8, A5, 3), (10, G5, 1), (11, FS5, 1), (12, E5, 2), (14, FS5, 2)])
    for note in (D5, FS5, A5):  # the landing chord rings out
        score.add(2 * BAR_S, bell(midi_hz(note), 1.7, rate), 0.35)
    _rhythm(score, range(16))
    score.add(2 * BAR_S, kick(rate), 0.35)
    return score.finish(0.3)


def sting(rate: int) -> np.ndarray:
    score = Score(rate, 1.3)
    score.add(0.0, pad(CHORDS["D"], 1.3, rate, attack_s=0.01), 0.3)
    score.add(0.0, bass(midi_hz(D2), 1.3, rate), 0.35)
    for k, note in enumerate((A4, D5, FS5, A5)):
        score.add(0.07 * k, bell(midi_hz(note), 1.3 - 0.07 * k, rate), 0.45)
    score.add(0.0, kick(rate), 0.35)
    return score.finish(0.2)


def outro(rate: int) -> np.ndarray:
    score = Score(rate, BAR_S + 2.7)
    _changes(score, [(0.0, BAR_S / 2, "G"), (BAR_S / 2, BAR_S / 2, "A"), (BAR_S, 2.7, "D")], 0.3)
    _motif(score, [(0, A5, 2), (2, FS5, 1), (3, E5, 1), (4, D5, 2), (6, E5, 2)])
    for note in (D5, FS5, A5):
        score.add(BAR_S, bell(midi_hz(note), 2.7, rate), 0.35)
    _rhythm(score, range(8))
    score.add(BAR_S, kick(rate), 0.35)
    return score.finish(1.0)


def bed(rate: int, duration_s: float) -> np.ndarray:
    """A loop of D–Bm–G–A, one chord per bar, cut to `duration_s`."""
    score = Score(rate, duration_s)
    progression = ("D", "Bm", "G", "A")
    bars = int(np.ceil(duration_s / BAR_S))
    _changes(score, [(b * BAR_S, BAR_S, progression[b % 4]) for b in range(bars)], 0.4)
    for b in range(bars):
        for i in range(1, 8, 2):
            score.add(b * BAR_S + i * EIGHTH_S, shaker(rate, seed=b * 8 + i), 0.03)
    return score.finish(0.05)
