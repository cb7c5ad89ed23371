"""Paths and comparisons shared by the read-stage tests."""

from __future__ import annotations

from pathlib import Path

from bulletin.models import Article

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "putin-visit.txt"  # present next to the repo, or skip


def shape(article: Article) -> tuple:
    """What the layout rules decide, without metadata: compare formats with this."""
    return (
        article.headline,
        article.kicker,
        article.dateline,
        tuple((s.subhead, s.paragraphs) for s in article.sections),
    )
