"""voice_script: one clip per sentence in the script's shape, one engine, the fallback."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import subprocess
import sys
import wave
from dataclasses import dataclass

import pytest

from bulletin.errors import ConfigError, EngineUnavailable, SynthesisError
from bulletin.models import Pcm
from bulletin.synth import SegmentCache, VoiceSettings, load_engine, voice_script, voicing
from bulletin.synth.engine import engine_endpoint as endpoint
from testkit.speech import SENTENCES, make_script

from .conftest import Counting, espeak


@dataclass
class Tone:
    """A stand-in engine: one second of a 16 kHz tone a sentence; fails from call `fail_at`."""

    max_chars = None
    parallel = "threads"
    cache_key = "tone v1"
    name: str = "tone"
    voice: str = "beep"
    languages: tuple[str, ...] = ("hi",)
    fail_at: int | None = None
    reason: str = "tone broke"
    calls: int = 0

    def synthesize(self, text: str) -> Pcm:
        self.calls += 1
        if self.fail_at is not None and self.calls >= self.fail_at:
            raise SynthesisError(self.reason)
        return Pcm(b"\x00\x40" * 16_000, 16_000)


def engines(monkeypatch, **fakes) -> None:
    """voice_script loads `fakes[name]` for those names and the real engine for the others;
    a fake is offline, so its name's host (gtts) is not probed."""
    monkeypatch.setattr(voicing, "load_engine",
                        lambda name, settings: fakes.get(name) or load_engine(name, settings))
    monkeypatch.setattr(voicing, "engine_endpoint",
                        lambda name, settings: None if name in fakes else endpoint(name, settings))


def all_clips(v):
    return [c for s in v.segments for p in s.paragraphs for c in p]


def test_one_wav_clip_per_sentence_in_the_scripts_shape(tmp_path):
    script = make_script([list(SENTENCES[:2]), list(SENTENCES[2:])])
    v = voice_script(script, espeak(), workdir=tmp_path / "w", cache_dir=None)
    assert (v.engine, v.voice, v.fallback_reason) == ("espeak", "hi", None)
    assert [[len(p) for p in s.paragraphs] for s in v.segments] == [[1], [2, 3]]
    assert [s.segment for s in v.segments] == list(script.segments)
    assert (v.synthesized, v.from_cache) == (5, 0)  # the headline repeats one: spoken once
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
    v = voice_script(script, espeak(), workdir=tmp_path, cache_dir=None)
    assert counting["espeak"].calls.count(SENTENCES[1]) == 1
    first, second = v.segments[1].paragraphs[0]
    assert first.path != second.path and first.duration_s == second.duration_s
    assert v.synthesized == len(counting["espeak"].calls) == 2  # engine calls, not sentences


def test_jobs_do_not_change_the_result(tmp_path):
    script = make_script([list(SENTENCES)] * 3)
    one = voice_script(script, espeak(jobs=1), workdir=tmp_path / "1", cache_dir=None)
    two = voice_script(script, espeak(jobs=2), workdir=tmp_path / "2", cache_dir=None)
    durations = [
        [round(c.duration_s, 1) for s in v.segments for p in s.paragraphs for c in p]
        for v in (one, two)
    ]
    assert durations[0] == durations[1]


@pytest.mark.parametrize(
    ("engine", "fallback", "key"),
    [("nosuch", "espeak", "voice.engine"), ("espeak", "nosuch", "voice.fallback")],
)
def test_unknown_engine_names_are_config_errors_before_any_speech(engine, fallback, key):
    """The settings check the names against the registry when they are made."""
    with pytest.raises(ConfigError, match=rf"^`{key}` is `nosuch`, not a voice engine \(known: "
                                          r"espeak, gtts, piper, festival"):
        VoiceSettings(engine=engine, fallback=fallback)


class FailsOnThird(Counting):
    def synthesize(self, text: str):
        if len(self.calls) == 2:
            raise SynthesisError("primary broke on the third sentence")
        return super().synthesize(text)


