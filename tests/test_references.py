"""Paths the code and docs point a reader to exist in the repository, and none leads outside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .support import REPO

SOURCES = sorted([*(REPO / "bulletin").rglob("*.py"), *(REPO / "docs").glob("*.md"),
                  REPO / "README.md", REPO / "CHANGELOG.md"])
# a repository path as prose writes it: docs/house-style.md, bulletin/setting.py, examples/x.txt
PATH = re.compile(r"(?<![\w./-])((?:docs|examples|scripts|tests|bulletin)/[\w./-]*\w)")


def named_paths(path: Path) -> list[str]:
    return [m for m in PATH.findall(path.read_text("utf-8")) if "*" not in m and "<" not in m]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_named_repository_paths_exist(source):
    missing = [p for p in named_paths(source) if not (REPO / p.rstrip(".")).exists()]
    assert not missing, f"{source.relative_to(REPO)} names paths that do not exist: {missing}"


CODE = sorted([*(REPO / "bulletin").rglob("*.py"), REPO / "README.md",
               REPO / "docs" / "ARCHITECTURE.md", REPO / "docs" / "house-style.md"])


@pytest.mark.parametrize("source", CODE, ids=lambda p: str(p.relative_to(REPO)))
def test_the_code_never_sends_a_reader_outside_the_repository(source):
    """What a newcomer needs (house style, architecture) is in the clone. (A measurement
    note may cite the external tool it was made with: docs/voices.md.)"""
    assert "../shared" not in source.read_text("utf-8")
