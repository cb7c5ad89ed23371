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
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/resolve/main", served, asked
    server.shutdown()
    server.server_close()


def test_downloads_checks_and_renames(repository, tmp_path, monkeypatch):
    base, _, asked = repository
    monkeypatch.setenv(BASE_URL_ENV, base)
    model = download_voice(NAME, folder=tmp_path, progress=True)
    assert model == tmp_path / f"{NAME}.onnx"
    assert model.read_bytes() == FILES[f"{FOLDER}/{NAME}.onnx"]
    assert (tmp_path / f"{NAME}.MODEL_CARD").read_bytes().startswith(b"licence")
    assert installed_voices(tmp_path) == [NAME]
    assert not list(tmp_path.glob("*.part"))
    assert f"{FOLDER}/{NAME}.onnx" in asked
    asked.clear()
    download_voice(NAME, folder=tmp_path)  # present and intact: only the listing is fetched
    assert asked == ["voices.json"]


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
