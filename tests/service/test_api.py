"""The API's refusals, on a real server with no workers: jobs stay queued, nothing is built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bulletin.service.jobs import JobStore

from .conftest import TOKEN, Api, article, make_service, write_config


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, jingle: Path, cover: Path) -> Iterator[Api]:
    folder = tmp_path_factory.mktemp("api")
    config = write_config(folder, jingle, cover)
    server = Api(make_service(folder / "out", config, "embedded"))
    yield server
    server.close()


def raw(api: Api, method: str, path: str, **kwargs: object) -> requests.Response:
    return requests.request(method, f"{api.base}{path}", timeout=10, **kwargs)


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer wrong-token-0123456789"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"},
])
@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/v1/articles"), ("GET", "/v1/jobs/0123456789abcdef0123456789abcdef"),
    ("GET", "/v1/episodes"), ("DELETE", "/v1/episodes/story-1"),
])
def test_no_or_wrong_token_is_401(api: Api, headers: dict[str, str], method: str, path: str):
    response = raw(api, method, path, headers=headers, json=article(1))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"error": "missing or wrong bearer token"}


def test_a_post_is_queued_and_a_repeat_is_the_same_job(api: Api):
    first = api.post(article("queued-once"))
    assert first.status_code == 202
    job = first.json()
    assert job["state"] == "queued" and job["url"] == f"/v1/jobs/{job['id']}"
    assert api.post(article("queued-once")).json()["id"] == job["id"]
    changed = api.post(article("queued-once", body="आज नई बात हुई।"))
    assert changed.json()["id"] != job["id"]  # new content of the same story: a new job
    assert api.get(job["url"]).json()["state"] == "queued"
    store = JobStore(api.service.out_dir)
    assert store.source_path(store.get(job["id"])).name == "story-queued-once.txt"


def test_a_body_over_the_limit_is_413(api: Api):
    limit = api.service.config.input.max_bytes
    big = article("big", body="क" * (limit // 3 + 10))
    response = api.post(big)
    assert response.status_code == 413
    assert str(limit) in response.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: cut off while reading
        yield b'{"id": "big", "body": "'
        for _ in range(limit // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    chunked = api.http.post(f"{api.base}/v1/articles", data=chunks(), timeout=10,
                            headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413


@pytest.mark.parametrize(("body", "reason"), [
    (b'{"id": "x", "body": ', "malformed JSON: Expecting value (line 1, column 21)"),
    (b"\xff\xfe", "malformed JSON: the body is not UTF-8"),
    (b"[1, 2]", "the request must be a JSON object"),
    (b'{"id": "x"}', "`body` must be the article's text"),
    (b'{"id": "x", "body": "b", "colour": "red"}', "unknown field `colour`"),
    (b'{"id": "x", "body": "b", "format": "pdf"}', "`format` must be one of text, markdown, html"),
    (b'{"id": "x", "body": "b", "tags": "one"}', "`tags` must be a list of words"),
    (b'{"id": "x", "body": "b", "headline": 5}', "`headline` must be text"),
])
def test_bad_json_is_400_with_one_line(api: Api, body: bytes, reason: str):
    response = api.http.post(f"{api.base}/v1/articles", data=body, timeout=10,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(reason) and "\n" not in error


@pytest.mark.parametrize("bad_id", ["../x", "..", "a/b", "/etc/passwd", "Story", "", "x" * 61,
                                    "a..b", ".hidden", "ok\x00"])
def test_path_like_article_ids_are_refused(api: Api, bad_id: str):
    response = api.post(article(1) | {"id": bad_id})
    assert response.status_code == 400
    assert response.json()["error"].startswith("`id` must be a slug")
    if bad_id:  # an empty form field means "no id": the file name gives it
        upload = api.http.post(f"{api.base}/v1/articles", timeout=10, data={"id": bad_id},
                               files={"file": ("story.txt", "शीर्षक\n\nपाठ।\n".encode())})
        assert upload.status_code == 400


@pytest.mark.parametrize("path", [
    "/v1/jobs/0123456789abcdef0123456789abcdef",
    "/v1/jobs/..%2F..%2Fetc%2Fpasswd",
    "/v1/jobs/%2e%2e",
    "/v1/jobs/0123456789ABCDEF0123456789ABCDEF",
])
def test_unknown_or_path_like_job_ids_are_404(api: Api, path: str):
    response = api.get(path)
    assert response.status_code == 404


@pytest.mark.parametrize("ident", ["..%2Fx", "no-such-story", "%2e%2e%2fcatalog"])
def test_deleting_an_unknown_or_path_like_episode_is_404(api: Api, ident: str):
    response = api.http.delete(f"{api.base}/v1/episodes/{ident}", timeout=10)
    assert response.status_code == 404


def test_unreadable_articles_are_422_and_never_become_jobs(api: Api):
    store = JobStore(api.service.out_dir)
    before = len(store.all())
    binary = api.http.post(f"{api.base}/v1/articles", timeout=10,
                           files={"file": ("blob.txt", bytes(range(256)) * 8)})
    assert binary.status_code == 422
    assert binary.json()["error"].startswith("blob.txt: ")
    wrong_kind = api.http.post(f"{api.base}/v1/articles", timeout=10,
                               files={"file": ("photo.jpg", b"\xff\xd8\xff")})
    assert wrong_kind.status_code == 400
    bad_date = api.post(article("bad-date", date="2024-13-45"))
    assert bad_date.status_code == 422 and "date" in bad_date.json()["error"]
    assert len(store.all()) == before


def test_the_episode_list_starts_empty(api: Api):
    assert api.get("/v1/episodes").json() == {"episodes": []}
