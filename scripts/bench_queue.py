"""Throughput of the newsroom service, and the API's submit latency.

Articles per minute with 1 and 2 worker processes (`bulletin worker`), on the embedded queue
and on Redis (a redis-server started here on a free loopback port; skipped without one),
from the first submission until every job is done. Then the p50/p95 latency of
`POST /v1/articles` on a real uvicorn server (no workers: only the submission is timed).
One-sentence articles and the espeak voice: the figures measure the service, not synthesis.

    python scripts/bench_queue.py [--articles 12] [--posts 100]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import requests
import uvicorn

from bulletin.config import load_config
from bulletin.service.api import make_app
from bulletin.service.articles import from_json
from bulletin.service.queue import make_broker
from bulletin.service.submit import Service

TOKEN = "bench-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def redis_server(folder: Path) -> Iterator[str | None]:
    exe = shutil.which("redis-server")
    if exe is None:
        yield None
        return
    port = free_port()
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)],
                            stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait()


def write_config(folder: Path) -> Path:
    config = {"voice": {"engine": "espeak", "jobs": 1, "cache": False},
              "service": {"heartbeat_timeout_s": 5}}
    path = folder / "bulletin.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def service(out: Path, config_path: Path, queue: str) -> Service:
    config = load_config(config_path)
    return Service(config, out, make_broker(queue, out, config.service),
                   lambda: datetime.now(UTC))


def payload(run: str, n: int) -> dict[str, object]:
    return {"id": f"{run}-{n}", "headline": f"समाचार {n}", "body": f"आज {n} लोग आए।"}


def throughput(folder: Path, queue: str, workers: int, count: int) -> float:
    """Articles per minute, first submission to last job done."""
    out = folder / f"out-{queue.split(':')[0]}-{workers}"
    config = write_config(folder)
    svc = service(out, config, queue)
    proc = subprocess.Popen([sys.executable, "-m", "bulletin", "worker", "-o", str(out),
                             "--config", str(config), "--queue", queue, "--jobs", str(workers)],
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)  # let the worker processes start: their start-up is not throughput
        start = time.monotonic()
        ids = [svc.submit(from_json(payload(f"w{workers}", n)), origin="api")[0].id
               for n in range(count)]
        while not all((job := svc.store.load(i)) is not None and job.finished for i in ids):
            time.sleep(0.05)
        return count / (time.monotonic() - start) * 60
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()


def submit_latency(folder: Path, posts: int) -> tuple[float, float]:
    """p50 and p95 of POST /v1/articles, in milliseconds."""
    svc = service(folder / "out-api", write_config(folder), "embedded")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(make_app(svc, (TOKEN,)), host="127.0.0.1", port=port,
                                           log_config=None, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {TOKEN}"
    times = []
    for n in range(posts):
        began = time.perf_counter()
        response = http.post(f"http://127.0.0.1:{port}/v1/articles", json=payload("api", n),
                             timeout=30)
        times.append((time.perf_counter() - began) * 1000)
        response.raise_for_status()
    server.should_exit = True
    thread.join()
    quantiles = statistics.quantiles(times, n=20)
    return statistics.median(times), quantiles[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12, help="articles per throughput run")
    parser.add_argument("--posts", type=int, default=100, help="posts timed for the latency")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("XDG_CACHE_HOME", str(folder / "cache"))
        with redis_server(folder) as redis_url:
            queues = ["embedded"] + ([redis_url] if redis_url else [])
            if redis_url is None:
                print("redis: skipped (no redis-server installed)")
            for queue in queues:
                name = "embedded" if queue == "embedded" else "redis"
                for workers in (1, 2):
                    rate = throughput(folder, queue, workers, args.articles)
                    print(f"{name}: {workers} worker(s): {rate:.1f} articles/minute")
        p50, p95 = submit_latency(folder, args.posts)
        print(f"api submit latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({args.posts} posts)")


if __name__ == "__main__":
    main()
