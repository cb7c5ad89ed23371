"""Fuzzing the normalizer: any text is normalized without an exception; digits never survive."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.normalize import Normalizer
from bulletin.normalize.settings import NormalizeSettings

FUZZ = settings(max_examples=4000, deadline=None, suppress_health_check=list(HealthCheck))
DIGITS_ONLY = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
ANY_DIGIT = re.compile(r"[0-9०-९]")

# Characters news copy is made of, plus the symbols the rules react to.
ALPHABET = st.sampled_from(
    list("सरकारनेआजकीदिल्लीमेंहुईडॉ़ािीुूेैोौंःँ्।॥")
    + list("0123456789०१२३४५६७८९")
    + list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    + list(" ,.-–—:;/+%₹$€£¥@&()[]\"'…|°\t\u200c\u200d\u00a0\u00ad")
)


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.load(NormalizeSettings())


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_any_text_normalizes(normalizer: Normalizer, text: str) -> None:
    result = normalizer.normalize(text)
    assert isinstance(result.text, str)
    for item in result.residue:
        assert item.token and item.line >= 1


@DIGITS_ONLY
@given(st.from_regex(r"[0-9०-९][0-9०-९,.:/\- ]{0,40}", fullmatch=True))
def test_digit_runs_leave_no_digit(normalizer: Normalizer, text: str) -> None:
    assert not ANY_DIGIT.search(normalizer.normalize(text).text)
