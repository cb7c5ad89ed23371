"""The generated jingles: deterministic, within their length budgets, and musical (not a beep)."""

from __future__ import annotations

import numpy as np
import pytest

from bulletin.mix import music
from bulletin.mix.jingles import GeneratedJingle

RATE = 44_100


def strong_partials(samples: np.ndarray, rate: int, within_db: float = 30.0) -> list[float]:
    """Frequencies of spectral peaks within `within_db` of the strongest, a semitone apart."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    floor = spectrum.max() * 10 ** (-within_db / 20)
    local_max = (spectrum[1:-1] > spectrum[:-2]) & (spectrum[1:-1] >= spectrum[2:])
    candidates = sorted(
        (i + 1 for i in np.flatnonzero(local_max & (spectrum[1:-1] > floor))),
        key=lambda i: -spectrum[i],
    )
    kept: list[float] = []
    for i in candidates:
        if all(abs(12 * np.log2(freqs[i] / f)) >= 1 for f in kept):
            kept.append(float(freqs[i]))
    return kept


@pytest.mark.parametrize("role", ["intro", "sting", "outro"])
def test_generated_jingle_is_deterministic(role):
    first = GeneratedJingle(role).render(RATE)
    second = GeneratedJingle(role).render(RATE)
    assert first.tobytes() == second.tobytes()


@pytest.mark.parametrize(("role", "longest_s"), [("intro", 6.0), ("sting", 1.5), ("outro", 6.0)])
def test_generated_jingle_lengths(role, longest_s):
    samples = GeneratedJingle(role).render(RATE)
    assert 0.5 <= len(samples) / RATE <= longest_s
    assert np.max(np.abs(samples)) <= 1.0
    assert abs(float(samples[-1])) < 1e-3  # ends faded, never on a click


@pytest.mark.parametrize("role", ["intro", "sting", "outro", "bed"])
def test_generated_music_is_not_a_pure_tone(role):
    samples = GeneratedJingle(role).render(RATE, 4.0 if role == "bed" else None)
    partials = strong_partials(samples, RATE)
    assert len(partials) >= 6, partials  # chords and harmonics, not one sine
    spectrum = np.abs(np.fft.rfft(samples)) ** 2
    top = np.argmax(spectrum)
    assert spectrum[max(0, top - 3) : top + 4].sum() < 0.5 * spectrum.sum()


def test_intro_has_a_motif_over_time():
    """Different notes at different times: the spectrum changes between the halves."""
    samples = GeneratedJingle("intro").render(RATE)
    half = len(samples) // 2
    first, second = strong_partials(samples[:half], RATE), strong_partials(samples[half:], RATE)
    assert set(np.round(first[:4])) != set(np.round(second[:4]))


def test_bed_has_the_length_asked_for():
    assert len(music.bed(RATE, 7.3)) == round(7.3 * RATE)


def test_hash_noise_is_reproducible_and_white():
    a, b = music.hash_noise(50_000, 3), music.hash_noise(50_000, 3)
    assert np.array_equal(a, b)
    assert a.min() >= -1.0 and a.max() < 1.0
    assert abs(a.mean()) < 0.02 and abs(np.corrcoef(a[:-1], a[1:])[0, 1]) < 0.02
