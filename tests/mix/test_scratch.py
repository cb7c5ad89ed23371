"""Scratch space of a mix: about two 16-bit copies of the programme at most (#18).

A maximum-size build once used 11.5 GB: float32 voice, the master and every sentence clip at
once. Now the voice file is 16-bit, the clips go once they are in it, and the voice file
goes once the master is written.
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


def test_a_build_mix_leaves_only_the_master_and_peaks_near_two_copies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "work"
    voicing = make_voicing(work, [[[1.0]], [[1.5, 1.0], [1.2]], [[0.8, 2.0]]])
    clips = {c.path for s in voicing.segments for p in s.paragraphs for c in p}
    peaks: list[int] = []
    real = mixer._level

    def measured(*args: object, **kwargs: object):  # the master is written in here
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        peaks.append(folder_bytes(work))
        return result

    monkeypatch.setattr(mixer, "_level", measured)
    mix = mix_episode(voicing, SETTINGS, work, consume_clips=True)
    assert not any(p.exists() for p in clips)
    assert sorted(os.listdir(work)) == sorted([mix.master.name, mix.encoded.name])
    pcm_bytes = mix.duration_ms / 1000 * SETTINGS.sample_rate_hz * 2  # one 16-bit copy
    assert peaks and peaks[0] <= 2.1 * pcm_bytes + mix.encoded.stat().st_size  # + the MP3

