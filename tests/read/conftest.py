"""Fixtures for the read-stage tests."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from bulletin.models import Article
from bulletin.read import ReadSettings, read_article


@pytest.fixture
def read_text() -> Callable[..., Article]:
    """Read `text` from stdin as `fmt`, as `bulletin segments - --format fmt` would."""

    def read(text: str, fmt: str = "txt", settings: ReadSettings | None = None) -> Article:
        stdin = io.BytesIO(text.encode("utf-8"))
        return read_article("-", settings or ReadSettings(), stdin=stdin, source_format=fmt)

    return read
