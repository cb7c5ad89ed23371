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


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_nothing_points_outside_the_repository(source):
    assert "../shared" not in source.read_text("utf-8")
