"""The number speller (`bulletin.normalize.numbers`) and the package data it reads."""

import re
import unicodedata
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.errors import NormalizeError
from bulletin.normalize.data import load_table
from bulletin.normalize.numbers import (
    cardinal,
    digits,
    integer,
    number,
    ordinal,
    parse_number,
    year,
)

MAX = 10**13
UNITS = {w: int(n) for n, w in load_table("numbers").items()}
SCALES = {w: 10 ** int(p) for p, w in load_table("scale").items()}
TOP = max(SCALES, key=SCALES.__getitem__)
HAS_DIGIT = re.compile(r"[0-9०-९]")


def read_back(words: list[str]) -> int:
    """The inverse of `cardinal`: a reading that parses back to n proves the reading unique."""
    if TOP in words:
        last = len(words) - 1 - words[::-1].index(TOP)
        return read_back(words[:last]) * SCALES[TOP] + read_back(words[last + 1 :])
    total, pending = 0, 0
    for w in words:
        if w in SCALES:
            total, pending = total + pending * SCALES[w], 0
        else:
            pending = UNITS[w]
    return total + pending


@pytest.mark.parametrize(
    ("n", "spoken"),
    [
        (0, "शून्य"),
        (7, "सात"),
        (100, "एक सौ"),
        (1000, "एक हज़ार"),
        (100000, "एक लाख"),
        (345678, "तीन लाख पैंतालीस हज़ार छह सौ अठहत्तर"),
        (125000, "एक लाख पच्चीस हज़ार"),
        (10**7, "एक करोड़"),
        (10**9, "एक अरब"),
        (10**11, "एक खरब"),
        (10**13, "एक सौ खरब"),
        (10**14, "एक हज़ार खरब"),
        (10**16, "एक लाख खरब"),
        (10**22, "एक खरब खरब"),
        (200_00_00_005, "दो अरब पाँच"),
    ],
)
def test_cardinal(n: int, spoken: str) -> None:
    assert cardinal(n) == spoken


def test_cardinal_rejects_negative() -> None:
    with pytest.raises(NormalizeError):
        cardinal(-1)


@given(st.integers(min_value=0, max_value=MAX))
def test_cardinal_has_no_digit_and_reads_back(n: int) -> None:
    spoken = cardinal(n)
    assert not HAS_DIGIT.search(spoken)
    assert "  " not in spoken and spoken == spoken.strip()
    assert read_back(spoken.split()) == n


@given(st.integers(min_value=0, max_value=MAX), st.integers(min_value=0, max_value=MAX))
def test_distinct_numbers_have_distinct_readings(a: int, b: int) -> None:
    assert (cardinal(a) == cardinal(b)) == (a == b)


def test_every_number_below_a_lakh_is_unique() -> None:
    readings = {cardinal(n) for n in range(100_000)}
    assert len(readings) == 100_000


@pytest.mark.parametrize(
    ("s", "spoken"),
    [("0", "शून्य"), ("007", "शून्य शून्य सात"), ("०९१", "शून्य नौ एक"), ("42", "चार दो")],
)
def test_digits(s: str, spoken: str) -> None:
    assert digits(s) == spoken


@pytest.mark.parametrize("s", ["", "1a", "1 2", "१,०", "٣"])
def test_digits_rejects_non_digits(s: str) -> None:
    with pytest.raises(NormalizeError):
        digits(s)


@pytest.mark.parametrize(
    ("n", "spoken"),
    [
        (1947, "उन्नीस सौ सैंतालीस"),
        (1900, "उन्नीस सौ"),
        (1100, "ग्यारह सौ"),
        (1999, "उन्नीस सौ निन्यानबे"),
        (1857, "अठारह सौ सत्तावन"),
        (2000, "दो हज़ार"),
        (2024, "दो हज़ार चौबीस"),
        (2099, "दो हज़ार निन्यानबे"),
        (1066, "एक हज़ार छियासठ"),
    ],
)
def test_year(n: int, spoken: str) -> None:
    assert year(n) == spoken


@given(st.integers(min_value=1100, max_value=1999))
def test_year_by_hundreds(n: int) -> None:
    spoken = year(n)
    assert spoken.startswith(f"{cardinal(n // 100)} सौ")
    assert not HAS_DIGIT.search(spoken)
    assert spoken != cardinal(n)


