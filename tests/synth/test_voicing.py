"""voice_script: one clip per sentence in the script's shape, one engine, the fallback."""

from __future__ import annotations

import wave

import pytest

from bulletin.errors import ConfigError, SynthesisError
from bulletin.synth import VoiceSettings, load_engine, voice_script, voicing

from .conftest import SENTENCES, Counting, make_script


def test_one_wav_clip_per_sentence_in_the_scripts_shape(tmp_path):
    script = make_script([list(SENTENCES[:2]), list(SENTENCES[2:])])
    v = voice_script(script, VoiceSettings(), workdir=tmp_path / "w", cache_dir=None)
    assert (v.engine, v.voice, v.fallback_reason) == ("espeak", "hi", None)
    assert [[len(p) for p in s.paragraphs] for s in v.segments] == [[1], [2, 3]]
    assert [s.segment for s in v.segments] == list(script.segments)
    assert (v.synthesized, v.from_cache) == (6, 0)
    clips = [c for s in v.segments for p in s.paragraphs for c in p]
    assert len({c.path for c in clips}) == 6
    for clip in clips:
        assert clip.path.parent == tmp_path / "w"
        with wave.open(str(clip.path)) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22_050)
            assert w.getnframes() / 22_050 == pytest.approx(clip.duration_s)
        assert clip.duration_s > 1.0


def test_same_sentence_twice_is_synthesized_once(tmp_path, counting):
    script = make_script([[SENTENCES[1], SENTENCES[1]]])
    v = voice_script(script, VoiceSettings(), workdir=tmp_path, cache_dir=None)
    assert counting["espeak"].calls.count(SENTENCES[1]) == 1
    first, second = v.segments[1].paragraphs[0]
    assert first.path != second.path and first.duration_s == second.duration_s


def test_jobs_do_not_change_the_result(tmp_path):
    script = make_script([list(SENTENCES)] * 3)
    one = voice_script(script, VoiceSettings(jobs=1), workdir=tmp_path / "1", cache_dir=None)
    two = voice_script(script, VoiceSettings(jobs=2), workdir=tmp_path / "2", cache_dir=None)
    durations = [
        [round(c.duration_s, 1) for s in v.segments for p in s.paragraphs for c in p]
        for v in (one, two)
    ]
    assert durations[0] == durations[1]


@pytest.mark.parametrize(
    ("engine", "fallback", "key"),
    [("nosuch", "espeak", "voice.engine"), ("espeak", "nosuch", "voice.fallback")],
)
def test_unknown_engine_names_are_config_errors_before_any_speech(tmp_path, engine, fallback, key):
    settings = VoiceSettings(engine=engine, fallback=fallback)
    with pytest.raises(ConfigError, match=rf"unknown voice engine `nosuch`.*fix {key}$"):
        voice_script(make_script([[SENTENCES[1]]]), settings, workdir=tmp_path, cache_dir=None)
    assert not list(tmp_path.glob("*.wav"))


class FailsOnThird(Counting):
    def synthesize(self, text: str):
        if len(self.calls) == 2:
            raise SynthesisError("primary broke on the third sentence")
        return super().synthesize(text)


def test_failing_engine_falls_back_for_the_whole_bulletin(tmp_path, monkeypatch):
    """The primary fails on the third sentence: every sentence is spoken again by espeak."""
    made = {}

    def load(name, settings):
        wrapper = FailsOnThird if name == "gtts" else Counting
        made[name] = wrapper(load_engine("espeak", settings))
        return made[name]

    monkeypatch.setattr(voicing, "load_engine", load)
    settings = VoiceSettings(engine="gtts", voice="hi+m3", fallback="espeak", jobs=1)
    v = voice_script(make_script([list(SENTENCES)]), settings, workdir=tmp_path, cache_dir=None)
    assert (v.engine, v.voice) == ("espeak", "hi")  # the primary's voice is not handed over
    assert v.fallback_reason == "gtts failed: primary broke on the third sentence"
    assert len(made["gtts"].calls) == 2
    assert sorted(made["espeak"].calls) == sorted(SENTENCES)  # the headline repeats one
    assert (v.synthesized, v.from_cache) == (6, 0)


def test_failure_without_fallback_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(voicing, "load_engine",
                        lambda name, s: FailsOnThird(load_engine("espeak", s)))
    with pytest.raises(SynthesisError, match=r"third sentence.*no fallback voice"):
        voice_script(make_script([list(SENTENCES)]), VoiceSettings(engine="gtts", jobs=1),
                     workdir=tmp_path, cache_dir=None)
