"""Paths and comparisons shared by the read-stage tests."""

from __future__ import annotations

from pathlib import Path

from bulletin.models import Article

from ..support import EXAMPLE, REPO

FIXTURES = Path(__file__).parent / "fixtures"
__all__ = ["EXAMPLE", "FIXTURES", "REPO", "shape"]


def shape(article: Article) -> tuple:
    """What the layout rules decide, without metadata: compare formats with this."""
    return (
        article.headline,
        article.kicker,
        article.dateline,
        tuple((s.subhead, s.paragraphs) for s in article.sections),
    )
