"""Scratch space of a mix: about one 16-bit copy of the programme at most (#18).

A maximum-size build once used 11.5 GB: float32 voice, the master and every sentence clip at
once. Now the voice file is 16-bit, the clips go once they are in it, and the voice file
and the stretches' MP3s go once the episode MP3 is joined.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bulletin.mix import mix_episode, mixer
from bulletin.mix.settings import AudioSettings
from testkit.audio import make_voicing

SETTINGS = AudioSettings()


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_a_build_mix_leaves_only_the_mp3_and_peaks_near_one_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "work"
    voicing = make_voicing(work, [[[1.0]], [[1.5, 1.0], [1.2]], [[0.8, 2.0]]])
    clips = {c.path for s in voicing.segments for p in s.paragraphs for c in p}
    peaks: list[int] = []
    real = mixer.mp3join.join

    def measured(*args: object, **kwargs: object) -> None:  # every stretch is encoded
        peaks.append(folder_bytes(work))
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mixer.mp3join, "join", measured)
    mix = mix_episode(voicing, SETTINGS, work, consume_clips=True)
    assert not any(p.exists() for p in clips)
    assert sorted(os.listdir(work)) == [mix.encoded.name]
    pcm_bytes = mix.duration_ms / 1000 * SETTINGS.sample_rate_hz * 2  # one 16-bit copy
    assert peaks and peaks[0] <= 1.05 * pcm_bytes + mix.encoded.stat().st_size  # + the MP3
