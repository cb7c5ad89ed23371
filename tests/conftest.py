"""Fixtures for every test: no connection leaves the machine, gTTS (the default engine)
finds its host refused, and a stand-in for Google's TTS endpoint on 127.0.0.1 serves the
tests that want gTTS to speak.

Property tests draw new examples on every run where a developer runs them (that is how they
find bugs); under CI (`CI` set, as `.ci/run` is run) they draw the same examples every time,
so a merge is judged on the code, not on the luck of the draw."""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import settings

from bulletin.ffmpeg import run_ffmpeg
from bulletin.synth.engines.gtts import BASE_URL_ENV

from .netguard import NetGuard

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetGuard]:
    """Fail any test that connects (or looks up a name) outside the loopback network.

    The refused call raises `OSError` first, so code under test behaves as it would offline;
    the failure here names the address even when that code swallowed the error.
    """
    guard = NetGuard()
    guard.install(monkeypatch)
    yield guard
    if guard.violations:
        pytest.fail(
            f"this test tried to reach {', '.join(dict.fromkeys(guard.violations))}: tests may "
            "use only 127.0.0.1/::1; fake the remote end (a stub at the HTTP boundary or a "
            "loopback port)", pytrace=False,
        )


@pytest.fixture(scope="session")
def refused_url() -> Iterator[str]:
    """A 127.0.0.1 port held bound but not listening: every connect to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(autouse=True)
def _gtts_offline(monkeypatch: pytest.MonkeyPatch, refused_url: str) -> None:
    """gTTS is the default engine: point it at a refused local port, so every default build
    takes the real fallback path (probe refused → espeak) offline and at once."""
    monkeypatch.setenv(BASE_URL_ENV, refused_url)


class FakeGoogle:
    """Google's TTS endpoint on 127.0.0.1: answers each POST with a real MP3 (made by the
    bundled ffmpeg) in Google's envelope; `script` maps a request number (from 1) to an
    HTTP status to answer instead, or to "hang" (no answer until the client gives up)."""

    def __init__(self, mp3: bytes, script: dict[int, int | str] | None = None):
        self.mp3 = mp3
        self.script = dict(script or {})
        self.texts: list[str] = []
        self.active = self.peak = 0
        self.delay_s = 0.0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:  # the reachability probe
                self.send_response(200)
                self.end_headers()

            def do_POST(self) -> None:
                size = int(self.headers["Content-Length"])
                form = urllib.parse.parse_qs(self.rfile.read(size).decode())
                text = json.loads(json.loads(form["f.req"][0])[0][0][1])[0]
                with fake._lock:
                    fake.texts.append(text)
                    failure = fake.script.get(len(fake.texts))
                    fake.active += 1
                    fake.peak = max(fake.peak, fake.active)
                try:
                    time.sleep(fake.delay_s)
                    if failure == "hang":
                        time.sleep(2)
                        return
                    audio = base64.b64encode(fake.mp3).decode()
                    body = (f')]}}\'\n\n[["wrb.fr","jQ1olc","[\\"{audio}\\"]",null,null,null,'
                            f'"generic"]]\n'.encode() if failure is None else b"error")
                    self.send_response(failure or 200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                finally:
                    with fake._lock:
                        fake.active -= 1

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture(scope="session")
def padded_mp3() -> bytes:
    """0.8 s of tone between 0.4 s silences, like a Google piece padded with silence."""
    return run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=0.8",
                       "-af", "adelay=400,apad=pad_dur=0.4", "-ac", "1", "-ar", "24000",
                       "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "pipe:1"])


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch, padded_mp3: bytes):
    """`google(script=None, audio=None)` starts a FakeGoogle and points gTTS at it."""
    started: list[FakeGoogle] = []

    def start(script: dict[int, int | str] | None = None, audio: bytes | None = None
              ) -> FakeGoogle:
        fake = FakeGoogle(padded_mp3 if audio is None else audio, script)
        threading.Thread(target=fake.server.serve_forever, daemon=True).start()
        monkeypatch.setenv(BASE_URL_ENV, fake.url)
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.server.shutdown()
        fake.server.server_close()


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A 127.0.0.1 port that accepts connections (the kernel does) but never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
