"""split_sentences on written Hindi, and chunk on speech text for length-limited engines."""

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.errors import NormalizeError
from bulletin.normalize import chunk, split_sentences

from .casetable import rows

SENTENCE_TABLES = ("sentences", "sentences_abbreviation")


@pytest.mark.parametrize("case", [p.values for t in SENTENCE_TABLES for p in rows(t)],
                         ids=[p.id for t in SENTENCE_TABLES for p in rows(t)])
def test_sentence_table(case: tuple[str, ...]) -> None:
    written, *sentences = case
    assert split_sentences(written) == sentences


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "। । ?", "..."])
def test_no_words_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_line_breaks_end_sentences() -> None:
    assert split_sentences("शीर्षक\nपहला वाक्य. दूसरा") == ["शीर्षक", "पहला वाक्य.", "दूसरा"]


def test_no_words_are_lost() -> None:
    text = "डॉ.एस.जयशंकर ने कहा..इस पर 3.14 प्रतिशत.क्योंकि www.pib.gov.in पर? हाँ!"
    assert "".join(split_sentences(text)).replace(" ", "") == text.replace(" ", "")


# ---------------------------------------------------------------- chunk

SPEECH = "पहला वाक्य छोटा है। दूसरे वाक्य में, एक अल्पविराम है। तीसरा?"


def test_short_text_is_one_chunk() -> None:
    assert chunk(SPEECH, 500) == [SPEECH]


def test_empty_text_has_no_chunks() -> None:
    assert chunk("  ", 10) == []


def test_sentence_ends_first() -> None:
    assert chunk(SPEECH, 40) == [
        "पहला वाक्य छोटा है।",
        "दूसरे वाक्य में, एक अल्पविराम है। तीसरा?",
    ]


def test_then_commas() -> None:
    assert chunk("दूसरे वाक्य में, एक अल्पविराम है और आगे भी बहुत है।", 30) == [
        "दूसरे वाक्य में,",
        "एक अल्पविराम है और आगे भी बहुत",
        "है।",
    ]


def test_then_spaces_never_inside_a_word() -> None:
    pieces = chunk("एक दो तीन चार पाँच छह सात आठ नौ दस", 12)
    assert pieces == ["एक दो तीन", "चार पाँच छह", "सात आठ नौ दस"]


def test_a_word_longer_than_the_limit_is_its_own_chunk() -> None:
    assert chunk("क ख अंतरराष्ट्रीयकरण ग", 6) == ["क ख", "अंतरराष्ट्रीयकरण", "ग"]


def test_limit_must_be_positive() -> None:
    with pytest.raises(NormalizeError, match="at least one character"):
        chunk("क", 0)


def test_huge_paragraph_without_punctuation() -> None:
    words = ["शब्द", "लंबाशब्द", "क", "अंतरराष्ट्रीय"] * 1500
    text = " ".join(words)
    assert len(text) > 20_000
    pieces = chunk(text, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces).split() == words
    assert all(len(a) + 1 + len(b.split()[0]) > 100 for a, b in pairwise(pieces))  # packed


WORD = st.text(alphabet="कखगमनरसािीुे", min_size=1, max_size=12)
MARK = st.sampled_from(["", "", "", ",", "।", "?", "!"])


@given(st.lists(st.tuples(WORD, MARK), min_size=1, max_size=80), st.integers(5, 120))
def test_chunks_keep_every_word_and_fit(words: list[tuple[str, str]], limit: int) -> None:
    text = " ".join(w + m for w, m in words)
    pieces = chunk(text, limit)
    assert " ".join(pieces).split() == text.split()
    assert all(len(p) <= limit or " " not in p for p in pieces)
