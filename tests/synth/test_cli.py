"""`bulletin voices list|download` and `bulletin cache info|clear`, in-process."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.cli import voices as voices_cli
from bulletin.synth import VoiceSettings, voice_script
from testkit.speech import SENTENCES, make_script

from .conftest import espeak
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


def test_voices_list_names_the_engine_a_build_would_pick(run, google):
    offline = run("voices", "list").output
    assert "a build here now speaks with: espeak (voice.fallback) — gtts unreachable: " in offline
    assert "bulletin voices download NAME" in offline and "used offline" in offline
    google()
    online = run("voices", "list").output
    assert "a build here now speaks with: gtts (voice.engine)\n" in online
    assert any(line.startswith("gtts") and " usable " in line for line in online.splitlines())


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


def test_voices_download_shows_no_bar_where_nobody_watches(run, repository, monkeypatch):  # noqa: F811
    base, _, _ = repository
    monkeypatch.setenv("BULLETIN_PIPER_VOICES_URL", base)
    result = run("voices", "download", NAME)  # not -q, but stderr is not a terminal
    assert result.exit_code == 0
    assert "%|" not in result.output and "\r" not in result.output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_download_progress_bar_only_on_a_terminal():
    with voices_cli._progress_bar(NAME, io.StringIO()) as progress:
        assert progress is None
    with voices_cli._progress_bar(NAME, None) as progress:  # -q
        assert progress is None
    terminal = Terminal()
    with voices_cli._progress_bar(NAME, terminal) as progress:
        for done in (0, 1 << 20, 3 << 20):
            progress(done, 3 << 20)
    assert NAME in terminal.getvalue() and "/3.00M" in terminal.getvalue()  # bytes, scaled


def test_voices_download_failure_is_one_line(run):
    result = run("voices", "download", "not-a-voice")
    assert result.exit_code == 4
    assert result.output.count("\n") == 1 and "not a Piper voice name" in result.output


def test_cache_info_and_clear(run, tmp_path):
    cache_dir = tmp_path / "cache-home" / "bulletin"
    voice_script(make_script([list(SENTENCES[1:3])]), espeak(jobs=1),
                 workdir=tmp_path / "w", cache_dir=cache_dir)
    info = json.loads(run("cache", "info", "--json").output)
    assert info["path"] == str(cache_dir / "segments")
    assert info["entries"] == 3 and info["size_bytes"] > 10_000
    assert "entries: 3" in run("cache", "info").output
    assert run("cache", "clear").output.startswith("removed 3 cached sentences")
    assert json.loads(run("cache", "info", "--json").output)["entries"] == 0


def test_cache_info_and_clear_cover_the_encoded_stretches(run, tmp_path):
    from bulletin.mix import mix_episode
    from bulletin.mix.settings import AudioSettings
    from testkit.audio import make_voicing

    cache_dir = tmp_path / "cache-home" / "bulletin"
    voicing = make_voicing(tmp_path / "clips", [[[1.0]], [[1.2]], [[0.8]]])
    mix_episode(voicing, AudioSettings(), tmp_path / "work", cache_dir=cache_dir)
    stretches = json.loads(run("cache", "info", "--json").output)["stretches"]
    assert stretches["path"] == str(cache_dir / "stretches") and stretches["entries"] >= 2
    assert f"{stretches['entries']} encoded stretches" in run("cache", "clear").output
    assert json.loads(run("cache", "info", "--json").output)["stretches"]["entries"] == 0


def test_cache_info_reports_the_configs_cap(run, tmp_path, monkeypatch):
    assert json.loads(run("cache", "info", "--json").output)["max_bytes"] == (
        VoiceSettings.cache_max_mb << 20
    )
    config = tmp_path / "radio.yaml"
    config.write_text("voice:\n  cache_max_mb: 7\n", encoding="utf-8")
    info = json.loads(run("cache", "info", "--json", "--config", str(config)).output)
    assert info["max_bytes"] == 7 << 20
    monkeypatch.chdir(tmp_path)  # ./bulletin.yaml is read like by the other commands
    (tmp_path / "bulletin.yaml").write_text("voice:\n  cache_max_mb: 9\n", encoding="utf-8")
    assert "cap:     9 MB" in run("cache", "info").output
    bad = run("cache", "info", "--config", str(tmp_path / "missing.yaml"))
    assert bad.exit_code == 3 and "config file not found" in bad.output


@pytest.mark.parametrize("command", [("voices",), ("voices", "list"), ("voices", "download"),
                                     ("cache",), ("cache", "info"), ("cache", "clear")])
def test_help_ends_with_an_example(run, command):
    help_text = run(*command, "--help").output
    assert "Example:" in help_text and "bulletin " in help_text.split("Example:")[1]
