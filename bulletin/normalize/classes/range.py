"""Ranges and scores: `10-12` → दस से बारह, `3-1` → तीन-एक.

A hyphen between two numbers is a range when the first is smaller, else a score or pair.
`SPAN` and `say_span` are shared with money, measures, percent and dates, which read
`₹10-12 लाख`, `10-12 किमी`, `10-12%` and `10-12 जून` whole.

Runs after money, measure, time, date (`8-2-2024`, `2024-25`) and telephone (`98765-43210`),
which own their hyphens; before decimal and cardinal. A span before `%` is left for percent.
"""

import re
from collections.abc import Callable
from decimal import Decimal

from ...charclasses import DIGIT
from ..numbers import END, NUMBER, START, ascii_digits, number, word
from ..rule import Rule
from ..settings import NormalizeSettings

DASH = "[-–]"
SPAN = rf"{NUMBER}(?:{DASH}{NUMBER})?"
DASH_RE = re.compile(DASH)
_RANGE_RE = re.compile(
    rf"{START}(?<!{DIGIT}{DASH})({NUMBER}{DASH}{NUMBER}){END}(?!{DASH}{DIGIT})(?!\s?%)"
)


def value_of(written: str) -> Decimal:
    """The value of a written number (`1,500.5`), to compare the ends of a range."""
    return Decimal(ascii_digits(written).replace(",", ""))


def say_span(written: str, speak: Callable[[str], str] = number) -> str:
    """A number or `a-b`, each end said by `speak`: `10-12` → दस से बारह, `3-1` → तीन-एक."""
    ends = DASH_RE.split(written)
    if len(ends) == 1:
        return speak(written)
    first, last = ends
    joiner = f" {word('to')} " if value_of(first) < value_of(last) else "-"
    return f"{speak(first)}{joiner}{speak(last)}"


def number_range(text: str, settings: NormalizeSettings) -> str:
    """`10-12 जून` → दस से बारह जून; `3-1 से जीत` → तीन-एक से जीत; `2-2` → दो-दो."""
    return _RANGE_RE.sub(lambda m: say_span(m[1]), text)


RULES: tuple[Rule, ...] = (number_range,)