def test_failing_engine_falls_back_for_the_whole_bulletin(tmp_path, monkeypatch):
    """The primary fails on the third sentence: every sentence is spoken again by espeak."""
    monkeypatch.setattr(voicing, "engine_endpoint", lambda name, settings: None)
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
    assert (v.synthesized, v.from_cache) == (5, 0)


def test_failure_without_fallback_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(voicing, "engine_endpoint", lambda name, settings: None)
    monkeypatch.setattr(voicing, "load_engine",
                        lambda name, s: FailsOnThird(load_engine("espeak", s)))
    with pytest.raises(SynthesisError, match=r"third sentence.*no fallback voice"):
        voice_script(make_script([list(SENTENCES)]),
                     VoiceSettings(engine="gtts", fallback=None, jobs=1),
                     workdir=tmp_path, cache_dir=None)


def test_a_failing_fallback_reports_both_causes(tmp_path, monkeypatch):
    engines(monkeypatch, gtts=Tone(fail_at=2, reason="Google said 403"),
            festival=Tone(fail_at=1, reason="festival wrote nothing"))
    settings = VoiceSettings(engine="gtts", fallback="festival", jobs=1)
    with pytest.raises(SynthesisError) as caught:
        voice_script(make_script([list(SENTENCES)]), settings, workdir=tmp_path, cache_dir=None)
    assert str(caught.value) == (
        "festival (fallback) failed: festival wrote nothing; after gtts failed: Google said 403"
    )


def test_a_fallback_that_cannot_load_reports_both_causes(tmp_path, monkeypatch):
    def load(name, settings):
        if name == "festival":
            raise EngineUnavailable("festival is not installed")
        return Tone(fail_at=1, reason="Google said 403")

    monkeypatch.setattr(voicing, "load_engine", load)
    monkeypatch.setattr(voicing, "engine_endpoint", lambda name, settings: None)
    settings = VoiceSettings(engine="gtts", fallback="festival", jobs=1)
    with pytest.raises(SynthesisError, match=r"^festival \(fallback\) failed: festival is not "
                                             r"installed; after gtts failed: Google said 403$"):
        voice_script(make_script([[SENTENCES[1]]]), settings, workdir=tmp_path, cache_dir=None)


def test_an_entry_evicted_before_it_is_linked_leaves_no_clip_of_the_other_voice(
    tmp_path, monkeypatch
):
    """A concurrent build evicts each fresh entry of the fallback before it is linked: the
    clips are written directly, never left missing or holding the primary's audio."""
    put = SegmentCache.put

    def put_then_evicted(self, key, pcm):
        path = put(self, key, pcm)
        if pcm.sample_rate_hz == 22_050:  # espeak's entries vanish at once
            path.unlink()
        return path

    monkeypatch.setattr(SegmentCache, "put", put_then_evicted)
    primary = Tone(fail_at=3)  # two 16 kHz clips land in the workdir, then it fails
    engines(monkeypatch, gtts=primary)
    settings = VoiceSettings(engine="gtts", fallback="espeak", jobs=1)
    v = voice_script(make_script([list(SENTENCES[1:])]), settings, workdir=tmp_path / "w",
                     cache_dir=tmp_path / "c")
    assert v.engine == "espeak" and primary.calls == 3
    for clip in all_clips(v):
        with wave.open(str(clip.path)) as w:
            assert w.getframerate() == clip.sample_rate_hz == 22_050
            assert w.getnframes() / 22_050 == pytest.approx(clip.duration_s)


@pytest.mark.parametrize("languages", [("hi",), ("hi-IN",), ("hi_IN",), ("hin",), ("en", "hi")])
def test_hindi_voices_are_accepted(tmp_path, monkeypatch, languages):
    engines(monkeypatch, piper=Tone(languages=languages))
    v = voice_script(make_script([[SENTENCES[1]]]), VoiceSettings(engine="piper"),
                     workdir=tmp_path, cache_dir=None)
    assert v.engine == "piper"


