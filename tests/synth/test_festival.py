"""Festival is detected at run time; where it is absent, the message says what to install."""

from __future__ import annotations

import shutil

import pytest

from bulletin.errors import EngineUnavailable
from bulletin.synth import VoiceSettings, available_engines, load_engine
from bulletin.synth.engines import festival
from bulletin.synth.pcm import is_silent

from .conftest import SENTENCES


def test_absent_program_is_explained():
    with pytest.raises(EngineUnavailable, match=r"festival is not installed: install festival"):
        festival.detect(which=lambda name: None)


def test_program_without_the_hindi_voice_is_explained(tmp_path):
    with pytest.raises(EngineUnavailable, match="apt install festvox-hi-nsk"):
        festival.detect(which=lambda name: f"/usr/bin/{name}", voice_dirs=(tmp_path,))


def test_program_and_voice_found(tmp_path):
    (tmp_path / "hindi" / festival.VOICE).mkdir(parents=True)
    found = festival.detect(which=lambda name: f"/usr/bin/{name}", voice_dirs=(tmp_path,))
    assert found == "/usr/bin/text2wave"


def test_voices_list_says_why_not_here():
    info = next(i for i in available_engines() if i.name == "festival")
    try:
        festival.detect()
    except EngineUnavailable as e:
        assert not info.usable and info.detail == str(e)
    else:
        assert info.usable and info.voices == (festival.VOICE,)


@pytest.mark.skipif(shutil.which("text2wave") is None, reason="festival is not installed here")
def test_speaks_hindi_where_installed():
    pcm = load_engine("festival", VoiceSettings(engine="festival")).synthesize(SENTENCES[2])
    assert pcm.sample_rate_hz == 16_000 and pcm.duration_s > 1 and not is_silent(pcm)
