"""Shared helpers for the synth tests: scripts of real Hindi sentences (`testkit.speech`, which
the voice benchmark uses too), a counting wrapper around a real engine, and measurements of
the audio."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from bulletin.models import Pcm
from bulletin.synth import VoiceSettings, load_engine
from bulletin.synth import voicing as voicing_module
from bulletin.synth.pcm import FRAME_MS, SILENCE_DBFS


def espeak(**settings: object) -> VoiceSettings:
    """The embedded voice alone: the default engine is gTTS (with espeak as its fallback)."""
    return VoiceSettings(engine="espeak", fallback=None, **settings)


@dataclass
class Counting:
    """A real engine whose calls are counted (threads only, so the count stays in-process)."""

    inner: object
    calls: list[str] = field(default_factory=list)
    parallel = "threads"

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def synthesize(self, text: str) -> Pcm:
        self.calls.append(text)
        return self.inner.synthesize(text)


@pytest.fixture
def counting(monkeypatch) -> dict[str, Counting]:
    """Make voice_script load counting wrappers around the real engines; keyed by name."""
    made: dict[str, Counting] = {}

    def load(name: str, settings: VoiceSettings) -> Counting:
        made[name] = Counting(load_engine(name, settings))
        return made[name]

    monkeypatch.setattr(voicing_module, "load_engine", load)
    return made


def samples(pcm: Pcm) -> np.ndarray:
    return np.frombuffer(pcm.data, dtype="<i2").astype(np.float64) / 32768.0


def f0_hz(pcm: Pcm) -> float:
    """Median fundamental frequency of the voiced 40 ms frames (autocorrelation, 70-400 Hz)."""
    x = samples(pcm)
    rate = pcm.sample_rate_hz
    n = rate * 40 // 1000
    lo, hi = rate // 400, rate // 70
    found = []
    for start in range(0, len(x) - n, n):
        frame = x[start : start + n] - x[start : start + n].mean()
        if np.sqrt(np.mean(frame**2)) < 0.02:
            continue
        ac = np.correlate(frame, frame, "full")[n - 1 :]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.3 * ac[0]:
            found.append(rate / lag)
    return float(np.median(found))


def longest_inner_silence_s(pcm: Pcm) -> float:
    """The longest run of silent 10 ms frames between the first and the last loud one."""
    x = samples(pcm)
    frame = pcm.sample_rate_hz * FRAME_MS // 1000
    n = len(x) // frame
    rms = np.sqrt(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1))
    loud = np.flatnonzero(rms > 10 ** (SILENCE_DBFS / 20))
    return float(np.max(np.diff(loud)) - 1) * FRAME_MS / 1000 if len(loud) > 1 else 0.0


def script_dirs(tmp_path: Path) -> dict[str, Path]:
    return {"workdir": tmp_path / "work", "cache_dir": tmp_path / "cache"}
