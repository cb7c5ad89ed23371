"""Fixtures for the service tests: a real Redis server, real worker processes, a real API.

Builds are kept to about a second each: one-sentence articles, the embedded espeak voice,
0.6 s jingles, no synthesis cache; dead workers are noticed after a 1.5 s heartbeat.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
import uvicorn
from PIL import Image

from bulletin.config import load_config
from bulletin.ffmpeg import run_ffmpeg
from bulletin.service.api import make_app
from bulletin.service.jobs import JobStore
from bulletin.service.queue import make_broker
from bulletin.service.submit import Service

TOKEN = "test-token-0123456789abcdef"
HEARTBEAT_S = 1.5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def jingle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jingle") / "jingle.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=660:duration=0.6:sample_rate=44100",
                "-ac", "1", "-y", str(path)])
    return path


@pytest.fixture(scope="session")
def cover(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cover file: a generated one would be drawn again at every publish."""
    path = tmp_path_factory.mktemp("cover") / "cover.png"
    Image.new("RGB", (1400, 1400), (20, 60, 120)).save(path)
    return path


def write_config(folder: Path, jingle: Path, cover: Path, **service: object) -> Path:
    """A bulletin.yaml for quick builds; `service` keys go under `service:`."""
    config = {
        "show": {"base_url": "https://news.example.org/podcast/", "cover": str(cover)},
        "voice": {"engine": "espeak", "jobs": 1, "cache": False},
        "audio": {"jingles": {"intro": str(jingle), "sting": str(jingle), "outro": str(jingle)}},
        "service": {"heartbeat_timeout_s": HEARTBEAT_S, "watch_settle_s": 0.5,
                    "watch_poll_s": 0.1, **service},
    }
    path = folder / "bulletin.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    return path


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port, for the whole session."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("redis-server did not start")
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


class Workers:
    """`bulletin worker --jobs N` as a real process (a supervisor and N worker processes)."""

    def __init__(self, out: Path, config: Path, queue: str, jobs: int) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bulletin", "worker", "-o", str(out), "--config", str(config),
             "--queue", queue, "--jobs", str(jobs)], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(40)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Api:
    """The API app on a real uvicorn server in a thread, on a free loopback port."""

    def __init__(self, service: Service) -> None:
        self.service = service
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(make_app(service, (TOKEN,)), host="127.0.0.1", port=port,
                                log_config=None, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the API did not start"
            time.sleep(0.02)
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {TOKEN}"

    def post(self, payload: dict[str, object]) -> requests.Response:
        return self.http.post(f"{self.base}/v1/articles", json=payload, timeout=30)

    def get(self, path: str) -> requests.Response:
        return self.http.get(f"{self.base}{path}", timeout=30)

    def close(self) -> None:
        self.http.close()
        self.server.should_exit = True
        self.thread.join(10)


def make_service(out: Path, config_path: Path, queue: str) -> Service:
    config = load_config(config_path)
    return Service(config, out, make_broker(queue, out, config.service), lambda: datetime.now(UTC))


def wait_finished(store: JobStore, ids: set[str], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    waiting = set(ids)
    while waiting:
        waiting = {i for i in waiting if not ((job := store.load(i)) and job.finished)}
        if waiting and time.monotonic() > deadline:
            pytest.fail(f"{len(waiting)} job(s) not finished in {timeout_s} s")
        time.sleep(0.2)


def article(n: int | str, **fields: object) -> dict[str, object]:
    """A one-sentence article: about a second to build."""
    return {"id": f"story-{n}", "headline": f"समाचार {n}", "body": f"आज {n} लोग आए।", **fields}
