"""`bulletin voices list|download` and `bulletin cache info|clear`, in-process."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.synth import VoiceSettings, voice_script

from .conftest import SENTENCES, make_script
from .test_piper_voices import NAME, repository  # noqa: F401  (the local repository fixture)


@pytest.fixture
def run(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))

    def invoke(*args: str):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result

    return invoke


def test_voices_list_shows_each_engine_and_why_not(run):
    result = run("voices", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("espeak") and " usable " in line for line in lines)
    assert any(line.startswith("festival") and "not usable" in line for line in lines)
    assert "hi_IN-pratham-medium" in result.output and "not downloaded" in result.output


def test_voices_list_json(run):
    engines = {e["name"]: e for e in json.loads(run("voices", "list", "--json").output)}
    assert set(engines) >= {"espeak", "gtts", "piper", "festival"}
    assert engines["espeak"]["usable"] and "hi+f3" in engines["espeak"]["voices"]
    assert engines["piper"]["usable"] is False  # no voice downloaded in this data folder


def test_voices_download_into_the_user_data_folder(run, repository, monkeypatch, tmp_path):  # noqa: F811
    base, _, _ = repository
    monkeypatch.setenv("BULLETIN_PIPER_VOICES_URL", base)
    result = run("-q", "voices", "download", NAME)
    assert result.exit_code == 0
    assert result.output.strip().endswith(f"piper-voices/{NAME}.onnx")
    assert (tmp_path / "data-home" / "bulletin" / "piper-voices" / f"{NAME}.onnx").is_file()


def test_voices_download_failure_is_one_line(run):
    result = run("voices", "download", "not-a-voice")
    assert result.exit_code == 4
    assert result.output.count("\n") == 1 and "not a Piper voice name" in result.output


def test_cache_info_and_clear(run, tmp_path):
    cache_dir = tmp_path / "cache-home" / "bulletin"
    voice_script(make_script([list(SENTENCES[1:3])]), VoiceSettings(jobs=1),
                 workdir=tmp_path / "w", cache_dir=cache_dir)
    info = json.loads(run("cache", "info", "--json").output)
    assert info["path"] == str(cache_dir / "segments")
    assert info["entries"] == 3 and info["size_bytes"] > 10_000
    assert "entries: 3" in run("cache", "info").output
    assert run("cache", "clear").output.startswith("removed 3 cached sentences")
    assert json.loads(run("cache", "info", "--json").output)["entries"] == 0


@pytest.mark.parametrize("command", [("voices",), ("voices", "list"), ("voices", "download"),
                                     ("cache",), ("cache", "info"), ("cache", "clear")])
def test_help_ends_with_an_example(run, command):
    help_text = run(*command, "--help").output
    assert "Example:" in help_text and "bulletin " in help_text.split("Example:")[1]
