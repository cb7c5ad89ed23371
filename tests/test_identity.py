"""Episode identity and date (#12): from the article, never from the file name."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from bulletin.errors import InputError
from bulletin.identity import IST, article_date, headline_key, identify, story_id
from bulletin.models import Article, ArticleMeta, Dateline, Episode, Section
from bulletin.names import is_slug

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
CRICKET = "भारत ने श्रीलंका को सात विकेट से हराया"
RBI = "रिज़र्व बैंक ने रेपो दर घटाई, कर्ज़ होंगे सस्ते"


def article(headline: str, source: str = "monday/article.md", *, dateline: Dateline | None = None,
            published: datetime | None = None, slug: str | None = None) -> Article:
    meta = ArticleMeta(source=source, published=published, slug=slug)
    return Article(headline, (Section(None, ("पाठ।",)),), meta, dateline=dateline)


def episode(a: Article, slug: str, published: datetime) -> Episode:
    return Episode(guid=f"g-{slug}", slug=slug, title=a.headline, description="",
                   published=published, duration_ms=1000, files=(), engine="espeak",
                   voice="hi", source=a.meta.source, article_sha256="0", fingerprint="0")


def test_two_stories_in_files_of_the_same_name_are_two_episodes():
    monday = identify(article(CRICKET, "monday/article.md"), (), now=NOW)
    tuesday = identify(article(RBI, "tuesday/article.md"), (), now=NOW)
    assert monday.slug != tuesday.slug
    assert "article" not in monday.slug and is_slug(monday.slug) and is_slug(tuesday.slug)


def test_an_edited_undated_article_keeps_its_id_and_first_build_date():
    first = identify(article(CRICKET), (), now=NOW)
    published = [episode(article(CRICKET), first.slug, first.published)]
    edited = dataclasses.replace(article(CRICKET), sections=(Section(None, ("नया पाठ।",)),))
    later = identify(edited, published, now=datetime(2026, 3, 12, tzinfo=UTC))
    assert later.slug == first.slug and later.published == NOW == first.published
    assert later.existing is published[0]


def test_undated_files_with_one_headline_are_two_stories():
    a = identify(article(CRICKET, "desk-a.txt"), (), now=NOW)
    b = identify(article(CRICKET, "desk-b.txt"), (), now=NOW)
    assert a.slug != b.slug


def test_a_dated_article_is_named_by_its_date_and_headline():
    when = datetime(2024, 2, 8, 10, 30, tzinfo=IST)
    got = identify(article(RBI, published=when), (), now=NOW)
    assert got.slug.startswith("2024-02-08-") and got.published == when
    # the same story copied to another file is the same episode
    assert identify(article(RBI, "elsewhere.md", published=when), (), now=NOW).slug == got.slug


def test_two_long_headlines_that_start_alike_stay_apart():
    start = "भारत दौरे पर रूसी राष्ट्रपति पुतिन, दोनों देशों के बीच हुए अहम समझौते"
    one = story_id(start + " पर हस्ताक्षर", NOW)
    two = story_id(start + " पर विपक्ष के सवाल", NOW)
    assert one != two and is_slug(one) and is_slug(two)


def test_headline_key_ignores_spacing_punctuation_and_composition():
    assert headline_key("रिज़र्व  बैंक, ने!") == headline_key("रिज़र्व बैंक ने")
    assert headline_key("RBI Cuts") == headline_key("rbi cuts")


def test_front_matter_and_forced_ids_win():
    assert identify(article(RBI, slug="rbi-policy"), (), now=NOW).slug == "rbi-policy"
    assert identify(article(RBI, slug="rbi-policy"), (), now=NOW, forced_id="x-1").slug == "x-1"
    with pytest.raises(InputError, match="--id"):
        identify(article(RBI), (), now=NOW, forced_id="Not A Slug")


def test_a_forced_id_replaces_that_episode_and_keeps_its_date():
    old = episode(article(CRICKET), "morning", datetime(2026, 3, 9, 6, 0, tzinfo=UTC))
    got = identify(article(RBI), (old,), now=NOW, forced_id="morning")
    assert got.existing is old and got.published == old.published


def test_an_episode_named_after_its_file_by_bulletin_0_1_is_replaced_not_duplicated():
    old = episode(article(CRICKET, "cricket.txt"), "cricket", datetime(2026, 3, 1, tzinfo=UTC))
    got = identify(article(CRICKET, "cricket.txt", dateline=Dateline("पुणे", "16 फरवरी")), (old,),
                   now=NOW)
    assert got.slug == "cricket" and got.published == old.published


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        (Dateline("मुंबई", "8 फरवरी 2024", "PTI"), datetime(2024, 2, 8, 12, 0, tzinfo=IST)),
        (Dateline("पुणे", "16 फ़रवरी", "भाषा"), datetime(2026, 2, 16, 12, 0, tzinfo=IST)),
        # no year, and the day is later in the year than today: last year's
        (Dateline("दिल्ली", "20 दिसंबर"), datetime(2025, 12, 20, 12, 0, tzinfo=IST)),
        (Dateline("दिल्ली", "11 मार्च"), datetime(2026, 3, 11, 12, 0, tzinfo=IST)),  # tomorrow
        (Dateline("दिल्ली", "सोमवार"), None),
        (Dateline("दिल्ली"), None),
    ],
)
def test_the_dateline_dates_the_article(dateline, expected):
    assert article_date(article(RBI, dateline=dateline), NOW) == expected


def test_front_matter_or_page_date_wins_over_the_dateline():
    own = datetime(2024, 2, 9, 8, 0)
    a = article(RBI, dateline=Dateline("मुंबई", "8 फरवरी 2024"), published=own)
    assert article_date(a, NOW) == own
