"""PCM helpers: trimming keeps the sound and a little air; joins are exactly the gap."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from bulletin.models import Pcm
from bulletin.synth.pcm import is_silent, join, trim_silence

RATE = 24_000


def tone(seconds: float, lead_s: float = 0.0, tail_s: float = 0.0) -> Pcm:
    t = np.arange(int(seconds * RATE)) / RATE
    body = (0.5 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2")
    pad = np.zeros
    samples = np.concatenate([pad(int(lead_s * RATE), "<i2"), body, pad(int(tail_s * RATE), "<i2")])
    return Pcm(samples.tobytes(), RATE)


def test_trim_keeps_the_sound_and_twenty_ms_each_side():
    trimmed = trim_silence(tone(1.0, lead_s=0.5, tail_s=0.7))
    assert abs(trimmed.duration_s - 1.04) < 0.011


def test_join_puts_exactly_the_gap_between_trimmed_pieces():
    joined = join([tone(0.5, 0.3, 0.3), tone(0.5, 0.3, 0.3)], gaps_ms=[100])
    assert abs(joined.duration_s - (0.54 + 0.1 + 0.54)) < 0.02
    three = join([tone(0.5, 0.3, 0.3)] * 3, gaps_ms=[100, 30])
    assert abs(three.duration_s - (3 * 0.54 + 0.1 + 0.03)) < 0.02


def test_silence_is_silent():
    assert is_silent(Pcm(b"\0\0" * RATE, RATE)) and not is_silent(tone(0.1))
    assert trim_silence(Pcm(b"\0\0" * RATE, RATE)).data == b""


def test_importing_under_warnings_as_errors_works():
    """pydub's `import audioop` warns on 3.11-3.12; `python -W error` must still start."""
    proc = subprocess.run([sys.executable, "-W", "error", "-c", "import bulletin.synth.pcm"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
