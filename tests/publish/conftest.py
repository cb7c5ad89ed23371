"""Fixtures for the publishing tests: real small MP3s (bundled ffmpeg) and episode records."""

from __future__ import annotations

import hashlib
import http.client
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bulletin.ffmpeg import run_ffmpeg
from bulletin.models import Episode, OutputFile
from bulletin.names import episode_stem
from bulletin.publish.serve import make_server, open_socket
from bulletin.publish.settings import PublishSettings, ShowSettings

MP3_SECONDS = 2
T0 = datetime(2024, 12, 6, 9, 30, tzinfo=UTC)  # a Friday

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nपहला वाक्य।\n"
SRT = "1\n00:00:00,000 --> 00:00:01,500\nपहला वाक्य।\n"
CHAPTERS = {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "मुख्य समाचार"}]}
MIME = {"mp3": "audio/mpeg", "vtt": "text/vtt", "srt": "application/x-subrip",
        "chapters": "application/json+chapters", "wav": "audio/wav", "cues": "text/plain"}
SUFFIX = {"mp3": ".mp3", "vtt": ".vtt", "srt": ".srt", "chapters": ".chapters.json",
          "wav": ".wav", "cues": ".cue.txt"}


@pytest.fixture(scope="session")
def mp3_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A 2-second 440 Hz mono MP3 at 44.1 kHz, encoded once per session."""
    out = tmp_path_factory.mktemp("audio") / "sine.mp3"
    run_ffmpeg(["-f", "lavfi", "-i", f"sine=frequency=440:duration={MP3_SECONDS}:sample_rate=44100",
                "-ac", "1", "-b:a", "96k", "-y", str(out)])
    return out.read_bytes()


@pytest.fixture(scope="session")
def show() -> ShowSettings:
    return ShowSettings(base_url="http://127.0.0.1:8000/news/", owner_email="desk@example.org")


@pytest.fixture(scope="session")
def settings() -> PublishSettings:
    return PublishSettings()


def clock() -> datetime:
    return T0 + timedelta(hours=1)


MakeEpisode = Callable[..., Episode]


@pytest.fixture(scope="session")
def make_episode(mp3_bytes: bytes) -> MakeEpisode:
    """Write an episode's files into `out_dir` and return its record (not yet published)."""

    def make(out_dir: Path, slug: str, *, title: str | None = None, version: str = "1",
             published: datetime = T0, kinds: tuple[str, ...] = ("mp3", "vtt", "srt", "chapters"),
             description: str = "पहला अनुच्छेद।") -> Episode:
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = episode_stem(slug, hashlib.sha256(f"{slug}/{version}".encode()).hexdigest())
        files = []
        for kind in kinds:
            data = {"mp3": mp3_bytes, "wav": mp3_bytes, "vtt": VTT.encode(), "srt": SRT.encode(),
                    "cues": b"00:00 headline\n",
                    "chapters": json.dumps(CHAPTERS, ensure_ascii=False).encode()}[kind]
            name = stem + SUFFIX[kind]
            (out_dir / name).write_bytes(data)
            files.append(OutputFile(kind, name, len(data), hashlib.sha256(data).hexdigest(),
                                    MIME[kind]))
        return Episode(
            guid=f"urn:bulletin:{slug}", slug=slug, title=title or f"समाचार {slug}",
            description=description, published=published, duration_ms=MP3_SECONDS * 1000,
            files=tuple(files), engine="test", voice="hi", source=f"{slug}.txt",
            article_sha256="0" * 64, fingerprint=version,
        )

    return make


class Served:
    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port

    def request(self, method: str, path: str, headers: dict[str, str] | None = None
                ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)  # path sent as written
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.endheaders()
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()


def start_server(root: Path, **options: Any) -> Iterator[Served]:
    """Run `bulletin serve`'s server in a thread on a free loopback port (`options`: see
    `make_server`)."""
    sock = open_socket("127.0.0.1", 0)
    server = make_server(root, **options)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Served(root, sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=10)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)"),
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (the system's), one per session: the page tests share it."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
