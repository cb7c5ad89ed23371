"""Loudness: the ebur128 summary parser (against real captured output) and the meters' agreement."""

from __future__ import annotations

import numpy as np
import pyloudnorm

from bulletin.mix import loudness
from testkit.audio import speech_like, write_wav

# the end of `ffmpeg -i x.wav -af ebur128=peak=true -f null -` (ffmpeg 9.0), verbatim
RUNNING_LINE = (  # a per-frame line, printed at verbose level: its `I:` is not the result
    "[Parsed_ebur128_0 @ 0x55d0c8d7a2c0] t: 9.9        TARGET:-23 LUFS    M: -19.3 S: -19.6"
    "     I: -19.8 LUFS       LRA:   1.9 LU  FTPK:  -3.8 dBFS  TPK:  -2.1 dBFS\n"
)
EBUR128_OUTPUT = RUNNING_LINE + """\
[Parsed_ebur128_0 @ 0x55d0c8d7a2c0] Summary:

  Integrated loudness:
    I:         -21.8 LUFS
    Threshold: -31.8 LUFS

  Loudness range:
    LRA:         0.0 LU
    Threshold: -41.8 LUFS
    LRA low:   -21.8 LUFS
    LRA high:  -21.8 LUFS

  True peak:
    Peak:      -18.1 dBFS
[out#0/null @ 0x55a2ccc77b00] video:0KiB audio:51680KiB subtitle:0KiB other streams:0KiB
"""

SILENCE_OUTPUT = """\
[Parsed_ebur128_0 @ 0x5] Summary:

  Integrated loudness:
    I:         -70.0 LUFS
    Threshold:   0.0 LUFS

  True peak:
    Peak:       -inf dBFS
"""


def test_parse_summary_not_the_running_lines():
    assert loudness.parse_ebur128(EBUR128_OUTPUT) == loudness.Loudness(-21.8, -18.1)


def test_parse_silence():
    parsed = loudness.parse_ebur128(SILENCE_OUTPUT)
    assert parsed.integrated_lufs == loudness.SILENCE_LUFS
    assert parsed.true_peak_dbtp == float("-inf")


def test_parse_without_peak():
    text = EBUR128_OUTPUT[: EBUR128_OUTPUT.index("  True peak")]
    assert loudness.parse_ebur128(text).true_peak_dbtp is None


def test_ffmpeg_and_pyloudnorm_agree(tmp_path):
    rate = 44_100
    signal = np.concatenate([speech_like(3.0, rate, seed=s) for s in range(3)])
    write_wav(tmp_path / "s.wav", signal, rate)
    reference = pyloudnorm.Meter(rate).integrated_loudness(signal.astype(np.float64))
    streamed = loudness.write_and_measure(
        np.array_split(signal, 7), rate, tmp_path / "streamed.wav").integrated_lufs
    from_file = loudness.measure_file(tmp_path / "s.wav").integrated_lufs
    assert abs(streamed - reference) <= 0.2
    assert abs(from_file - reference) <= 0.2


def test_gain_to_hits_the_target():
    rate = 44_100
    signal = speech_like(2.0, rate)
    levelled = loudness.gain_to(signal, rate, -20.0)
    assert abs(loudness.element_lufs(levelled, rate) + 20.0) < 0.01
