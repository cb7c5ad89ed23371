"""Loudness: the ebur128 summary parser (against real captured output) and the meters' agreement."""

from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soxr
from scipy.signal import lfilter

from bulletin import espeakng
from bulletin.errors import AudioError
from bulletin.mix import loudness, music
from bulletin.mix.music import hash_noise
from testkit.audio import ebur128, speech_like, write_wav

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
    """The two references the tests measure by (ebur128 as podcast checkers run it)."""
    rate = 44_100
    signal = np.concatenate([speech_like(3.0, rate, seed=s) for s in range(3)])
    write_wav(tmp_path / "s.wav", signal, rate)
    reference = pyloudnorm.Meter(rate).integrated_loudness(signal.astype(np.float64))
    assert abs(ebur128(tmp_path / "s.wav").integrated_lufs - reference) <= 0.2


def test_gain_to_hits_the_target():
    rate = 44_100
    signal = speech_like(2.0, rate)
    levelled = loudness.gain_to(signal, rate, -20.0)
    assert abs(loudness.element_lufs(levelled, rate) + 20.0) < 0.01


RATES = (22_050, 44_100, 48_000)


def espeak_speech(rate: int) -> np.ndarray:
    text = "मौसम विभाग ने आज दिल्ली में तेज़ बारिश की चेतावनी दी है। The monsoon arrived early."
    lib = espeakng.library()
    pcm = np.frombuffer(lib.speak(text, voice="hi", rate_wpm=160, pitch=50), dtype=np.int16)
    return soxr.resample(pcm / 32768, lib.sample_rate_hz, rate)


def tone(hz: float, seconds: float = 4.0, amplitude: float = 0.3):
    return lambda rate: amplitude * np.sin(2 * np.pi * hz * np.arange(round(seconds * rate)) / rate)


def pink(rate: int) -> np.ndarray:
    white = np.fft.rfft(hash_noise(6 * rate, 3))
    white[1:] /= np.sqrt(np.fft.rfftfreq(6 * rate, 1 / rate)[1:])
    white[0] = 0
    noise = np.fft.irfft(white, 6 * rate)
    return 0.2 * noise / np.abs(noise).max()


SIGNALS = {
    "espeak speech": espeak_speech,
    "speech-like": lambda rate: np.concatenate([speech_like(2.0, rate, seed=s) for s in range(3)]),
    "intro": music.intro,
    "sting": music.sting,
    "bed": lambda rate: music.bed(rate, 8.0),
    "white noise": lambda rate: 0.1 * hash_noise(5 * rate, 1),
    "pink noise": pink,
    "20 Hz": tone(20.0),
    "45 Hz (between bins)": tone(45.0),
    "45 Hz, near the gate": tone(45.0, amplitude=0.003),
    "997 Hz": tone(997.0),
    "9 kHz": tone(9_000.0),
    "bursts": lambda rate: tone(440.0, 6.0)(rate) * (np.arange(6 * rate) % rate < 0.3 * rate),
}


def written(path: Path, samples: np.ndarray, rate: int) -> np.ndarray:
    """`samples` as 16-bit WAV at `path`, and as ffmpeg will read them back."""
    write_wav(path, samples, rate)
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32768


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("name", SIGNALS)
def test_block_powers_gate_as_ffmpeg_does(tmp_path, name, rate):
    signal = SIGNALS[name](rate)
    whole = len(signal) // round(rate / 10) * round(rate / 10)  # ffmpeg drops a partial block
    samples = written(tmp_path / "x.wav", signal[:whole], rate)
    ours = loudness.gated_lufs(loudness.block_powers(samples, rate))
    assert abs(ours - ebur128(tmp_path / "x.wav").integrated_lufs) <= 0.1


def test_element_lufs_gates_whole_blocks_as_ffmpeg_does(tmp_path):
    """A faded tail shorter than a block is left out by both meters."""
    rate = 44_100
    signal = tone(440.0, 0.75)(rate) * np.hanning(round(0.75 * rate))
    samples = written(tmp_path / "x.wav", signal, rate)
    assert abs(loudness.element_lufs(samples, rate)
               - ebur128(tmp_path / "x.wav").integrated_lufs) <= 0.1


def bs1770_filters(rate: int) -> list[tuple[list[float], list[float]]]:
    """The shelf and high-pass biquads as ffmpeg designs them (BS.1770's at 48 kHz)."""
    k, q = math.tan(math.pi * 1681.974450955533 / rate), 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb, a0 = vh**0.4996667741545416, 1 + k / q + k * k
    shelf = ([(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0,
              (vh - vb * k / q + k * k) / a0],
             [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    k, q = math.tan(math.pi * 38.13547087602444 / rate), 0.5003270373238773
    a0 = 1 + k / q + k * k
    return [shelf, ([1.0, -2.0, 1.0], [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])]


def test_the_filters_are_bs1770s_at_48_khz():
    (b1, a1), (_, a2) = bs1770_filters(48_000)
    np.testing.assert_allclose(b1 + a1[1:], [1.53512485958697, -2.69169618940638,
                                             1.19839281085285, -1.69065929318241,
                                             0.73248077421585], rtol=1e-12)
    np.testing.assert_allclose(a2[1:], [-1.99004745483398, 0.99007225036621], rtol=1e-12)


@pytest.mark.parametrize("rate", RATES)
def test_block_powers_are_the_iir_filters(rate):
    """The FFT per block equals running the biquads sample by sample (a partial block too)."""
    rng = np.random.default_rng(rate)
    n = round(3.37 * rate)
    envelope = np.repeat(rng.uniform(0.0, 1.0, 40), -(-n // 40))[:n]
    signal = rng.standard_normal(n) * envelope + np.sin(2 * np.pi * 33.0 * np.arange(n) / rate)
    weighted = signal
    for b, a in bs1770_filters(rate):
        weighted = lfilter(b, a, weighted)
    block = round(rate / 10)
    expected = [np.mean(np.square(weighted[i : i + block])) for i in range(0, n, block)]
    np.testing.assert_allclose(loudness.block_powers(signal, rate), expected, rtol=1e-6)


def test_pieces_differ_only_in_their_first_block():
    rate = 44_100
    signal = np.concatenate([speech_like(2.0, rate, seed=s) for s in range(2)])
    cut = 17 * 4_410
    whole = loudness.block_powers(signal, rate)
    pieces = np.concatenate([loudness.block_powers(signal[:cut], rate),
                             loudness.block_powers(signal[cut:], rate)])
    keep = np.arange(len(whole)) != 17
    np.testing.assert_allclose(pieces[keep], whole[keep], rtol=1e-6)


def test_silence_cannot_be_levelled():
    with pytest.raises(AudioError, match="silent"):
        loudness.gain_to(np.zeros(44_100, np.float32), 44_100, -18.0)


