"""`clauses`: speech text cut where a newsreader breathes, never inside a spoken number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.errors import NormalizeError
from bulletin.normalize.clauses import clauses, number_words


def cut(text: str, target: int = 60, max_chars: int = 100) -> list[str]:
    return clauses(text, target=target, max_chars=max_chars)


def test_short_text_is_one_piece():
    assert cut("बैंक की अगली बैठक दो महीने बाद होगी।") == ["बैंक की अगली बैठक दो महीने बाद होगी।"]


def test_empty_text_has_no_pieces():
    assert cut("   ") == []


def test_sentences_then_commas_come_first():
    text = ("प्रधानमंत्री ने आज संसद में बजट पेश किया। उन्होंने कहा, सरकार गरीबों के लिए काम करती रहेगी, "
            "चाहे कुछ भी हो।")
    assert cut(text, target=40) == [
        "प्रधानमंत्री ने आज संसद में बजट पेश किया।",
        "उन्होंने कहा,",
        "सरकार गरीबों के लिए काम करती रहेगी,",
        "चाहे कुछ भी हो।",
    ]


@pytest.mark.parametrize("conjunction", ["और", "लेकिन", "कि", "तथा", "क्योंकि", "जबकि"])
def test_a_long_clause_is_cut_before_its_conjunction(conjunction):
    text = (f"राज्य सरकार ने बाढ़ प्रभावित जिलों में राहत शिविर खोल दिए हैं {conjunction} "
            "केंद्र से अतिरिक्त सहायता की मांग भी की है")
    pieces = cut(text)
    assert pieces == [text[: text.index(f" {conjunction} ")],
                      text[text.index(f" {conjunction} ") + 1:]]


def test_nearby_short_clauses_are_packed_together():
    assert cut("हाँ, नहीं, शायद।", target=60) == ["हाँ, नहीं, शायद।"]
    assert cut("राम और श्याम आए", target=60) == ["राम और श्याम आए"]  # short: not cut at all


def test_a_clause_with_no_boundary_stays_whole_below_the_limit():
    text = "भारतीय अंतरिक्ष अनुसंधान संगठन के वैज्ञानिकों की टीम अगले महीने चंद्रमा पर नया यान भेजेगी"
    assert 60 < len(text) <= 100
    assert cut(text) == [text]


def test_spaces_are_the_last_resort_and_never_split_a_number():
    number = "दो लाख पचास हज़ार तीन सौ बीस"
    text = f"इस वर्ष राज्य के सरकारी अस्पतालों में कुल {number} मरीजों का मुफ़्त इलाज किया गया था"
    for limit in range(40, 100, 3):
        pieces = cut(text, target=min(40, limit), max_chars=limit)
        assert all(len(p) <= limit for p in pieces if number not in p)
        assert any(number in p for p in pieces), (limit, pieces)


def test_a_decimal_and_a_half_stay_with_their_number():
    text = "सेंसेक्स आज एक दशमलव पाँच प्रतिशत चढ़ा जबकि निफ्टी साढ़े तीन सौ अंक ऊपर बंद हुआ था"
    pieces = cut(text, target=20, max_chars=30)
    joined = " | ".join(pieces)
    assert "एक दशमलव पाँच" in joined and "साढ़े तीन सौ" in joined


def test_number_words_come_from_the_normalizer_tables():
    words = number_words()
    assert {"शून्य", "बीस", "सौ", "हज़ार", "लाख", "करोड़", "दशमलव", "साढ़े", "ढाई"} <= words
    assert "और" not in words and "कि" not in words


def test_bad_target_is_an_error():
    with pytest.raises(NormalizeError):
        cut("कुछ", target=0)
    with pytest.raises(NormalizeError):
        cut("कुछ", target=120, max_chars=100)


WORDS = st.sampled_from(["सरकार", "ने", "कहा", "और", "कि", "लेकिन", "दो", "लाख", "पचास", "हज़ार",
                         "किसानों", "के", "लिए,", "योजना।", "तथा", "बहुत", "लंबा", "शब्दसमूह"])


@given(st.lists(WORDS, min_size=1, max_size=60), st.integers(10, 60))
def test_pieces_keep_every_word_in_order_within_the_limit(words, target):
    text = " ".join(words)
    pieces = cut(text, target=target, max_chars=target + 20)
    assert " ".join(pieces).split() == words
    numbers = number_words()
    for piece in pieces:
        if len(piece) > target + 20:  # only a single number run may exceed the limit
            assert all(w in numbers for w in piece.split()) or " " not in piece
