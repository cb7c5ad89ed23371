"""Festival is detected at run time; where it is absent, the message says what to install."""

from __future__ import annotations

import shutil
import sys

import pytest

from bulletin.errors import EngineUnavailable, SynthesisError
from bulletin.synth import VoiceSettings, available_engines, load_engine, voice_script
from bulletin.synth.engines import festival
from bulletin.synth.pcm import is_silent
from testkit.speech import SENTENCES, make_script


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


@pytest.fixture
def broken_text2wave(tmp_path):
    """A text2wave that exits 0 after writing something that is not a WAV to its -o file."""
    program = tmp_path / "text2wave"
    program.write_text(f"#!{sys.executable}\n"
                       "import sys\n"
                       "out = sys.argv[sys.argv.index('-o') + 1]\n"
                       "open(out, 'wb').write(b'not a wav at all')\n")
    program.chmod(0o755)
    return str(program)


def test_an_unreadable_wav_is_a_synthesis_error(broken_text2wave):
    engine = festival.FestivalEngine(voice=festival.VOICE, text2wave=broken_text2wave)
    with pytest.raises(SynthesisError, match=r"^festival wrote an unreadable WAV \(.*\): check "
                                             rf"that {festival.VOICE} is installed"):
        engine.synthesize(SENTENCES[2])


def test_an_unreadable_wav_falls_back_to_espeak(broken_text2wave, monkeypatch, tmp_path):
    monkeypatch.setattr(festival, "detect", lambda: broken_text2wave)
    settings = VoiceSettings(engine="festival", fallback="espeak", jobs=1)
    v = voice_script(make_script([[SENTENCES[2]]]), settings, workdir=tmp_path / "w",
                     cache_dir=None)
    assert v.engine == "espeak"
    assert v.fallback_reason.startswith("festival failed: festival wrote an unreadable WAV")
