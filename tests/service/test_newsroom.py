"""Acceptance: the API, real worker processes and the queue, on Redis and on the embedded queue.

Cost: about 45 one-second builds per queue on 2 cores (~25 s each when the machine is idle).
"""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import feedparser
import pytest

from bulletin.publish import catalog
from bulletin.service.jobs import JobStore
from bulletin.service.webhook import SIGNATURE_HEADER

from .conftest import Api, Workers, article, make_service, wait_finished, write_config

pytestmark = pytest.mark.slow

SECRET = "webhook-secret-for-tests"
HTML_HEADLINE = '<script>alert("x")</script> बाज़ार & <b>शेयर</b>'


@dataclass
class Hooks:
    """A webhook receiver on a loopback port: it keeps what it was sent."""

    received: list[tuple[str | None, bytes]] = field(default_factory=list)
    server: http.server.ThreadingHTTPServer | None = None

    def start(self) -> str:
        hooks = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hooks.received.append((self.headers.get(SIGNATURE_HEADER), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@dataclass
class Newsroom:
    out: Path
    api: Api
    store: JobStore
    hooks: Hooks


@pytest.fixture(scope="module", params=["embedded", "redis"])
def newsroom(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             jingle: Path, cover: Path) -> Iterator[Newsroom]:
    queue = request.getfixturevalue("redis_url") if request.param == "redis" else "embedded"
    folder = tmp_path_factory.mktemp(request.param)
    out = folder / "out"
    hooks = Hooks()
    config = write_config(folder, jingle, cover, webhook_url=hooks.start())
    os.environ["BULLETIN_WEBHOOK_SECRET"] = SECRET  # read by the worker processes
    workers = Workers(out, config, queue, jobs=3)
    api = Api(make_service(out, config, queue))
    try:
        yield Newsroom(out, api, JobStore(out), hooks)
    finally:
        api.close()
        workers.stop()
        del os.environ["BULLETIN_WEBHOOK_SECRET"]
        if hooks.server:
            hooks.server.shutdown()


def submit(room: Newsroom, payload: dict[str, object]) -> str:
    response = room.api.post(payload)
    assert response.status_code == 202, response.text
    assert response.headers["Location"] == response.json()["url"]
    return response.json()["id"]


def test_forty_articles_are_each_published_once(newsroom: Newsroom):
    payloads = [article(n) for n in range(38)]
    payloads.append(article("html", headline=HTML_HEADLINE))
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda p: submit(newsroom, p), payloads))
    upload = newsroom.api.http.post(
        f"{newsroom.api.base}/v1/articles", timeout=30,
        files={"file": ("upload-story.md", "# अपलोड की ख़बर\n\nयह फ़ाइल से आई।\n".encode())},
    )
    assert upload.status_code == 202, upload.text
    ids.append(upload.json()["id"])
    assert len(set(ids)) == 40

    wait_finished(newsroom.store, set(ids), timeout_s=600)  # a guard against hangs only
    jobs = [newsroom.store.get(i) for i in ids]
    assert [j.state for j in jobs] == ["done"] * 40, [j.error for j in jobs if j.error]
    for job in jobs:  # one build handed over, one publish: nothing published twice
        assert sum(line.startswith("publishing@") for line in job.history) == 1, job.history
        assert sum(line.startswith("done@") for line in job.history) == 1, job.history

    slugs = {j.episode["slug"] for j in jobs if j.episode}
    assert slugs >= {f"story-{n}" for n in range(38)} | {"story-html", "upload-story"}
    listed = [e.slug for e in catalog.load(newsroom.out)]
    assert len(listed) == len(set(listed))
    feed_bytes = (newsroom.out / "feed.xml").read_bytes()
    feed = feedparser.parse(feed_bytes)
    assert not feed.bozo, feed.bozo_exception
    guids = [e.id for e in feed.entries]
    assert len(guids) == len(set(guids)) == len(listed)
    assert len([e for e in feed.entries if "समाचार" in e.title]) >= 38

    # HTML in a field is text: escaped in the feed and on the page, never markup.
    page = (newsroom.out / "index.html").read_text("utf-8")
    for published in (feed_bytes.decode("utf-8"), page):
        assert "<script>alert" not in published
        assert "&lt;script&gt;alert" in published
    view = newsroom.api.get(f"/v1/jobs/{ids[-2]}").json()
    assert view["episode"]["title"] == HTML_HEADLINE
    assert view["episode"]["mp3_url"].startswith("https://news.example.org/podcast/story-html-")

    # Each finished job was announced to the webhook, signed with HMAC-SHA256 of the body.
    deadline = time.monotonic() + 10
    while len({json.loads(b)["id"] for _, b in newsroom.hooks.received} & set(ids)) < 40:
        assert time.monotonic() < deadline, "webhook calls missing"
        time.sleep(0.1)
    for sig, body in newsroom.hooks.received:
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert sig is not None and hmac.compare_digest(sig, expected)


def test_a_worker_killed_mid_build_leaves_its_job_to_another(newsroom: Newsroom):
    job_id = submit(newsroom, article("killed", body="यह काम बीच में रुका और फिर पूरा हुआ।"))
    deadline = time.monotonic() + 60
    while (job := newsroom.store.get(job_id)).state != "running":
        assert time.monotonic() < deadline and not job.finished, job.state
        time.sleep(0.01)
    victim = job.worker
    assert victim is not None
    os.kill(int(victim.rsplit(":", 1)[1]), signal.SIGKILL)

    wait_finished(newsroom.store, {job_id}, timeout_s=300)
    job = newsroom.store.get(job_id)
    assert job.state == "done", job.error
    assert job.attempts == 2
    assert job.worker != victim
    assert sum(line.startswith("done@") for line in job.history) == 1
    assert [e.slug for e in catalog.load(newsroom.out)].count("story-killed") == 1


def test_four_identical_posts_at_once_make_one_job_and_one_episode(newsroom: Newsroom):
    payload = article("same-four")
    start = threading.Barrier(4)

    def post(_: int) -> str:
        start.wait()
        return submit(newsroom, payload)

    with ThreadPoolExecutor(4) as pool:
        ids = set(pool.map(post, range(4)))
    assert len(ids) == 1
    (job_id,) = ids
    wait_finished(newsroom.store, ids, timeout_s=300)
    job = newsroom.store.get(job_id)
    assert job.state == "done" and job.attempts == 1
    assert [e.slug for e in catalog.load(newsroom.out)].count("story-same-four") == 1
    again = newsroom.api.post(payload)  # later, too: the same job, already done
    assert again.status_code == 202 and again.json()["id"] == job_id
    assert again.json()["state"] == "done"
