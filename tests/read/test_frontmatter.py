"""YAML front matter: what it sets, and one-line errors with the line number."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bulletin.errors import InputError

BODY = "शीर्षक जो फ़ाइल में है\nपहला पैराग्राफ़।\n"


def with_front(*rows: str, body: str = BODY) -> str:
    return "---\n" + "".join(f"{r}\n" for r in rows) + "---\n" + body


def test_every_key(read_text) -> None:
    article = read_text(
        with_front(
            "title: मानसून ने दी दस्तक",
            "date: 2024-06-14 10:30:00",
            "author: मौसम डेस्क",
            "image: https://example.org/rain.jpg",
            "tags: [मानसून, मौसम, 2024]",
            "slug: monsoon-update",
        )
    )
    assert article.headline == "मानसून ने दी दस्तक"
    assert article.meta.published == datetime(2024, 6, 14, 10, 30)  # naive stays naive
    assert article.meta.author == "मौसम डेस्क"
    assert article.meta.image == "https://example.org/rain.jpg"
    assert article.meta.tags == ("मानसून", "मौसम", "2024")
    assert article.meta.slug == "monsoon-update"
    # with a title the body's first line is copy (here a sub-head), not the headline
    assert article.sections[0].subhead == "शीर्षक जो फ़ाइल में है"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-14", datetime(2024, 6, 14, 12, 0)),  # a day alone: noon (#12)
        ('"2024-06-14"', datetime(2024, 6, 14, 12, 0)),
        (
            "2024-06-14T10:30:00+05:30",
            datetime(2024, 6, 14, 10, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        ('"2024-06-14T05:00:00Z"', datetime(2024, 6, 14, 5, tzinfo=UTC)),
    ],
)
def test_dates(read_text, value: str, expected: datetime) -> None:
    assert read_text(with_front(f"date: {value}")).meta.published == expected


def test_tags_as_a_comma_separated_line(read_text) -> None:
    assert read_text(with_front("tags: बजट, अर्थव्यवस्था ,, टैक्स")).meta.tags == (
        "बजट",
        "अर्थव्यवस्था",
        "टैक्स",
    )


def test_title_repeated_as_first_line_is_read_once(read_text) -> None:
    article = read_text(with_front("title: शीर्षक जो फ़ाइल में है"))
    assert article.headline == "शीर्षक जो फ़ाइल में है"
    assert article.sections[0].paragraphs == ("पहला पैराग्राफ़।",)


def test_empty_front_matter_and_empty_values(read_text) -> None:
    assert read_text(with_front()).headline == "शीर्षक जो फ़ाइल में है"
    assert read_text(with_front("author:")).meta.author is None


def test_front_matter_in_markdown(read_text) -> None:
    article = read_text(with_front("slug: x-1", body="# शीर्षक\n\nपाठ।\n"), "md")
    assert (article.headline, article.meta.slug) == ("शीर्षक", "x-1")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["title: [unclosed"], r"malformed front matter \(line 2, column \d+\)"),
        (
            ["title: ठीक", "date: 2024-06-14", "  bad indent: x"],
            r"malformed front matter \(line 4, column \d+\)",
        ),
        (
            ["title: ठीक", "category: खेल"],
            r"unknown front matter key `category` on line 3 "
            r"\(known: author, date, id, image, slug, tags, title\)",
        ),
        (["title: [एक, दो]"], r"front matter `title` \(line 2\) must be text"),
        (["date: कल"], r"front matter `date` \(line 2\) must be a date like 2024-06-14"),
        (
            ["title: ठीक", "date: 2024-13-45"],
            r"malformed front matter \(line 3, column \d+\): `2024-13-45` is not a date",
        ),
        (["title: एक", "title: दो"], r"malformed front matter \(line 3, column 1\): duplicate key"),
        (["tags: {a: b}"], r"front matter `tags` \(line 2\) must be a list"),
        (["tags: [true]"], r"front matter `tags` \(line 2\) must be a list"),
        (["author: 42"], r"front matter `author` \(line 2\) must be text"),
        (["slug: Monsoon Update"], r"front matter `slug` \(line 2\) must be at most 60 lowercase"),
        ([f"slug: {'a' * 61}"], r"front matter `slug` \(line 2\) must be at most 60 lowercase"),
        (["- a list"], r"front matter \(line 2\) must be `key: value` lines"),
    ],
)
def test_bad_front_matter(read_text, rows: list[str], message: str) -> None:
    with pytest.raises(InputError, match=rf"^stdin: {message}") as raised:
        read_text(with_front(*rows))
    assert "\n" not in str(raised.value)


def test_unclosed_front_matter(read_text) -> None:
    with pytest.raises(InputError, match="never closed"):
        read_text("---\ntitle: x\nशीर्षक\n")


def test_markdown_title_and_headline_must_agree(read_text) -> None:
    with pytest.raises(InputError, match="title and the `#` headline differ"):
        read_text(with_front("title: एक", body="# दो\n\nपाठ।\n"), "md")


def test_front_matter_id_names_the_episode(read_text) -> None:
    """#12: `id:` is the newsroom's word for the slug; the two may not disagree."""
    assert read_text("---\nid: rbi-policy\n---\nशीर्षक\nपाठ।\n").meta.slug == "rbi-policy"
    same = "---\nid: rbi-policy\nslug: rbi-policy\n---\nशीर्षक\nपाठ।\n"
    assert read_text(same).meta.slug == "rbi-policy"
    with pytest.raises(InputError, match="differ"):
        read_text("---\nid: one\nslug: two\n---\nशीर्षक\nपाठ।\n")
    with pytest.raises(InputError, match="lowercase ASCII"):
        read_text("---\nid: RBI Policy\n---\nशीर्षक\nपाठ।\n")
