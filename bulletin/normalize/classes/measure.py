"""Measures: a number and a unit, the unit said in full from `data/units.tsv`.

`5 km` → पाँच किलोमीटर; `10-12 किमी` → दस से बारह किलोमीटर; `2.5 kg` → दो दशमलव पाँच किलोग्राम;
`1/2 kg` → आधा किलोग्राम (a minus before the number is the sign rule's: `-5°C` → माइनस पाँच
डिग्री सेल्सियस). A unit only counts right after a number and when no
letter follows it, so a bare `m` or `g` elsewhere, `मीटर` or `5G` are left alone (units are
case-sensitive: `G` is not a unit). A dotted abbreviation (`कि.मी.`) keeps its final dot at the
end of the text, where it is also the full stop.

Runs before range and decimal (their spans are its amounts) and before the letter+number
codes rule (which would read `5 km` as a code).
"""

import re

from ...charclasses import DIGIT, LETTER
from ..data import load_table
from ..numbers import START, number
from ..rule import Rule
from ..settings import NormalizeSettings
from .decimal import FRACTION, say_fraction
from .range import SPAN, say_span

_UNITS = load_table("units")


def _unit_pattern(key: str) -> str:
    """A dotted abbreviation's final dot is kept at the end of the text (it is also the full
    stop); it may be left out after `कि.मी`, not after a one-piece `मि.` (`1ली` is no लीटर)."""
    if not key.endswith("."):
        return re.escape(key)
    dot = r"(?:\.(?!\s*$))?" if key.count(".") > 1 else r"(?:\.(?!\s*$)|(?=\.\s*$))"
    return re.escape(key[:-1]) + dot


_UNIT = "|".join(map(_unit_pattern, sorted(_UNITS, key=len, reverse=True)))
_MEASURE_RE = re.compile(
    rf"{START}(?:({FRACTION})|({SPAN}))(?!{DIGIT})\s?({_UNIT})(?!{LETTER})(?!{DIGIT})"
)


def measure(text: str, settings: NormalizeSettings) -> str:
    """`100 मी` → एक सौ मीटर; `80 km/h` → अस्सी किलोमीटर प्रति घंटा; `500 MW` → पाँच सौ मेगावाट."""

    def say(match: re.Match[str]) -> str:
        unit = _UNITS.get(match[3]) or _UNITS[match[3] + "."]
        amount = say_fraction(match[1]) if match[1] else say_span(match[2], number)
        return f"{amount} {unit}"

    return _MEASURE_RE.sub(say, text)


RULES: tuple[Rule, ...] = (measure,)
