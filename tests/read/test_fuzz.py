"""Fuzzing the reader: any bytes give an Article or one-line InputError, never a crash."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.errors import InputError
from bulletin.read import ReadSettings, read_article

FUZZ = settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
SHAPED = settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = ["सरकार", "ने", "आज", "₹5", "लाख", "दिल्ली,", "6 दिसंबर", "RBI", "।", ".", "?", "—", "#",
         "##", "- ", "*", "<p>", "</p>", "<h1>", "<h2>", "<script>", "&amp;", "]]>", "---",
         "title: x", "\n", "\n\n", "\r\n", "\t", "😀", "عربی"]


def read(data: bytes, source_format: str | None = None) -> None:
    try:
        article = read_article("-", ReadSettings(), stdin=io.BytesIO(data),
                               source_format=source_format)
    except InputError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert article.headline.strip()
    assert all(p.strip() for s in article.sections for p in s.paragraphs)


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    read(data)


@SHAPED
@given(st.lists(st.sampled_from(WORDS), max_size=120),
       st.sampled_from([None, "txt", "md", "html"]))
def test_news_shaped_text_in_every_format(words: list[str], source_format: str | None) -> None:
    read(" ".join(words).encode("utf-8"), source_format)
