"""`voices download` against a local HTTP server laid out like the piper-voices repository."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
from pathlib import Path

import pytest

from bulletin.errors import SynthesisError
from bulletin.synth.piper_voices import BASE_URL_ENV, download_voice, installed_voices

NAME = "hi_IN-pratham-medium"
FOLDER = "hi/hi_IN/pratham/medium"
FILES = {f"{FOLDER}/{NAME}.onnx": b"\x08\x01onnx" * 5000, f"{FOLDER}/{NAME}.onnx.json": b"{}",
         f"{FOLDER}/MODEL_CARD": b"licence: CC BY 4.0"}


class CutOff(bytes):
    """A body the server announces in full but breaks off after sending (a dropped link)."""


def listing(files: dict[str, bytes]) -> bytes:
    return json.dumps({NAME: {"key": NAME, "files": {
        path: {"size_bytes": len(data), "md5_digest": hashlib.md5(data).hexdigest()}
        for path, data in files.items()
    }}}).encode()


@pytest.fixture
def repository():
    """A server on 127.0.0.1 serving `served` under /resolve/main; records the paths asked."""
    served: dict[str, bytes] = {"voices.json": listing(FILES), **FILES}
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.removeprefix("/resolve/main/")
            asked.append(path)
            body = served.get(path)
            self.send_response(200 if body is not None else 404)
            promised = len(body or b"") * (2 if isinstance(body, CutOff) else 1)
            self.send_header("Content-Length", str(promised))
            self.end_headers()
            self.wfile.write(body or b"")  # HTTP/1.0: the connection closes after this

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/resolve/main", served, asked
    server.shutdown()
    server.server_close()


def test_downloads_checks_and_renames(repository, tmp_path, monkeypatch):
    base, _, asked = repository
    monkeypatch.setenv(BASE_URL_ENV, base)
    calls = []
    model = download_voice(NAME, folder=tmp_path, progress=lambda *c: calls.append(c))
    assert model == tmp_path / f"{NAME}.onnx"
    assert model.read_bytes() == FILES[f"{FOLDER}/{NAME}.onnx"]
    assert (tmp_path / f"{NAME}.MODEL_CARD").read_bytes().startswith(b"licence")
    assert installed_voices(tmp_path) == [NAME]
    assert not list(tmp_path.glob("*.part"))
    assert f"{FOLDER}/{NAME}.onnx" in asked
    total = sum(len(data) for data in FILES.values())
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    asked.clear()
    calls.clear()
    download_voice(NAME, folder=tmp_path, progress=lambda *c: calls.append(c))
    assert asked == ["voices.json"]  # present and intact: only the listing is fetched
    assert calls == [(0, 0)]


def test_a_damaged_download_leaves_nothing(repository, tmp_path):
    base, served, _ = repository
    served[f"{FOLDER}/{NAME}.onnx"] = b"truncated"
    with pytest.raises(SynthesisError, match=rf"{NAME}.onnx: downloaded file is damaged"):
        download_voice(NAME, folder=tmp_path, base_url=base)
    assert not (tmp_path / f"{NAME}.onnx").exists()
    assert not list(tmp_path.glob("*.part"))


def test_unknown_voice_and_bad_names(repository, tmp_path):
    base, _, _ = repository
    with pytest.raises(SynthesisError, match="no voice `hi_IN-nobody-medium`"):
        download_voice("hi_IN-nobody-medium", folder=tmp_path, base_url=base)
    with pytest.raises(SynthesisError, match="not a Piper voice name"):
        download_voice("../../etc", folder=tmp_path, base_url=base)


def test_unreachable_repository_is_one_clear_line(tmp_path):
    with pytest.raises(SynthesisError, match=r"cannot download .*check the network"):
        download_voice(NAME, folder=tmp_path, base_url="http://127.0.0.1:9")
    assert not any(Path(tmp_path).iterdir())


def test_a_download_cut_off_midway_is_one_clear_line_and_leaves_nothing(repository, tmp_path):
    base, served, _ = repository
    served[f"{FOLDER}/{NAME}.onnx"] = CutOff(FILES[f"{FOLDER}/{NAME}.onnx"])
    with pytest.raises(SynthesisError, match=rf"^download of {NAME}.onnx broke off after "
                                             r"\d+ of \d+ bytes \(\w+\): check the network"):
        download_voice(NAME, folder=tmp_path, base_url=base)
    assert not (tmp_path / f"{NAME}.onnx").exists()
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("listing_body", [b"<html>Sign in</html>", b"\xff\xfe{", b""])
def test_a_listing_that_is_not_json_is_one_clear_line(repository, tmp_path, listing_body):
    base, served, _ = repository
    served["voices.json"] = listing_body
    with pytest.raises(SynthesisError, match=r"voices.json is not the piper-voices listing "
                                             rf"\(not JSON: .*\): check \${BASE_URL_ENV}$"):
        download_voice(NAME, folder=tmp_path, base_url=base)
    assert not any(tmp_path.iterdir())
