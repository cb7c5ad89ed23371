"""`bulletin doctor`: one line per check, non-zero when a required check fails."""

from click.testing import CliRunner

from bulletin.cli import main


def test_doctor_passes_on_this_installation(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["doctor", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    names = [line.split(":")[0].split(maxsplit=1)[1] for line in lines]
    assert {"ffmpeg", "espeak-ng Hindi", "output folder", "engine espeak"} <= set(names)
    assert all(line.startswith(("ok ", "-- ")) for line in lines)


def test_doctor_fails_on_a_broken_jingle(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    config = tmp_path / "bulletin.yaml"
    config.write_text("audio: {jingles: {sting: missing.wav}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["doctor", "--config", str(config), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert any(line.startswith("FAIL  jingles:") and "missing.wav" in line
               for line in result.output.splitlines())
