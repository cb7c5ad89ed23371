"""Stretches encoded apart and joined are the MP3 one encode would make: the same samples
where they belong, one correct LAME/Info header, read alike by ffmpeg and mutagen."""

from __future__ import annotations

import itertools
import random

import mutagen.mp3
import numpy as np
import pytest

from bulletin import ffmpeg
from bulletin.errors import AudioError
from bulletin.mix import mp3join
from bulletin.mix.settings import AudioSettings
from bulletin.mix.stretches import TAIL
from testkit.audio import decode, speech_like

SETTINGS = AudioSettings()
RATE = SETTINGS.sample_rate_hz
FRAME = mp3join.FRAME_SAMPLES


def encode(samples: np.ndarray, path) -> None:
    ffmpeg.run_ffmpeg(["-y", "-f", "f32le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0",
                       *SETTINGS.mp3_args(), str(path)],
                      input_bytes=samples.astype("<f4").tobytes())


@pytest.fixture(scope="module")
def programme() -> tuple[np.ndarray, list[int]]:
    """Speech with silences at frame-aligned seams, as the mixer lays it out."""
    parts, seams, at = [], [], 0
    for k, seconds in enumerate((3.0, 2.2, 4.1)):
        speech = np.concatenate([np.zeros(2 * FRAME, np.float32),  # GUARD after each seam
                                 speech_like(seconds, RATE, seed=k)])
        silence = np.zeros(-(-(len(speech) + TAIL + 3000) // FRAME) * FRAME - len(speech),
                           np.float32)
        parts += [speech, silence]
        at += len(speech) + len(silence)
        seams.append(at)
    return np.concatenate(parts), seams[:-1]


@pytest.fixture(scope="module")
def joined(programme, tmp_path_factory):
    audio, seams = programme
    folder = tmp_path_factory.mktemp("join")
    bounds = [0, *seams, len(audio)]
    stretches = []
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        last = b == len(audio)
        encode(audio[a : b if last else b - TAIL], folder / f"{k}.mp3")
        stretches.append(mp3join.read_stretch(folder / f"{k}.mp3"))
    encode(audio, folder / "whole.mp3")
    mp3join.join(stretches, folder / "joined.mp3")
    return folder, stretches


def test_joined_decodes_to_the_programme_sample_for_sample(programme, joined):
    audio, seams = programme
    folder, stretches = joined
    decoded, whole = decode(folder / "joined.mp3", RATE), decode(folder / "whole.mp3", RATE)
    assert len(decoded) == len(whole) == len(audio)  # delay and padding trimmed exactly
    error, whole_error = decoded - audio, whole - audio
    # as close to the programme as one encode is, and silent across every seam
    assert np.sqrt(np.mean(error**2)) <= 1.05 * np.sqrt(np.mean(whole_error**2))
    for seam in seams:
        assert np.abs(decoded[seam - TAIL : seam + FRAME]).max() < 1e-3
    assert all(s.frames * FRAME == b - a for s, a, b in
               zip(stretches, [0, *seams], seams, strict=False))


def test_the_header_holds_the_totals(joined):
    folder, stretches = joined
    data = (folder / "joined.mp3").read_bytes()
    header = mp3join.read_stretch(folder / "joined.mp3")
    assert header.frames == sum(s.frames for s in stretches)
    assert header.delay == stretches[0].delay and header.padding == stretches[-1].padding
    assert header.music_crc == mp3join.crc16(data[len(header.info):])
    tag = data.index(b"Info")
    assert int.from_bytes(data[tag + 8 : tag + 12], "big") == header.frames
    assert int.from_bytes(data[tag + 12 : tag + 16], "big") == len(data)
    lame = tag + 120
    assert int.from_bytes(data[lame + 34 : lame + 36], "big") == mp3join.crc16(
        data[: lame + 34] + b"\0\0" + data[lame + 36 : mp3join.TAG_CRC_SPAN])
    info = mutagen.mp3.MP3(folder / "joined.mp3").info
    assert info.bitrate_mode == mutagen.mp3.BitrateMode.CBR
    assert abs(info.length - mutagen.mp3.MP3(folder / "whole.mp3").info.length) < 0.05


def test_ffmpeg_reads_it_as_one_file(joined):
    folder, _ = joined
    report = ffmpeg.run_ffmpeg_report(["-i", str(folder / "joined.mp3"), "-f", "null", "-"])
    assert "concatenated" not in report and "inaccurate" not in report


@pytest.mark.parametrize("seed", range(5))
def test_crc_of_a_join_from_the_parts(seed):
    rng = random.Random(seed)
    a = rng.randbytes(rng.randrange(0, 5000))
    b = rng.randbytes(rng.randrange(0, 5000))
    assert mp3join.crc16_combine(mp3join.crc16(a), mp3join.crc16(b), len(b)) == \
        mp3join.crc16(a + b)


def test_not_an_mp3_is_an_audio_error(tmp_path):
    (tmp_path / "x.mp3").write_bytes(b"RIFF....WAVEfmt ")
    with pytest.raises(AudioError, match="MPEG audio frame"):
        mp3join.read_stretch(tmp_path / "x.mp3")
