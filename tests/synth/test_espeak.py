"""The embedded espeak-ng engine speaks Hindi, at the rate, pitch and variant asked for."""

from __future__ import annotations

import pytest

from bulletin.errors import ConfigError, SynthesisError
from bulletin.synth import VoiceSettings, available_engines, load_engine
from bulletin.synth.pcm import is_silent
from testkit.speech import SENTENCES

from .conftest import f0_hz


def speak(text: str, **settings) -> object:
    return load_engine("espeak", VoiceSettings(**settings)).synthesize(text)


def test_speaks_hindi_at_22050_hz_longer_text_longer_audio():
    short = speak(SENTENCES[2])
    long = speak(" ".join(SENTENCES))
    assert short.sample_rate_hz == 22_050
    assert not is_silent(short)
    assert 1.0 < short.duration_s < 6.0
    assert long.duration_s > 3 * short.duration_s


def test_slower_rate_is_longer():
    assert speak(SENTENCES[1], rate_wpm=100).duration_s > 1.4 * speak(
        SENTENCES[1], rate_wpm=200
    ).duration_s


def test_pitch_and_female_variant_raise_the_voice():
    low = f0_hz(speak(SENTENCES[1], pitch=20))
    high = f0_hz(speak(SENTENCES[1], pitch=90))
    female = f0_hz(speak(SENTENCES[1], voice="hi+f3"))
    assert high > 1.2 * low
    assert female > 1.3 * f0_hz(speak(SENTENCES[1]))


def test_cache_key_names_everything_that_shapes_the_audio():
    keys = {
        load_engine("espeak", VoiceSettings(**s)).cache_key
        for s in ({}, {"rate_wpm": 150}, {"pitch": 60}, {"voice": "hi+m3"})
    }
    assert len(keys) == 4


def test_an_unknown_variant_fails_with_the_key_and_the_fix():
    with pytest.raises(SynthesisError, match=r"no voice variant `nosuchvariant` \(voice.voice"):
        load_engine("espeak", VoiceSettings(voice="hi+nosuchvariant"))


@pytest.mark.parametrize(("settings", "message"), [
    ({"rate_wpm": 20}, "`voice.rate_wpm` is 20: use 80 to 450"),
    ({"pitch": 101}, "`voice.pitch` is 101: use 0 to 100"),
])
def test_out_of_range_settings_are_config_errors(settings, message):
    """espeak-ng's own ranges, checked when the settings are made, before the engine loads."""
    with pytest.raises(ConfigError, match=message):
        VoiceSettings(**settings)


def test_unknown_voice_language_fails_clearly():
    engine = load_engine("espeak", VoiceSettings(voice="xx-nosuch"))
    with pytest.raises(SynthesisError, match="no voice `xx-nosuch`"):
        engine.synthesize(SENTENCES[0])


def test_listed_as_usable_with_its_variants():
    info = next(i for i in available_engines() if i.name == "espeak")
    assert info.usable and info.offline
    assert "hi" in info.voices and "hi+f3" in info.voices
