"""gTTS against a stand-in for Google on 127.0.0.1 (tests/conftest.py `google`) answering
with real MP3s made by the bundled ffmpeg: clause cuts, joins, retries, the polite limit,
and the whole-bulletin fallback."""

from __future__ import annotations

import time

import pytest

from bulletin.errors import ConfigError, HostUnreachable, SynthesisError
from bulletin.normalize.clauses import clauses
from bulletin.synth import VoiceSettings, load_engine, voice_script
from bulletin.synth.engines.gtts import BARE_JOIN_MS, CLAUSE_CHARS, MAX_CHARS
from testkit.speech import SENTENCES, make_script

from .conftest import longest_inner_silence_s

FAST = VoiceSettings(engine="gtts", jobs=1, retry_backoff_s=0.001, cache=False)
LONG = " ".join(SENTENCES[1:4])  # ~190 characters: several Google requests
# One clause of 70 characters with no mark: cut before the conjunction only.
BARE = "सरकार ने किसानों के लिए नई योजना की घोषणा की और राज्यों से जल्द अमल करने को कहा"


def test_short_sentence_is_one_request_to_the_configured_host(google):
    fake = google()
    engine = load_engine("gtts", VoiceSettings(tld="co.in"))
    assert engine.url == fake.url
    pcm = engine.synthesize(SENTENCES[2])
    assert fake.texts == [SENTENCES[2]]
    assert pcm.sample_rate_hz == 24_000
    assert 0.8 <= pcm.duration_s < 0.9  # Google's padding trimmed to a few milliseconds


def test_long_sentence_is_cut_into_clauses_well_below_the_limit(google):
    fake = google()
    pcm = load_engine("gtts", VoiceSettings(join_pause_ms=120)).synthesize(LONG)
    assert sorted(fake.texts) == sorted(clauses(LONG, target=CLAUSE_CHARS, max_chars=MAX_CHARS))
    assert len(fake.texts) >= 3 and all(len(t) <= 70 for t in fake.texts)
    assert "".join(sorted(fake.texts)).replace(" ", "") != ""
    gap = longest_inner_silence_s(pcm)
    assert 0.1 <= gap <= 0.12 + 0.06  # a comma's pause, not 0.8 s of Google padding


def test_a_cut_without_a_mark_meets_with_a_breath_not_a_pause(google):
    google()
    assert len(BARE) > CLAUSE_CHARS
    pcm = load_engine("gtts", VoiceSettings(join_pause_ms=300)).synthesize(BARE)
    # two pieces of 0.8 s tone, trimmed, joined by the short bare join (plus kept edges)
    assert longest_inner_silence_s(pcm) <= (BARE_JOIN_MS + 60) / 1000
    assert pcm.duration_s < 0.84 * 2 + 0.1


def test_429_then_success_is_retried(google):
    fake = google({1: 429})
    pcm = load_engine("gtts", FAST).synthesize(SENTENCES[2])
    assert len(fake.texts) == 2 and pcm.duration_s > 0.5


def test_read_timeouts_and_5xx_give_up_after_the_retries(google):
    fake = google({1: "hang", 2: 503, 3: 503})
    settings = VoiceSettings(engine="gtts", retries=2, retry_backoff_s=0.001, timeout_s=0.3)
    with pytest.raises(SynthesisError, match=r"failed after 3 attempts \(HTTP 503"):
        load_engine("gtts", settings).synthesize(SENTENCES[2])
    assert len(fake.texts) == 3


def test_403_is_not_retried(google):
    fake = google({1: 403})
    with pytest.raises(SynthesisError, match="HTTP 403"):
        load_engine("gtts", FAST).synthesize(SENTENCES[2])
    assert len(fake.texts) == 1


def test_a_refused_host_fails_at_once_in_one_line(refused_url):
    started = time.monotonic()
    with pytest.raises(HostUnreachable) as caught:
        load_engine("gtts", VoiceSettings()).synthesize(SENTENCES[2])
    assert time.monotonic() - started < 1
    assert str(caught.value) == (
        f"Google TTS cannot be reached ({refused_url}: NewConnectionError): "
        "check the network or use --engine espeak"
    )


def test_failure_on_the_third_request_falls_back_to_espeak_for_everything(google, tmp_path):
    fake = google({3: 500, 4: 500, 5: 500})
    settings = VoiceSettings(engine="gtts", fallback="espeak", jobs=1, retries=2,
                             retry_backoff_s=0.001, max_requests=1)
    script = make_script([[LONG, SENTENCES[4]]], headline=SENTENCES[0])
    v = voice_script(script, settings, workdir=tmp_path / "w", cache_dir=tmp_path / "c")
    assert len(fake.texts) == 5  # two pieces spoken, the third failed three times
    assert (v.engine, v.voice) == ("espeak", "hi")
    assert v.fallback_reason.startswith("gtts failed: Google TTS failed after 3 attempts")
    clips = [c for s in v.segments for p in s.paragraphs for c in p]
    assert len(clips) == 3 and {c.sample_rate_hz for c in clips} == {22_050}  # one voice
    assert v.synthesized == 3


@pytest.mark.parametrize("limit", [1, 3])
def test_requests_in_flight_never_exceed_the_polite_limit(google, tmp_path, limit):
    fake = google()
    fake.delay_s = 0.05
    settings = VoiceSettings(engine="gtts", jobs=2, cache=False, max_requests=limit)
    v = voice_script(make_script([[LONG, LONG]]), settings, workdir=tmp_path, cache_dir=None)
    assert v.engine == "gtts" and v.fallback_reason is None
    assert fake.peak == limit  # parallel up to the limit, never beyond


NOT_AUDIO = b"<html><body>Our systems have detected unusual traffic</body></html>"


def test_an_answer_that_is_not_audio_is_a_synthesis_error(google):
    google(audio=NOT_AUDIO)
    with pytest.raises(SynthesisError, match=r"^Google TTS sent \d+ bytes that are not audio "
                                             r"\(ffmpeg failed.*use --engine espeak$"):
        load_engine("gtts", FAST).synthesize(SENTENCES[2])


def test_an_answer_that_is_not_audio_falls_back_to_espeak(google, tmp_path):
    google(audio=NOT_AUDIO)
    settings = VoiceSettings(engine="gtts", fallback="espeak", jobs=1, cache=False)
    v = voice_script(make_script([[SENTENCES[2]]]), settings, workdir=tmp_path, cache_dir=None)
    assert v.engine == "espeak"
    assert v.fallback_reason.startswith("gtts failed: Google TTS sent")


def test_bad_polite_limit_is_a_config_mistake():
    with pytest.raises(ConfigError, match="max_requests"):
        VoiceSettings(max_requests=0)
