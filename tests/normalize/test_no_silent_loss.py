"""No silent loss: every character of the input is spoken, or silent by the documented list,
or named in the residue report — for any news-like input (hypothesis).

A symbol that carries meaning (`% ₹ $ € ~ # & + × ± ° = @ −` …) must lead to one of its
spoken words (`READINGS`, from the normalizer's own tables) or appear in a residue token.
Pause marks, separators (`. , : ; - / …`), quotes, brackets and the marks on
`punctuation.SILENT` may go without a word: that is the documented silent list.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.normalize import Normalizer
from bulletin.normalize.classes.punctuation import SILENT
from bulletin.normalize.data import load_table
from bulletin.normalize.numbers import word
from bulletin.normalize.settings import NormalizeSettings

SEPARATORS = " \n.,:;-–—/|।॥?!"
_CURRENCIES = load_table("currencies")
_SUBUNITS = load_table("subunits")
_SINGULAR = load_table("singular")


def _readings() -> dict[str, set[str]]:
    readings: dict[str, set[str]] = {
        "%": {"प्रतिशत"},
        "~": {word("about"), word("to")},
        "#": {word("number"), "हैशटैग"},
        "&": {"और", "एंड"},
        "+": {word("plus")},
        "−": {word("minus")},
        "×": {word("by"), word("times"), word("fold")},
        "±": {word("plus or minus")},
        "°": {"डिग्री"},
        "=": {word("equals")},
        "÷": {word("divided by")},
        "@": {"एट"},
        "^": {"वर्ग", "घन", "घात"},
        "<": {"कम"},
        ">": {"अधिक"},
    }
    for key, spoken in _CURRENCIES.items():
        if len(key) == 1 and not key.isalnum():
            words = {spoken.split()[-1], *_SUBUNITS.get(spoken, "").split()} - {""}
            readings[key] = words | {_SINGULAR[w] for w in words if w in _SINGULAR}
    return readings


READINGS = _readings()
MEANINGFUL = "".join(READINGS) + "§\\"

WORDS = ["सरकार", "ने", "कहा", "दर", "रही", "लाख", "करोड़", "किमी", "कीमत", "में", "पिनकोड",
         "तापमान", "डिग्री", "फ़ोन", "नंबर", "साल", "जून", "प्रति", "टन", "हेल्पलाइन", "के"]
NUMBERS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.sampled_from(["1,25,000", "10-12", "3/4", "2 1/2", "15-08-1947", "10:30", "1:58:07",
                     "98765 43210", "10.1.2.3", "4x4", "१२३", "२.५"]),
)
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    NUMBERS,
    st.sampled_from(list(MEANINGFUL) + list(SEPARATORS) + list(SILENT[:12])),
    st.sampled_from(["CBI", "UP 32 AB 5678", "डॉ.", "म.प्र.", "पृ.", "रु.", "Rs.", "USD"]),
)
TEXT = st.lists(TOKENS, max_size=14).flatmap(
    lambda tokens: st.lists(st.sampled_from(["", " "]), min_size=len(tokens), max_size=len(tokens))
    .map(lambda gaps: "".join(t + g for t, g in zip(tokens, gaps, strict=True)))
)
PROPERTY = settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.load(NormalizeSettings())


def lost(normalizer: Normalizer, text: str) -> list[str]:
    """The meaningful characters of `text` that are neither spoken nor in the residue."""
    result = normalizer.normalize(text)
    kept = "".join(r.token for r in result.residue)
    return [
        c for c in dict.fromkeys(text)
        if c in MEANINGFUL and c not in kept
        and not any(w in result.text for w in READINGS.get(c, ()))
    ]


@PROPERTY
@given(TEXT)
def test_no_meaningful_character_is_dropped_silently(normalizer: Normalizer, text: str) -> None:
    assert lost(normalizer, text) == []


@pytest.mark.parametrize(
    "text",
    ["महंगाई दर -1.2% रही", "लागत % में", "₺500 और ₩1000", "शुल्क < सीमा", "±2%", "~5 किमी",
     "#1 खिलाड़ी", "स्कोर ^ था", "$ अकेला", "20 °", "−7", "50¢"],
)
def test_examples_keep_their_meaning(normalizer: Normalizer, text: str) -> None:
    assert lost(normalizer, text) == []


def test_the_silent_list_is_silent(normalizer: Normalizer) -> None:
    result = normalizer.normalize("• सूचना* ब्रांड™ (नई) “दिल्ली”")
    assert result.text == "सूचना ब्रांड नई दिल्ली"
    assert result.residue == ()
