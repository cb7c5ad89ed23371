"""`bulletin serve`: MIME types, HEAD, byte ranges, and no way out of the folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bulletin.errors import PublishError
from bulletin.publish import publish
from bulletin.publish.serve import make_server, open_socket
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
