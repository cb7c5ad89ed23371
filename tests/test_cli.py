"""The command-line shell: help texts, README drift, `init`, and error mapping."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.config import load_config
from bulletin.errors import InputError

from .support import REPO


def commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        found[f"{prefix}{name}"] = command
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
    return found


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_with_an_example(name):
    command = commands()[name]
    assert command.help and len(command.help) > 20
    if not isinstance(command, click.Group):
        assert "Example:" in command.help, f"`bulletin {name}` help has no example"


def test_readme_lists_every_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`bulletin ([a-z]+)", readme))
    top_level = {name.split()[0] for name in commands()}
    assert top_level <= documented, f"not in README: {top_level - documented}"
    assert documented <= top_level, f"README names unknown commands: {documented - top_level}"


def test_init_writes_a_loadable_config_once(tmp_path):
    path = tmp_path / "bulletin.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(path)]).exit_code == 0
    load_config(path)
    again = runner.invoke(main, ["init", str(path)])
    assert again.exit_code != 0
    assert "use --force" in again.output


def test_unexpected_errors_are_one_line_without_traceback(tmp_path, monkeypatch):
    import bulletin.build

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(bulletin.build, "build_episode", explode)
    article = tmp_path / "a.txt"
    article.write_text("शीर्षक\n\nपहला अनुच्छेद।\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "out")])
    assert result.exit_code == 70
    assert result.output.strip().count("\n") == 0
    assert "internal error: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(tmp_path):
    """Run as a program: only `--debug` lets the error reach Python's traceback printer."""
    missing = str(tmp_path / "missing.txt")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bulletin", *args, "build", missing],
                              capture_output=True, text=True, timeout=60, check=False)

    debug, plain = run("--debug"), run()
    assert debug.returncode == 1 and plain.returncode == InputError.exit_code
    assert "Traceback (most recent call last)" in debug.stderr
    assert re.search(r"^bulletin\.errors\.InputError: .*missing\.txt", debug.stderr, re.M)
    assert "Traceback" not in plain.stderr
    assert plain.stderr.strip().count("\n") == 0 and "missing.txt" in plain.stderr


def test_examples_in_help_exist():
    """Every `bulletin … examples/FILE` a help text shows names a file of the repository."""
    helps = " ".join(command.help or "" for command in [main, *commands().values()])
    named = set(re.findall(r"examples/[\w.-]+", helps))
    assert named, "no help text shows an example article"
    assert all((REPO / name).is_file() for name in named), named


def test_progress_bar_draws_only_on_a_terminal(monkeypatch):
    import io
    import sys

    from bulletin.cli.build import _progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with _progress_bar("story.txt", quiet=False) as progress:
        for done in range(4):
            progress("voice", done, 3)
        progress("mix", 0, 240)
        progress("mix", 240, 240)
        progress("publish", 0, 1)
    drawn = screen.getvalue()
    assert "voicing story.txt" in drawn and "3/3" in drawn
    assert "mixing and encoding story.txt" in drawn and "240/240" in drawn
    assert "publishing story.txt" in drawn
    with _progress_bar("story.txt", quiet=True) as progress:
        assert progress is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _progress_bar("story.txt", quiet=False) as progress:
        assert progress is None
