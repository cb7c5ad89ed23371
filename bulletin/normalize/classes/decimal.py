"""Percent, decimals and fractions: `4%` → चार प्रतिशत, `3.14` → तीन दशमलव एक चार,
`3/4` → तीन बटा चार, `2 2/7` → दो और दो बटा सात, `3 1/2` → साढ़े तीन.

Digits after the point are read one by one. With `colloquial_halves` on, a half before a scale
word or `%` is said the way people say it: `2.5 लाख` → ढाई लाख, `4.5%` → साढ़े चार प्रतिशत.
A `.` is a decimal point only between digits, so `है.` stays a full stop.

Runs after money, measure and date (`₹42.50`, `2.5 km`, `8.2.2024` are theirs); percent takes
`10-12%` whole, so range skips spans before `%`. Fractions run after dates (`1/2/2024`);
the measure rule reads a fraction before a unit (`1/2 kg`, `2 1/2 ft`) with `say_fraction`.

A mixed fraction (a whole number, a space, a fraction smaller than one) is said with और:
`2 2/7` → दो और दो बटा सात, `1 1/3` → एक और एक तिहाई; halves and quarters are said the way
the glyphs are (`2½`, `1¾`): `3 1/2` साढ़े तीन, `1 1/2` डेढ़, `3 1/4` सवा तीन, `3 3/4` पौने चार.
"""

import re

from ...charclasses import DIGIT, LETTER
from ...errors import NormalizeError
from ..data import keys_pattern, load_table
from ..numbers import (
    END,
    INTEGER,
    START,
    amount,
    cardinal,
    half,
    number,
    parse_number,
    word,
)
from ..rule import Rule
from ..settings import NormalizeSettings
from .range import SPAN, say_span

_PERCENT_RE = re.compile(rf"{START}({SPAN})\s?%")
_DECIMAL_RE = re.compile(
    rf"{START}(?<!{DIGIT}\.)({INTEGER}\.{DIGIT}+){END}(?!\.{DIGIT})(?!\s?%)"
    rf"(?=(\s+{keys_pattern('scale_words')}(?!{LETTER}))?)"
)
_FRACTIONS = load_table("fractions")
FRACTION = rf"(?:{DIGIT}{{1,3}} )?{DIGIT}+/{DIGIT}+"
"""A fraction as written, perhaps after a whole number: `3/4`, `2 2/7`."""
_FRACTION_RE = re.compile(
    rf"{START}(?<!{DIGIT}/)(?:({DIGIT}{{1,3}}) )?({DIGIT}+)/({DIGIT}+){END}(?!/{DIGIT})"
)
_PARTS_RE = re.compile(rf"(?:({DIGIT}+) )?({DIGIT}+)/({DIGIT}+)")
# A whole number glued to a vulgar fraction: 2½ ढाई, 1¼ सवा एक, 1¾ पौने दो.
_MIXED_RE = re.compile(rf"{START}({DIGIT}{{1,2}})([½¼¾])")
_VULGAR_RE = re.compile(f"(?<!{DIGIT})[{''.join(k for k in _FRACTIONS if len(k) == 1)}]")


def percent(text: str, settings: NormalizeSettings) -> str:
    """`50%` → पचास प्रतिशत; `10-12%` → दस से बारह प्रतिशत; `4.5%` → चार दशमलव पाँच प्रतिशत."""

    def say(match: re.Match[str]) -> str:
        spoken = say_span(match[1], lambda w: amount(w, colloquial=settings.colloquial_halves))
        return f"{spoken} {settings.percent_word}"

    return _PERCENT_RE.sub(say, text)


def decimal_number(text: str, settings: NormalizeSettings) -> str:
    """`3.14` → तीन दशमलव एक चार; `0.05` → शून्य दशमलव शून्य पाँच; `2.5 लाख` → ढाई लाख (colloquial)."""

    def say(match: re.Match[str]) -> str:
        return amount(match[1], colloquial=settings.colloquial_halves and bool(match[2]))

    return _DECIMAL_RE.sub(say, text)


def _quarters(whole: int, quarters: int) -> str:
    """`whole` and 1, 2 or 3 quarters: सवा तीन, साढ़े तीन, पौने चार."""
    if quarters == 2:
        return half(whole)
    if quarters == 1:
        return f"{word('and a quarter')} {cardinal(whole)}"
    return f"{word('quarter to')} {cardinal(whole + 1)}"


def _say_parts(whole: str | None, top: str, bottom: str) -> str:
    numerator, denominator = parse_number(top), parse_number(bottom)
    plain = f"{numerator}/{denominator}"
    spoken = _FRACTIONS.get(plain) or f"{number(top)} {word('over')} {number(bottom)}"
    if whole is None:
        return spoken
    if 0 < numerator < denominator and denominator in (2, 4):
        return _quarters(parse_number(whole), numerator * 4 // denominator)
    return f"{number(whole)} {word('and')} {spoken}"


def say_fraction(written: str) -> str:
    """`3/4` → तीन बटा चार; `2 2/7` → दो और दो बटा सात; `3 1/2` → साढ़े तीन."""
    match = _PARTS_RE.fullmatch(written)
    if not match:
        raise NormalizeError(f"{written!r} is not a written fraction (`3/4`, `2 2/7`)")
    return _say_parts(*match.groups())


def fraction(text: str, settings: NormalizeSettings) -> str:
    """`1/2` → आधा; `1/4` → एक चौथाई; `3/4` → तीन बटा चार; `2½` → ढाई; `½` → आधा;
    `2 2/7` → दो और दो बटा सात."""

    def say_mixed(match: re.Match[str]) -> str:
        return _quarters(parse_number(match[1]), {"¼": 1, "½": 2, "¾": 3}[match[2]])

    text = _MIXED_RE.sub(say_mixed, text)
    text = _VULGAR_RE.sub(lambda m: _FRACTIONS[m[0]], text)
    return _FRACTION_RE.sub(lambda m: _say_parts(*m.groups()), text)


RULES: tuple[Rule, ...] = (percent, decimal_number, fraction)
