"""`bulletin segments`: the human view, the JSON view and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bulletin.cli import main

from .support import FIXTURES

STORY = str(FIXTURES / "story.txt")


def run(*args: str, input: bytes | None = None):
    return CliRunner(mix_stderr=False).invoke(main, ["segments", *args], input=input)


def test_human_readable_structure() -> None:
    result = run(STORY)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "headline:  जयपुर में पानी की किल्लत, टैंकरों के भरोसे 40 कॉलोनियां\n" in out
    assert "kicker:    जयपुर में पानी की किल्लत\n" in out
    assert "dateline:  जयपुर (12 मई)\n" in out
    assert "format:    txt · 3 sections · 4 paragraphs · " in out
    assert "[1] (lead) — 1 paragraph\n  1. शहर के दक्षिणी" in out
    assert "[2] पाइपलाइन टूटने से बिगड़े हालात — 2 paragraphs\n" in out
    assert "  2. अधिकारियों का कहना है कि शनिवार तक आपूर्ति सामान्य हो जाएगी।" in out
    assert result.stderr == ""


def test_json_for_tools() -> None:
    result = run(str(FIXTURES / "story.html"), "--json")
    assert result.exit_code == 0, result.stderr
    assert "जयपुर" in result.stdout  # UTF-8, not \u escapes
    data = json.loads(result.stdout)
    assert data["headline"] == "जयपुर में पानी की किल्लत, टैंकरों के भरोसे 40 कॉलोनियां"
    assert data["dateline"] == {"place": "जयपुर", "date": "12 मई", "agency": None}
    assert [s["subhead"] for s in data["sections"]] == [
        None,
        "पाइपलाइन टूटने से बिगड़े हालात",
        "टैंकर वालों की मनमानी",
    ]
    assert data["counts"]["paragraphs"] == 4
    assert data["meta"]["source_format"] == "html"


def test_stdin_and_format_option() -> None:
    result = run("-", "--format", "md", "--json", input="# शीर्षक\n\nपाठ।\n".encode())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["headline"], data["meta"]["source"]) == ("शीर्षक", "-")


def test_front_matter_shows_in_the_human_view(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ndate: 2024-07-23\ntags: [बजट]\nslug: a-b\n---\n# श\n\nपाठ।\n", encoding="utf-8"
    )
    out = run(str(path)).stdout
    assert "published: 2024-07-23T12:00:00\n" in out and "tags:      बजट\n" in out


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    cases = [
        (run(str(tmp_path / "missing.txt")), f"{tmp_path / 'missing.txt'}: no such file"),
        (run("-", input=b"\x89PNG\r\n\x1a\n"), "stdin: looks like a PNG image"),
        (run("-", input=b""), "stdin: is empty"),
    ]
    for result, message in cases:
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"bulletin: error: {message}")
        assert result.stderr.count("\n") == 1


def test_the_size_limit_comes_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "bulletin.yaml"
    config.write_text("input:\n  max_bytes: 10\n", encoding="utf-8")
    result = run(STORY, "--config", str(config))
    assert result.exit_code == 2
    assert "larger than the 10-byte limit" in result.stderr
