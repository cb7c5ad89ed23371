"""User jingles: checked before any synthesis, with the config key in the error."""

from __future__ import annotations

import numpy as np
import pytest

from bulletin.errors import ConfigError
from bulletin.mix import check_jingles, mix_episode
from bulletin.mix.jingles import FileJingle, GeneratedJingle, sources
from bulletin.mix.settings import AudioSettings, Jingles
from testkit.audio import make_voicing, write_wav

RATE = 44_100


def settings(**jingles) -> AudioSettings:
    return AudioSettings(jingles=Jingles(**jingles))


def tone(path, seconds, rate=22_050):
    t = np.arange(round(seconds * rate)) / rate
    write_wav(path, (0.3 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), rate)
    return path


def test_missing_file_names_file_and_key(tmp_path):
    missing = tmp_path / "nope.mp3"
    with pytest.raises(ConfigError) as e:
        check_jingles(settings(intro=missing))
    assert "audio.jingles.intro" in str(e.value) and "nope.mp3" in str(e.value)


@pytest.mark.parametrize("role", ["sting", "outro", "bed"])
def test_undecodable_file_is_a_config_error(tmp_path, role):
    junk = tmp_path / "junk.ogg"
    junk.write_bytes(b"this is not audio" * 100)
    with pytest.raises(ConfigError, match=f"audio.jingles.{role}.*cannot be decoded"):
        check_jingles(settings(**{role: junk}))


def test_silent_or_too_short_file_is_refused(tmp_path):
    write_wav(tmp_path / "silent.wav", np.zeros(RATE, np.float32), RATE)
    with pytest.raises(ConfigError, match="silent"):
        check_jingles(settings(sting=tmp_path / "silent.wav"))
    with pytest.raises(ConfigError, match="shorter"):
        check_jingles(settings(sting=tone(tmp_path / "blip.wav", 0.2)))


def test_good_files_pass_and_replace_the_defaults(tmp_path):
    intro = tone(tmp_path / "intro.wav", 2.0)
    check_jingles(settings(intro=intro))
    chosen = sources(settings(intro=intro))
    assert chosen["intro"] == FileJingle("intro", intro)
    assert chosen["sting"] == GeneratedJingle("sting")
    assert "bed" not in chosen
    assert "bed" in sources(settings(music_bed=True))
    assert len(chosen["intro"].render(RATE)) == 2 * RATE  # resampled to the mix's rate


def test_a_bed_file_loops_to_the_length_asked(tmp_path):
    bed = FileJingle("bed", tone(tmp_path / "bed.wav", 1.0))
    assert len(bed.render(RATE, 3.5)) == round(3.5 * RATE)


def test_mix_checks_jingles_before_mixing(tmp_path):
    voicing = make_voicing(tmp_path / "clips", [[[1.0]]])
    with pytest.raises(ConfigError, match=r"audio\.jingles\.outro"):
        mix_episode(voicing, settings(outro=tmp_path / "gone.wav"), tmp_path / "work")
    assert not (tmp_path / "work" / "voice.wav").exists()
