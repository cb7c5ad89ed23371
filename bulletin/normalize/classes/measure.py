"""Measures: a number and a unit, the unit said in full from `data/units.tsv`.

`5 km` → पाँच किलोमीटर; `10-12 किमी` → दस से बारह किलोमीटर; `2.5 kg` → दो दशमलव पाँच किलोग्राम;
`-5°C` → माइनस पाँच डिग्री सेल्सियस. A unit only counts right after a number and when no
letter follows it, so a bare `m` or `g` elsewhere, `मीटर` or `5G` are left alone (units are
case-sensitive: `G` is not a unit). A dotted abbreviation (`कि.मी.`) keeps its final dot at the
end of the text, where it is also the full stop.

Runs before range and decimal (their spans are its amounts) and before the letter+number
codes rule (which would read `5 km` as a code).
"""

import re

from ...charclasses import DIGIT, LETTER
from ..data import load_table
from ..numbers import START, number, word
from ..rule import Rule
from ..settings import NormalizeSettings
from .range import SPAN, say_span

_UNITS = load_table("units")
# Longest first; a dotted abbreviation's final dot is optional and kept at the end of the text.
_UNIT = "|".join(
    re.escape(k[:-1]) + r"(?:\.(?!\s*$))?" if k.endswith(".") else re.escape(k)
    for k in sorted(_UNITS, key=len, reverse=True)
)
_MEASURE_RE = re.compile(
    rf"{START}(?:(?<!{LETTER})(?<!{DIGIT}\s)([-−])(?={DIGIT}))?"
    rf"({SPAN})(?!{DIGIT})\s?({_UNIT})(?!{LETTER})(?!{DIGIT})"
)


def measure(text: str, settings: NormalizeSettings) -> str:
    """`100 मी` → एक सौ मीटर; `80 km/h` → अस्सी किलोमीटर प्रति घंटा; `500 MW` → पाँच सौ मेगावाट."""

    def say(match: re.Match[str]) -> str:
        unit = _UNITS.get(match[3]) or _UNITS[match[3] + "."]
        minus = f"{word('minus')} " if match[1] else ""
        return f"{minus}{say_span(match[2], number)} {unit}"

    return _MEASURE_RE.sub(say, text)


RULES: tuple[Rule, ...] = (measure,)