@pytest.mark.parametrize(
    ("n", "suffix", "spoken"),
    [
        (1, "ला", "पहला"),
        (1, "ली", "पहली"),
        (1, "ले", "पहले"),
        (2, "री", "दूसरी"),
        (3, "रे", "तीसरे"),
        (4, "था", "चौथा"),
        (6, "ठी", "छठी"),
        (5, "वें", "पाँचवें"),
        (5, "वां", "पाँचवाँ"),
        (21, "वीं", "इक्कीसवीं"),
        (101, "वाँ", "एक सौ एकवाँ"),
        (6, "वें", "छठे"),
        (9, "वा", "नौवाँ"),
    ],
)
def test_ordinal(n: int, suffix: str, spoken: str) -> None:
    assert ordinal(n, suffix) == spoken


def test_ordinal_rejects_unknown_suffix() -> None:
    with pytest.raises(NormalizeError):
        ordinal(5, "st")


@given(st.integers(min_value=0, max_value=MAX), st.sampled_from(["वाँ", "वीं", "वें"]))
def test_ordinal_keeps_gender_and_case(n: int, suffix: str) -> None:
    spoken = ordinal(n, suffix)
    assert not HAS_DIGIT.search(spoken)
    assert spoken.rstrip("ँं").endswith(suffix.rstrip("ँं")[-1])
    assert spoken.startswith(cardinal(n)) or n in {1, 2, 3, 4, 6}


@pytest.mark.parametrize(
    ("s", "n"),
    [
        ("1,25,000", 125000),
        ("125,000", 125000),
        ("12,34,56,789", 123456789),
        ("123,456,789", 123456789),
        ("१,२५,०००", 125000),
        ("२०२४", 2024),
        ("0", 0),
    ],
)
def test_parse_number(s: str, n: int) -> None:
    assert parse_number(s) == n


@pytest.mark.parametrize("s", ["", "1,2", "12,3456", "1.5", "abc", "1,00,0"])
def test_parse_number_rejects(s: str) -> None:
    with pytest.raises(NormalizeError):
        parse_number(s)


@given(st.integers(min_value=0, max_value=MAX - 1))
def test_both_groupings_read_alike(n: int) -> None:
    western = f"{n:,}"
    head, tail = divmod(n, 1000)
    indian = f"{tail:03d}" if head else str(tail)
    while head:
        head, group = divmod(head, 100)
        indian = f"{group:02d},{indian}" if head else f"{group},{indian}"
    assert parse_number(western) == parse_number(indian) == n
    assert integer(western) == integer(indian) == cardinal(n)


def test_number_reads_decimals_digit_by_digit() -> None:
    assert number("3.14") == "तीन दशमलव एक चार"
    assert number("१०.०५") == "दस दशमलव शून्य पाँच"


# ------------------------------------------------------------------ data lint

DATA = resources.files("bulletin.normalize") / "data"
TABLES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".tsv"))


def fold(word: str) -> str:
    """Spelling variants of one word fold alike: पांच/पाँच, हजार/हज़ार."""
    return unicodedata.normalize("NFD", word).replace("\u093c", "").replace("ँ", "ं")


@pytest.mark.parametrize("name", TABLES)
def test_table_is_clean(name: str) -> None:
    text = (DATA / name).read_text("utf-8")
    assert text == unicodedata.normalize("NFC", text), "not NFC"
    keys = []
    for line in text.splitlines():
        columns = line.split("\t")
        assert len(columns) == 2, f"{line!r}: not two columns"
        assert all(c and c == c.strip() for c in columns), f"{line!r}: empty or padded"
        keys.append(columns[0])
    assert len(keys) == len(set(keys)), "duplicate keys"


def test_one_spelling_per_number_word() -> None:
    canonical = {fold(w): w for name in ("numbers", "scale") for w in load_table(name).values()}
    for name in TABLES:
        for line in (DATA / name).read_text("utf-8").splitlines():
            for word in line.split("\t")[1].split():
                expected = canonical.get(fold(word), word)
                assert word == expected, f"{name}: {word} is spelled {expected} elsewhere"


def test_numbers_table_covers_0_to_99() -> None:
    assert list(load_table("numbers")) == [str(n) for n in range(100)]