@pytest.mark.parametrize("languages", [("en-us",), ("hil",), ()])
def test_a_voice_for_another_language_is_refused(tmp_path, monkeypatch, languages):
    english = Tone(name="piper", voice="en_US-joe-medium", languages=languages)
    engines(monkeypatch, piper=english)
    script = make_script([[SENTENCES[1]]])
    with pytest.raises(SynthesisError, match=r"piper voice `en_US-joe-medium` speaks .*, not "
                                             r"Hindi: set voice.voice to a Hindi voice"):
        voice_script(script, VoiceSettings(engine="piper", fallback=None), workdir=tmp_path,
                     cache_dir=None)
    assert english.calls == 0


def test_a_voice_for_another_language_triggers_the_fallback(tmp_path, monkeypatch):
    engines(monkeypatch, piper=Tone(name="piper", voice="en_US-joe-medium", languages=("en-us",)))
    settings = VoiceSettings(engine="piper", fallback="espeak")
    v = voice_script(make_script([[SENTENCES[1]]]), settings, workdir=tmp_path, cache_dir=None)
    assert v.engine == "espeak"
    assert v.fallback_reason.startswith("piper failed: piper voice `en_US-joe-medium` speaks "
                                        "en-us, not Hindi")


def test_an_espeak_voice_of_another_language_is_refused(tmp_path):
    with pytest.raises(SynthesisError, match=r"^espeak voice `en` speaks en, not Hindi"):
        voice_script(make_script([[SENTENCES[1]]]), espeak(voice="en"),
                     workdir=tmp_path, cache_dir=None)


def test_progress_counts_every_sentence_and_restarts_for_the_fallback(tmp_path, monkeypatch):
    script = make_script([[SENTENCES[1], SENTENCES[1], SENTENCES[2]]])  # 4 with the headline
    calls = []
    voice_script(script, espeak(jobs=1), workdir=tmp_path / "cold",
                 cache_dir=tmp_path / "c", progress=lambda *c: calls.append(c))
    assert calls == [(n, 4) for n in range(5)]
    calls.clear()
    voice_script(script, espeak(jobs=1), workdir=tmp_path / "warm",
                 cache_dir=tmp_path / "c", progress=lambda *c: calls.append(c))
    assert calls == [(n, 4) for n in range(5)]  # cached sentences count too

    engines(monkeypatch, gtts=Tone(fail_at=2))
    calls.clear()
    voice_script(script, VoiceSettings(engine="gtts", fallback="espeak", jobs=1),
                 workdir=tmp_path / "fallback", cache_dir=None,
                 progress=lambda *c: calls.append(c))
    assert calls == [(0, 4), (1, 4), *((n, 4) for n in range(5))]


def test_the_synth_stage_never_prints(tmp_path, capfd):
    voice_script(make_script([list(SENTENCES[1:3])]), espeak(jobs=2),
                 workdir=tmp_path, cache_dir=None)
    assert capfd.readouterr() == ("", "")
    program = ("import sys, bulletin.synth, bulletin.synth.piper_voices, "
               "bulletin.synth.engines.gtts; sys.exit('tqdm' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", program], check=False).returncode == 0


def test_worker_processes_are_spawned_where_there_is_no_forkserver(tmp_path, monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # Windows
    assert voicing._mp_context().get_start_method() == "spawn"
    contexts = []

    class Recording(cf.ProcessPoolExecutor):
        def __init__(self, *args, mp_context, **kwargs):
            contexts.append(mp_context.get_start_method())
            super().__init__(*args, mp_context=mp_context, **kwargs)

    monkeypatch.setattr(cf, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(voicing, "POOL_WORTH_S", 0.0)  # always worth a pool
    v = voice_script(make_script([list(SENTENCES[1:4])]), espeak(jobs=2),
                     workdir=tmp_path, cache_dir=None)
    assert contexts == ["spawn"]
    assert v.synthesized == 4 and all(c.duration_s > 1.0 for c in all_clips(v))
