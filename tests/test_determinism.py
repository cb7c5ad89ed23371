"""The same article gives the same MP3, byte for byte, on fresh machines and warm ones.

Published episodes are named by their content: the same inputs must give the same files.
Each build is the installed command in a process of its own with its own cache, as on
machines that share nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import REPO

pytestmark = pytest.mark.slow

EXAMPLE = REPO / "examples" / "budget-markdown.md"  # dated: the date is not the build's clock


def build(article: Path, cache: Path, out: Path) -> dict[str, str]:
    """`bulletin build --engine espeak`: the sha256 of each MP3 it wrote, by file name."""
    exe = Path(sys.executable).with_name("bulletin")
    if not exe.exists():
        exe = Path(shutil.which("bulletin") or "bulletin")
    proc = subprocess.run(
        [str(exe), "build", str(article), "--engine", "espeak", "-o", str(out)],
        capture_output=True, text=True, check=False, cwd=out.parent,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )
    assert proc.returncode == 0, proc.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.mp3")}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, str]:
    """The example built once on a machine of its own: what every other build must give."""
    folder = tmp_path_factory.mktemp("fresh")
    return build(EXAMPLE, folder / "cache", folder / "out")


def test_an_example_built_twice_gives_the_same_mp3(tmp_path, fresh):
    assert len(fresh) == 1
    assert build(EXAMPLE, tmp_path / "cache", tmp_path / "out") == fresh


def test_a_build_that_finds_part_of_the_article_cached_gives_the_same_mp3(tmp_path, fresh):
    """A cache holding some of the sentences changes which sentences one process speaks, and
    in what order: the MP3 must not change with it."""
    text = EXAMPLE.read_text(encoding="utf-8")
    half = tmp_path / "half.md"
    half.write_text(text[: len(text) // 2].rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    build(half, tmp_path / "cache", tmp_path / "out-half")
    assert build(EXAMPLE, tmp_path / "cache", tmp_path / "out") == fresh
