"""Dimensions and multiples: `10x12` → दस बाई बारह, `4 × 4` → चार बाई चार,
`10 ft x 12 ft` → दस फीट बाई बारह फीट, `5x ज़ूम` → पाँच गुना ज़ूम.

An `x`, `X` or `×` between two numbers (a unit of the first may stand between) is बाई, as
sizes are said; glued after a number and before no letter or digit it is गुना (times as
much). A spaced `×` between any other terms is गुणा. The numbers and units are left for the
measure and number rules.

Runs before measure (which then reads `12 फीट`) and before the letter+number codes rule.
"""

import re

from ...charclasses import DEVANAGARI_LETTER_CHARS, DIGIT, DIGIT_CHARS, LATIN_CHARS
from ..data import alternation, load_table
from ..numbers import word
from ..rule import Rule
from ..settings import NormalizeSettings

_UNIT = alternation(k for k in load_table("units") if "." not in k)
_SIGN = re.compile("[xX×]")
_TIMES = re.compile(r"\s×\s")  # between any two terms it is the multiplication sign
_BY = re.compile(
    rf"(?=[{DIGIT_CHARS}])(?<![{LATIN_CHARS}])({DIGIT}(?:\s?{_UNIT}(?![{LATIN_CHARS}]))?)\s?[xX×]\s?(?={DIGIT})"
)
_FOLD = re.compile(
    rf"(?=[{DIGIT_CHARS}])(?<![{LATIN_CHARS}])({DIGIT})[x×](?![{LATIN_CHARS}{DIGIT_CHARS}{DEVANAGARI_LETTER_CHARS}])"
)


def dimensions(text: str, settings: NormalizeSettings) -> str:
    """`10x12` → `10 बाई 12`; `3x` → `3 गुना`; `a × b` → `a गुणा b`."""
    if not _SIGN.search(text):
        return text
    text = _BY.sub(rf"\1 {word('by')} ", text)
    text = _FOLD.sub(rf"\1 {word('fold')}", text)
    return _TIMES.sub(f" {word('times')} ", text) if "×" in text else text


RULES: tuple[Rule, ...] = (dimensions,)
