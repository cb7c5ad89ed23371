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
    assert all(line.startswith(("ok ", "-- ", "WARN ")) for line in lines)


def test_doctor_fails_on_a_broken_jingle(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    config = tmp_path / "bulletin.yaml"
    config.write_text("audio: {jingles: {sting: missing.wav}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["doctor", "--config", str(config), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert any(line.startswith("FAIL  jingles:") and "missing.wav" in line
               for line in result.output.splitlines())


def test_doctor_changes_nothing_and_says_which_config_it_read(tmp_path, monkeypatch):
    """#12: it created ./audio_out and printed `defaults / ./bulletin.yaml` either way."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []  # no ./audio_out, no cache folder
    assert "ok    config: defaults (no ./bulletin.yaml" in result.output
    assert "(a build creates it)" in result.output

    (tmp_path / "bulletin.yaml").write_text("show: {title: डेस्क}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["doctor"])
    assert f"ok    config: read {tmp_path / 'bulletin.yaml'}" in result.output


def test_doctor_flags_placeholder_show_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["doctor", "-o", str(tmp_path / "out")])
    [line] = [li for li in result.output.splitlines() if li.startswith("WARN  show settings:")]
    assert "http://localhost:8000/" in line and "news@example.com" in line
    assert result.exit_code == 0  # a warning: builds still work

    config = tmp_path / "real.yaml"
    config.write_text(
        "show: {base_url: 'https://news.example.in/podcast/', owner_email: desk@news.example.in,"
        " author: समाचार डेस्क, owner_name: समाचार डेस्क}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["doctor", "--config", str(config), "-o", str(tmp_path)])
    assert "ok    show settings: https://news.example.in/podcast/" in result.output
