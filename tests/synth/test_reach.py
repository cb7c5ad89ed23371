"""The reachability probe against real local sockets: refused, a lookup that fails or hangs,
a black hole that never answers, a live server; and the memo that spares later builds."""

from __future__ import annotations

import socket
import time

import pytest

from bulletin.synth import Reachability, VoiceSettings, voice_script
from bulletin.synth.reach import PROBE_TIMEOUT_S, Endpoint, probe
from testkit.speech import SENTENCES, make_script

DEADLINE_S = PROBE_TIMEOUT_S + 0.25  # the acceptance: decided in two seconds (and scheduling)


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def no_dns(host, port, **kw):
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def hanging_dns(host, port, **kw):
    time.sleep(PROBE_TIMEOUT_S + 3)
    raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


def test_a_live_server_answers(google):
    fake = google()
    assert probe(Endpoint.of(fake.url)) is None


def test_refused_is_decided_at_once(refused_url):
    reason, seconds = timed(lambda: probe(Endpoint.of(refused_url)))
    assert "refused" in reason.lower() and seconds < 0.5


def test_a_failed_name_lookup_is_decided_at_once():
    reason, seconds = timed(lambda: probe(Endpoint.of("https://translate.google.co.in"),
                                          resolve=no_dns))
    assert reason == "translate.google.co.in: name lookup failed (Name or service not known)"
    assert seconds < 0.5


def test_a_hanging_name_lookup_ends_at_the_deadline():
    reason, seconds = timed(lambda: probe(Endpoint.of("https://translate.google.co.in"),
                                          resolve=hanging_dns))
    assert reason == "translate.google.co.in:443 did not answer within 2 s"
    assert PROBE_TIMEOUT_S - 0.1 < seconds < DEADLINE_S


def test_a_black_hole_ends_at_the_deadline(black_hole):
    reason, seconds = timed(lambda: probe(Endpoint.of(black_hole)))
    assert reason.endswith("did not answer within 2 s")
    assert PROBE_TIMEOUT_S - 0.1 < seconds < DEADLINE_S


def test_an_environment_proxy_is_what_must_answer(monkeypatch):
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:3128")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert Endpoint.of("https://translate.google.co.in") == Endpoint("http", "127.0.0.1", 3128)
    monkeypatch.setenv("no_proxy", "google.co.in")
    assert Endpoint.of("https://translate.google.co.in") == Endpoint(
        "https", "translate.google.co.in", 443)


def test_answers_are_remembered_for_the_owner_s_minutes(refused_url):
    now = [0.0]
    lookups: list[str] = []

    def counting(host, port, **kw):
        lookups.append(host)
        return socket.getaddrinfo(host, port, **kw)

    reach = Reachability(clock=lambda: now[0], ttl_s=300, resolve=counting)
    first = reach.unreachable(refused_url)
    now[0] = 299
    assert reach.unreachable(refused_url) == first and len(lookups) == 1
    now[0] = 301
    assert reach.unreachable(refused_url) == first and len(lookups) == 2
    reach.mark_unreachable("http://127.0.0.1:1", "lost mid-build")
    assert reach.unreachable("http://127.0.0.1:1") == "lost mid-build"


# ---------------------------------------------------------------- the default voice, offline

DEFAULT = VoiceSettings(cache=False)  # gtts, falling back to espeak


@pytest.mark.parametrize("case", ["refused", "dns", "black hole"])
def test_the_default_voice_falls_back_to_espeak_within_two_seconds(
        case, monkeypatch, tmp_path, refused_url, black_hole):
    url = {"refused": refused_url, "dns": "https://translate.google.co.in",
           "black hole": black_hole}[case]
    monkeypatch.setenv("BULLETIN_GTTS_URL", url)
    reach = Reachability(clock=time.monotonic, resolve=no_dns if case == "dns" else
                         socket.getaddrinfo)
    script = make_script([[SENTENCES[2]]])
    started = time.monotonic()
    v = voice_script(script, DEFAULT, workdir=tmp_path, cache_dir=None, reach=reach)
    decided = time.monotonic() - started
    assert (v.engine, v.voice) == ("espeak", "hi")
    assert v.fallback_reason.startswith("gtts unreachable: ")
    assert decided < DEADLINE_S + 0.5  # the probe, then two espeak sentences
    # the same batch's next build does not probe again
    started = time.monotonic()
    again = voice_script(script, DEFAULT, workdir=tmp_path / "2", cache_dir=None, reach=reach)
    assert again.fallback_reason == v.fallback_reason and time.monotonic() - started < 0.5


def test_without_a_fallback_an_unreachable_host_is_one_clear_error(tmp_path):
    from bulletin.errors import HostUnreachable

    settings = VoiceSettings(fallback=None, cache=False)
    with pytest.raises(HostUnreachable, match=r"^gtts unreachable: 127\.0\.0\.1:\d+: "
                                              r".*refused.*--fallback espeak\)$"):
        voice_script(make_script([[SENTENCES[2]]]), settings, workdir=tmp_path, cache_dir=None)
