"""Per-unit prices and rates: `₹3,100/टन` → तीन हज़ार एक सौ रुपये प्रति टन,
`₹50/kg` → पचास रुपये प्रति किलोग्राम, `40 रुपये/लीटर` → चालीस रुपये प्रति लीटर.

A `/` after an amount (a number, or a number and its scale word, currency word or unit)
and before a unit or a word is प्रति; a unit after it is said in full (`data/units.tsv`).
A written unit with a slash of its own (`km/h`) is the measure rule's. `₹500/-` ("only")
drops its `/-`, which is not read.

Runs before money and measure, which then read the amount before प्रति.
"""

import functools
import re

from ...charclasses import DEVANAGARI_LETTER_CHARS, DIGIT, DIGIT_CHARS, LATIN_CHARS, LETTER
from ..data import alternation, keys_pattern, load_table
from ..numbers import word
from ..rule import Rule
from ..settings import NormalizeSettings
from .range import SPAN

_UNITS = load_table("units")
_AMOUNT_WORDS = alternation(
    {
        *(w for pair in load_table("scale_words").items() for w in pair),
        *load_table("currencies").values(),
        *(w for pair in _UNITS.items() for w in pair),
    }
)
_PER_WORD = (
    rf"(?:{keys_pattern('units')}(?!{LETTER})|[{DEVANAGARI_LETTER_CHARS}]+|[{LATIN_CHARS}]+)"
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The amount/word, amount/counted-unit and `/-` patterns, compiled on the first text with
    a slash: they cost ~9 ms to compile, and most articles have no slash at all."""
    per = re.compile(
        rf"(?=[{DIGIT_CHARS}])({DIGIT}(?:\s?({_AMOUNT_WORDS})(?!{LETTER}))?)\s?/\s?"
        rf"({_PER_WORD})"
    )
    # A counted unit after the slash (`₹72,500/10 ग्राम`) only after money or an amount word:
    # after a bare number it is a fraction (`1/10 ग्राम`).
    counted = re.compile(
        rf"((?:{keys_pattern('currencies')})\s?{SPAN}|{DIGIT}\s?(?:{_AMOUNT_WORDS})(?!{LETTER}))"
        rf"\s?/\s?({DIGIT}+\s?{_PER_WORD})"
    )
    only = re.compile(rf"(?<={DIGIT})/-(?!{DIGIT})")
    return per, counted, only


def per_unit(text: str, settings: NormalizeSettings) -> str:
    """`₹3,100/टन` → `₹3,100 प्रति टन`; `5 km/h` stays for the measure rule."""
    if "/" not in text:
        return text
    per, counted, only = _patterns()

    def say(match: re.Match[str]) -> str:
        if f"{match[2]}/{match[3]}" in _UNITS:
            return match[0]
        return f"{match[1]} {word('per')} {_UNITS.get(match[3], match[3])}"

    text = counted.sub(rf"\1 {word('per')} \2", only.sub("", text))
    return per.sub(say, text)


RULES: tuple[Rule, ...] = (per_unit,)
