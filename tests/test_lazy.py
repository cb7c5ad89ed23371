"""Every run loads only the libraries its work needs.

Every command module is imported by `bulletin --help`, so one eager `import numpy` (or bs4,
feedgen, starlette…) in any of them, or in a stage package's `__init__`, costs every
invocation a second. The checks run in a fresh interpreter: help and `clean --lines -` walk
every registered command (new ones included) and name the command that first pulled a heavy
module in; a reader loads its own parser only; an up-to-date rebuild loads no heavy library,
and a real one the feed and page libraries only to publish, Pillow only to draw a cover.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .support import REPO

HEAVY = (
    "numpy", "scipy", "pyloudnorm", "bs4", "lxml", "markdown_it", "feedgen", "jinja2", "PIL",
    "mutagen", "pydub", "indic_transliteration", "starlette", "uvicorn", "tqdm", "requests",
    "gtts", "onnxruntime", "piper", "feedparser",
)

PROBE = """
import io, json, sys
import click
from bulletin.cli import main

heavy = set(json.loads(sys.argv[1]))
def loaded():
    return sorted({name.split(".")[0] for name in sys.modules} & heavy)

def paths(group, prefix):
    for name, command in sorted(group.commands.items()):
        yield [*prefix, name]
        if isinstance(command, click.Group):
            yield from paths(command, [*prefix, name])

runs = [["--help"], ["clean", "--lines", "-"]]
runs += [[*path, "--help"] for path in paths(main, [])]
report = []
for argv in runs:
    main(argv, standalone_mode=False)
    report.append([argv, loaded()])
print(json.dumps(report), file=sys.__stderr__)
"""


def test_help_and_clean_lines_load_no_heavy_library():
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)],
        input="सरकार ने 25 शहरों के लिए योजना शुरू की\n", capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert len(report) > 10  # every command's --help ran, not only the top-level one
    offenders = [(" ".join(argv), modules) for argv, modules in report if modules]
    assert not offenders, f"first command to load a heavy module: {offenders[0]}"
    assert "पच्चीस" in proc.stdout  # `clean --lines -` really normalized the line


def loaded_after(code: str, *args: str, env: dict[str, str] | None = None) -> list[str]:
    """Run `code` in a fresh interpreter; the `watched` modules (argv[1], JSON) it loaded.

    `code` calls `report()` where the check is made; the names go out on the real stderr,
    since a build's own output may use stdout."""
    prelude = (
        "import json, sys\n"
        "watched = json.loads(sys.argv[1])\n"
        "def report(): print(json.dumps(sorted(set(sys.modules) & set(watched))), "
        "file=sys.__stderr__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", prelude + code, *args], capture_output=True, text=True,
        timeout=300, check=False, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("[")]


# Each reader loads its own parser only: a text article never pays for bs4 or markdown-it.
PARSERS = ["bs4", "lxml", "markdown_it"]
READ = """
from bulletin.read import ReadSettings, read_article
read_article(sys.argv[2], ReadSettings())
report()
"""


@pytest.mark.parametrize(("example", "parsers"), [
    ("defence-talks.txt", []),
    ("budget-markdown.md", ["markdown_it"]),
    ("cricket-page.html", ["bs4", "lxml"]),
])
def test_a_reader_loads_only_its_own_parser(example: str, parsers: list[str]):
    (loaded,) = loaded_after(READ, json.dumps(PARSERS), str(REPO / "examples" / example))
    assert loaded == parsers


# What only publishing needs, Pillow's imaging code (its bare package, for a version, is
# tiny), what a Hindi article never needs (langcodes, indic_transliteration: the tables of
# both are bulletin's own data) or a text one (the other readers). `numpy` and the rest of
# HEAVY stay out of an up-to-date rebuild altogether.
WATCHED = ["jinja2", "feedgen", "lxml", "PIL.Image", "bs4", "markdown_it", "langcodes",
           "indic_transliteration", "numpy"]
REBUILD = """
from bulletin.cli import main
main(sys.argv[2:], standalone_mode=False)
report()
"""
FORCED = """
from datetime import UTC, datetime
from pathlib import Path
from bulletin.build import build_episode
from bulletin.config import Config
from bulletin.publish import publish
from bulletin.synth import default_cache_dir
config = Config()
now = lambda: datetime(2024, 12, 6, tzinfo=UTC)
result = build_episode(sys.argv[2], config, Path(sys.argv[3]), clock=now, force=True,
                       cache_dir=default_cache_dir())
report()
publish(Path(sys.argv[3]), config.show, config.publish, add=result.episode,
        staged_in=result.staging, clock=now, cache_dir=default_cache_dir())
result.discard()
report()
"""


@pytest.mark.slow
def test_a_rebuild_loads_only_what_its_work_needs(tmp_path: Path):
    """Up to date: no heavy library at all. Built again: the audio stack, but not the
    readers of other formats, nor the feed and page libraries before the audio is done,
    nor Pillow when the generated cover is in the cache."""
    article = tmp_path / "short.txt"
    article.write_text("इसरो का नया उपग्रह\n\nइसरो ने मंगलवार को नया उपग्रह भेजा।\n",
                       encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    build = ["-q", "build", "--engine", "espeak", "-o", str(out), str(article)]
    subprocess.run([sys.executable, "-m", "bulletin", *build], env=env, check=True,
                   capture_output=True, timeout=300)

    (up_to_date,) = loaded_after(REBUILD, json.dumps(HEAVY), *build, env=env)
    assert up_to_date == []

    built, published = loaded_after(
        FORCED, json.dumps(WATCHED), str(article), str(out), env=env
    )
    assert built == ["numpy"]  # the audio work really ran in the probe
    assert published == ["feedgen", "jinja2", "lxml", "numpy"]
