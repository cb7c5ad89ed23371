"""gTTS against a stub at its HTTP boundary (requests.Session.send) that answers with real
MP3s made by the bundled ffmpeg: chunking, retries, joins, no network, whole-bulletin fallback."""

from __future__ import annotations

import base64
import io
import json
import time
import urllib.parse

import pytest
import requests
import urllib3

from bulletin.errors import EngineUnavailable, SynthesisError
from bulletin.ffmpeg import run_ffmpeg
from bulletin.synth import VoiceSettings, load_engine, voice_script
from testkit.speech import SENTENCES, make_script

from .conftest import longest_inner_silence_s

FAST = VoiceSettings(engine="gtts", jobs=1, retry_backoff_s=0.001, cache=False)
LONG = " ".join(SENTENCES[1:4])  # ~190 characters: more than one Google request


@pytest.fixture(scope="module")
def padded_mp3() -> bytes:
    """0.8 s of tone between 0.4 s silences, like a Google piece padded with silence."""
    return run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=0.8",
                       "-af", "adelay=400,apad=pad_dur=0.4", "-ac", "1", "-ar", "24000",
                       "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "pipe:1"])


class Google:
    """Answers gTTS's batchexecute POSTs; `script` maps a request number to a failure."""

    def __init__(self, mp3: bytes, script: dict[int, object] | None = None):
        self.mp3 = mp3
        self.script = script or {}
        self.texts: list[str] = []
        self.urls: list[str] = []

    def send(self, session, request, **kwargs):
        number = len(self.texts) + 1
        self.urls.append(request.url)
        body = urllib.parse.unquote(request.body.removeprefix("f.req=").rstrip("&"))
        self.texts.append(json.loads(json.loads(body)[0][0][1])[0])
        failure = self.script.get(number)
        if isinstance(failure, Exception):
            raise failure
        response = requests.Response()
        response.request, response.url = request, request.url
        response.status_code = failure or 200
        response.reason = {None: "OK", 429: "Too Many Requests"}.get(failure, "Server Error")
        audio = base64.b64encode(self.mp3).decode()
        response.raw = io.BytesIO(
            f'[["wrb.fr","jQ1olc","[\\"{audio}\\"]",null,null,null,"generic"]]\n'.encode()
            if not failure else b"error"
        )
        return response


@pytest.fixture
def google(monkeypatch, padded_mp3):
    def install(script=None, audio: bytes | None = None) -> Google:
        stub = Google(padded_mp3 if audio is None else audio, script)
        monkeypatch.setattr(requests.Session, "send",
                            lambda session, request, **kw: stub.send(session, request, **kw))
        return stub

    return install


def test_short_sentence_is_one_request_on_the_configured_host(google):
    stub = google()
    pcm = load_engine("gtts", VoiceSettings(tld="co.in")).synthesize(SENTENCES[2])
    assert stub.texts == [SENTENCES[2]]
    assert stub.urls[0].startswith("https://translate.google.co.in/")
    assert pcm.sample_rate_hz == 24_000
    assert 0.8 <= pcm.duration_s < 0.9  # Google's padding trimmed to a few milliseconds


def test_long_sentence_is_cut_at_commas_and_danda_and_joins_stay_short(google):
    stub = google()
    pcm = load_engine("gtts", VoiceSettings(join_pause_ms=120)).synthesize(LONG)
    assert len(stub.texts) >= 2
    assert all(len(t) <= 100 for t in stub.texts)
    assert "".join(stub.texts).replace(" ", "") == LONG.replace(" ", "")
    assert stub.texts[0].endswith("।")  # cut at the sentence end, not mid-phrase
    gap = longest_inner_silence_s(pcm)
    assert 0.08 <= gap <= 0.12 + 0.06  # the join pause, not 0.8 s of Google padding


def test_429_then_success_is_retried(google):
    stub = google({1: 429})
    pcm = load_engine("gtts", FAST).synthesize(SENTENCES[2])
    assert len(stub.texts) == 2 and pcm.duration_s > 0.5


def test_read_timeouts_and_5xx_give_up_after_the_retries(google):
    stub = google({1: requests.ReadTimeout("slow"), 2: 503, 3: 503})
    settings = VoiceSettings(engine="gtts", retries=2, retry_backoff_s=0.001)
    with pytest.raises(SynthesisError, match=r"failed after 3 attempts \(HTTP 503"):
        load_engine("gtts", settings).synthesize(SENTENCES[2])
    assert len(stub.texts) == 3


def test_403_is_not_retried(google):
    stub = google({1: 403})
    with pytest.raises(SynthesisError, match="HTTP 403"):
        load_engine("gtts", FAST).synthesize(SENTENCES[2])
    assert len(stub.texts) == 1


def test_no_network_fails_fast_in_one_line(google):
    refused = requests.ConnectionError(urllib3.exceptions.MaxRetryError(
        None, "/", reason=urllib3.exceptions.NameResolutionError("translate.google.co.in",
                                                                  None, "no DNS")))
    stub = google({1: refused})
    started = time.monotonic()
    with pytest.raises(EngineUnavailable) as caught:
        load_engine("gtts", VoiceSettings()).synthesize(SENTENCES[2])
    assert time.monotonic() - started < 1
    assert len(stub.texts) == 1
    assert str(caught.value) == (
        "Google TTS cannot be reached (translate.google.co.in: NameResolutionError): "
        "check the network or use --engine espeak"
    )


def test_failure_on_the_third_chunk_falls_back_to_espeak_for_everything(google, tmp_path):
    stub = google({3: 500, 4: 500, 5: 500})
    settings = VoiceSettings(engine="gtts", fallback="espeak", jobs=1, retries=2,
                             retry_backoff_s=0.001)
    script = make_script([[LONG, SENTENCES[4]]], headline=SENTENCES[0])
    v = voice_script(script, settings, workdir=tmp_path / "w", cache_dir=tmp_path / "c")
    assert len(stub.texts) == 5  # two pieces spoken, the third failed three times
    assert (v.engine, v.voice) == ("espeak", "hi")
    assert v.fallback_reason.startswith("gtts failed: Google TTS failed after 3 attempts")
    clips = [c for s in v.segments for p in s.paragraphs for c in p]
    assert len(clips) == 3 and {c.sample_rate_hz for c in clips} == {22_050}  # one voice
    assert v.synthesized == 3


def test_parallel_requests_are_bounded_by_jobs(google, monkeypatch, tmp_path):
    stub = google()
    active, peak = [0], [0]
    send = requests.Session.send

    def slow_send(session, request, **kw):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        try:
            return send(session, request, **kw)
        finally:
            active[0] -= 1

    monkeypatch.setattr(requests.Session, "send", slow_send)
    settings = VoiceSettings(engine="gtts", jobs=2, cache=False)
    v = voice_script(make_script([list(SENTENCES[1:])]), settings, workdir=tmp_path,
                     cache_dir=None)
    assert v.engine == "gtts" and v.synthesized == 5
    assert peak[0] == 2 and len(stub.texts) == 5


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
