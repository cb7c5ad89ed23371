"""Properties of the whole normalizer (hypothesis): speech text is a fixed point, and no digit
survives a number."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.normalize import Normalizer
from bulletin.normalize.settings import NormalizeSettings

NORMALIZER = Normalizer.load(NormalizeSettings())
ONCE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from([
    "भारत", "रूस", "ने", "कहा", "की", "है", "हु़ई", "डॉ.", "एस.", "जयशंकर", "प्रो.", "ई.", "ई.पू.",
    "CBI", "NASA", "S", "AK", "iPhone", "www.pib.gov.in", "help@isro.gov.in", "2+2", "+",
    "%", "₹", "Rs.", "$", "किमी", "km", "बजे", "दिसंबर", "सन", "वें", "वीं", "-", "–", "—",
    ".", "..", "…", ",", "।", "?", "!", "|", ":", ";", "(", ")", "\"", "'", "/", "&", "@", "*",
    "\u200d", "\u00a0", "\u00ad", "isro", "gov", "in", ".com", "U.S.", "A.", "क.", "जी.", "No.",
    "vs", "5G", "COVID-19", "x", "Make in India", "LoC", "_", "#", "=", "\n",
])
NUMBERS = st.one_of(
    st.integers(0, 10**13).map(str),
    st.integers(0, 10**6).map(lambda n: f"{n:,}"),
    st.from_regex(r"[0-9०-९]{1,4}([.:/-][0-9०-९]{1,4}){0,2}", fullmatch=True),
)
TEXT = st.lists(st.one_of(PIECES, NUMBERS), max_size=25).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " "]), min_size=len(parts), max_size=len(parts))
    .map(lambda gaps: "".join(p + g for p, g in zip(parts, gaps, strict=True)))
)


def speak(text: str) -> str:
    return NORMALIZER.normalize(text).text


@ONCE
@given(TEXT)
def test_normalizing_speech_text_changes_nothing(text: str) -> None:
    once = speak(text)
    assert speak(once) == once


@ONCE
@given(st.from_regex(r"[0-9०-९]{1,30}", fullmatch=True))
def test_digit_only_input_comes_out_without_digits(digits: str) -> None:
    spoken = speak(digits)
    assert spoken
    assert not any(c.isdigit() for c in spoken)
    assert NORMALIZER.normalize(digits).residue == ()


@ONCE
@given(st.lists(NUMBERS, min_size=1, max_size=6))
def test_numbers_between_words_leave_no_digit(numbers: list[str]) -> None:
    spoken = speak(" और ".join(numbers) + " लोग")
    assert not any(c.isdigit() for c in spoken), spoken


@pytest.mark.parametrize("text", ["", " ", "\n", "।", "...", "–", "()"])
def test_blank_and_bare_marks(text: str) -> None:
    assert speak(text).strip("\n") == ""
