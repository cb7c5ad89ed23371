"""`bulletin serve`: MIME types, HEAD, byte ranges, and no way out of the folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bulletin.cli import main
from bulletin.cli.serve import same_address
from bulletin.errors import PublishError
from bulletin.publish import publish
from bulletin.publish.serve import PublishedFolder, make_server, open_socket
from bulletin.publish.settings import PublishSettings, ShowSettings

from .conftest import MakeEpisode, Served, clock, start_server


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, make_episode: MakeEpisode, show: ShowSettings,
         settings: PublishSettings) -> Iterator[Served]:
    tmp_path = tmp_path_factory.mktemp("serve")
    out = tmp_path / "out"
    ep = make_episode(out, "sample", kinds=("mp3", "vtt", "srt", "chapters", "wav"))
    publish(out, show, settings, add=ep, clock=clock)
    (tmp_path / "secret.txt").write_text("outside")
    os.symlink(tmp_path / "secret.txt", out / "link-out.txt")
    os.symlink(tmp_path, out / "dir-out")
    yield from start_server(out)


def mp3_path(site: Served) -> str:
    return "/" + next(p.name for p in site.root.iterdir() if p.suffix == ".mp3")


def test_media_types(site: Served):
    names = {p.suffix if not p.name.endswith(".chapters.json") else ".json": p.name
             for p in site.root.iterdir() if not p.name.startswith(".")}
    expected = {".mp3": "audio/mpeg", ".xml": "application/rss+xml", ".vtt": "text/vtt",
                ".srt": "application/x-subrip", ".json": "application/json",
                ".wav": "audio/wav", ".png": "image/png", ".html": "text/html"}
    for suffix, mime in expected.items():
        status, headers, _ = site.request("GET", "/" + names[suffix])
        assert status == 200, suffix
        assert headers["content-type"].split(";")[0] == mime
    status, headers, body = site.request("GET", "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert body == (site.root / "index.html").read_bytes()


def test_head_has_content_length_and_no_body(site: Served):
    path = mp3_path(site)
    status, headers, body = site.request("HEAD", path)
    assert status == 200 and body == b""
    assert int(headers["content-length"]) == (site.root / path[1:]).stat().st_size
    assert headers["accept-ranges"] == "bytes"


@pytest.mark.parametrize(("spec", "start", "end"), [("10-19", 10, 19), ("0-0", 0, 0),
                                                    ("-5", None, None), ("100-", 100, None)])
def test_range_returns_exactly_those_bytes(site: Served, spec: str, start, end):
    path = mp3_path(site)
    data = (site.root / path[1:]).read_bytes()
    status, headers, body = site.request("GET", path, {"Range": f"bytes={spec}"})
    assert status == 206
    want = data[-5:] if start is None else data[start:(end + 1 if end is not None else None)]
    assert body == want
    first = len(data) - 5 if start is None else start
    assert headers["content-range"] == f"bytes {first}-{first + len(want) - 1}/{len(data)}"


def test_unsatisfiable_range_is_416(site: Served):
    path = mp3_path(site)
    size = (site.root / path[1:]).stat().st_size
    status, headers, _ = site.request("GET", path, {"Range": f"bytes={size + 10}-"})
    assert status == 416 and headers["content-range"] == f"bytes */{size}"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
    "/news/../../secret.txt", "//etc/passwd", "/%2fetc%2fpasswd", "/etc/passwd",
    "/link-out.txt", "/dir-out/secret.txt", "/.catalog.json", "/.catalog.lock",
    "/%2ecatalog.json", "/..\\secret.txt", "/nope.mp3",
])
def test_no_way_out_of_the_folder(site: Served, path: str):
    status, _, body = site.request("GET", path)
    assert status in (403, 404), path
    assert b"outside" not in body and b"root:" not in body


def test_busy_port_is_a_publish_error():
    sock = open_socket("127.0.0.1", 0)
    try:
        with pytest.raises(PublishError, match="cannot listen"):
            open_socket("127.0.0.1", sock.getsockname()[1])
    finally:
        sock.close()


def test_missing_folder_is_a_publish_error(tmp_path: Path):
    with pytest.raises(PublishError, match="no such folder"):
        make_server(tmp_path / "nope")


# ---------------------------------------------------------------- #18, #12


def test_a_file_deleted_after_its_lookup_is_a_404(site: Served, monkeypatch: pytest.MonkeyPatch):
    """Publishing deletes files while we serve: never 200 headers with an empty body."""
    doomed = site.root / "doomed-0123456789.vtt"
    doomed.write_text("WEBVTT\n")
    real = PublishedFolder.lookup_path

    def lookup_then_delete(self: PublishedFolder, path: str):
        found = real(self, path)
        if path.endswith("doomed-0123456789.vtt"):
            doomed.unlink(missing_ok=True)
        return found

    monkeypatch.setattr(PublishedFolder, "lookup_path", lookup_then_delete)
    status, _, body = site.request("GET", "/doomed-0123456789.vtt")
    assert status == 404 and b"Not Found" in body


@pytest.mark.parametrize("header", ["items=0-10", "bytes=5-2", "bytes=abc", "bytes"])
def test_unknown_unit_or_invalid_range_is_ignored(site: Served, header: str):
    """RFC 9110 §14.2: the whole file, 200, instead of a 400."""
    path = mp3_path(site)
    size = (site.root / path[1:]).stat().st_size
    status, headers, body = site.request("GET", path, {"Range": header})
    assert status == 200 and len(body) == size == int(headers["content-length"])


def test_one_common_log_format_line_per_request(tmp_path: Path):
    (tmp_path / "index.html").write_text("<p>hi</p>")
    lines: list[str] = []
    when = datetime(2024, 12, 6, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    running = start_server(tmp_path, log_request=lines.append, clock=lambda: when)
    served = next(running)
    try:
        assert served.request("GET", "/index.html?x=1")[0] == 200
        assert served.request("GET", "/missing.mp3")[0] == 404
        assert served.request("HEAD", "/")[0] == 200
    finally:
        running.close()
    assert lines[0] == \
        '127.0.0.1 - - [06/Dec/2024:09:30:00 +0530] "GET /index.html?x=1 HTTP/1.1" 200 9'
    assert re.fullmatch(r'127\.0\.0\.1 - - \[.+\] "GET /missing\.mp3 HTTP/1\.1" 404 \d+', lines[1])
    assert lines[2].endswith('"HEAD / HTTP/1.1" 200 -')
    assert len(lines) == 3


@pytest.mark.parametrize(("base_url", "served", "same"), [
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/", True),
    ("http://localhost:8000/", "http://127.0.0.1:8000/", True),
    ("http://localhost:8000/", "http://127.0.0.1:8765/", False),
    ("http://news.example.org:8000/", "http://0.0.0.0:8000/", True),
    ("http://news.example.org/podcast/", "http://0.0.0.0:80/", False),
    ("https://news.example.org/", "http://0.0.0.0:443/", False),
])
def test_same_address(base_url: str, served: str, same: bool):
    assert same_address(base_url, served) is same


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner(mix_stderr=False).invoke(main, ["serve", *args])
    return result.exit_code, result.stderr


def test_serve_fails_before_announcing(tmp_path: Path):
    code, err = cli(str(tmp_path / "nope"))
    assert code != 0 and "no such folder" in err and "serving" not in err
    sock = open_socket("127.0.0.1", 0)
    try:
        code, err = cli(str(tmp_path), "--port", str(sock.getsockname()[1]))
    finally:
        sock.close()
    assert code != 0 and "cannot listen" in err and "serving" not in err
    assert err.count("\n") == 1


def test_serve_warns_when_the_feed_points_elsewhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_episode: MakeEpisode,
        show: ShowSettings, settings: PublishSettings):
    out = tmp_path / "out"
    publish(out, show, settings, add=make_episode(out, "sample"), clock=clock)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bulletin.yaml").write_text(
        f"show:\n  base_url: {show.base_url}\n  owner_email: {show.owner_email}\n", "utf-8")
    announced: list[str] = []

    def fake_serve(root, host, port, *, announce, log_request, clock):
        announce(f"http://{host}:{port}/")
        announced.append(port)

    monkeypatch.setattr("bulletin.publish.serve.serve", fake_serve)
    code, err = cli(str(out), "--port", "8765")
    assert code == 0 and announced == [8765]
    assert "warning: the feed's links point to http://127.0.0.1:8000/news/" in err
    code, err = cli(str(out), "--port", "8765", "--base-url-from-serve")
    assert code == 0 and "warning" not in err
    feed = etree.parse(str(out / "feed.xml"))
    assert feed.xpath("//item/enclosure/@url")[0].startswith("http://127.0.0.1:8765/")
