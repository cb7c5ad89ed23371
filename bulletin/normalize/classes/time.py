"""Clock times: `10:00` → दस बजे, `4:15` → सवा चार, `4:30` → साढ़े चार, `1:30` → डेढ़,
`2:30` → ढाई, `4:45` → पौने पाँच, `4:20` → चार बजकर बीस मिनट.

Quarter words are for the 12-hour clock (1–12). Hour 0 is read बारह, as newsreaders say
midnight (`00:00` → बारह बजे, `0:45` → पौने एक); other 24-hour times (13–23) are read as
written: `14:10` → चौदह बजकर दस मिनट, `14:30` → चौदह बजकर तीस मिनट. A following बजे is not
doubled; after सवा/साढ़े/पौने it is kept (`4:30 बजे` → साढ़े चार बजे). Hours above 23 or
minutes above 59 are not a time and are left to the other rules.

Hindi copy also writes times with a dot (`सुबह 10.30 बजे`, `11.45 बजे`). A dot is the hour–minute
separator only when बजे follows or a part of the day (`data/day_parts.tsv`: सुबह, शाम, रात …)
comes before, and the minutes are two digits; otherwise `10.30` is a decimal (`3.14`).

A 12-hour time with AM/PM (`10 AM`, `10:30 p.m.`) is said with its part of the day instead:
AM 4–11 सुबह, 12–3 रात; PM 12–3 दोपहर, 4–6 शाम, 7–11 रात (`10:30 PM` → रात साढ़े दस बजे). A part
of the day written just before it is not said twice (`शाम 5 PM` → शाम पाँच बजे).

Runs before date, range, decimal and cardinal; no other number rule reads a colon. The AM/PM
rule runs before the lexicons, which would read `AM` as letters.
"""

import re

from ...charclasses import DIGIT, LETTER
from ..data import keys_pattern, load_table
from ..numbers import END, START, cardinal, half, parse_number, word
from ..rule import Rule
from ..settings import NormalizeSettings

_OCLOCK = word("o'clock")
_THEN_OCLOCK = rf"(\s*{_OCLOCK}(?!{LETTER}))?"
# `H:MM` or `H.MM`; a time is never followed by another `:MM`/`.DD` (`8.12.2024` is a date).
_TIME_RE = re.compile(
    rf"{START}({DIGIT}{{1,2}})([:.])({DIGIT}{{2}}){END}(?!\2{DIGIT}){_THEN_OCLOCK}"
)
_DIGIT_DOT = re.compile(rf"{DIGIT}\.")
_DAY_PART_BEFORE = re.compile(rf"(?<!{LETTER}){keys_pattern('day_parts')}\s\Z")
_DAY_PART_CHARS = max(map(len, load_table("day_parts"))) + 2


def _say(hour: int, minute: int) -> tuple[str, bool]:
    """The words for the time and whether a written बजे after it still belongs."""
    hour = hour or 12
    if minute == 0:
        return f"{cardinal(hour)} {_OCLOCK}", False
    if hour <= 12 and minute == 15:
        return f"{word('and a quarter')} {cardinal(hour)}", True
    if hour <= 12 and minute == 30:
        return half(hour), True
    if hour <= 12 and minute == 45:
        return f"{word('quarter to')} {cardinal(hour % 12 + 1)}", True
    return f"{cardinal(hour)} {word('past')} {cardinal(minute)} {word('minutes')}", False


def _say_time(written_hour: str, written_minute: str, oclock: str | None) -> str | None:
    """The reading of `H:MM` (with a written बजे after it), or None when it is no time."""
    hour, minute = parse_number(written_hour), parse_number(written_minute)
    if hour > 23 or minute > 59:
        return None
    spoken, keeps_oclock = _say(hour, minute)
    return f"{spoken}{oclock}" if oclock and keeps_oclock else spoken


def _is_dotted_time(match: re.Match[str]) -> bool:
    """`10.30` is a time with बजे after it or a part of the day before it, not after `8.`."""
    text, start = match.string, match.start()
    if start >= 2 and _DIGIT_DOT.match(text, start - 2):
        return False
    return bool(match[4] or _DAY_PART_BEFORE.search(text, max(0, start - _DAY_PART_CHARS), start))


_MERIDIEM_RE = re.compile(
    rf"(?:({keys_pattern('day_parts')})\s)?{START}({DIGIT}{{1,2}})(?:[:.]({DIGIT}{{2}}))?\s?"
    r"(?:([aA]\.?\s?[mM]\.?)|([pP]\.?\s?[mM]\.?))(?![A-Za-z])"
)


def _day_part(hour: int, afternoon: bool) -> str:
    if not afternoon:
        return word("night") if hour in (12, 1, 2, 3) else word("morning")
    if hour in (12, 1, 2, 3):
        return word("noon")
    return word("evening") if hour in (4, 5, 6) else word("night")


def meridiem(text: str, settings: NormalizeSettings) -> str:
    """`10 AM` → सुबह दस बजे; `10:30 p.m.` → रात साढ़े दस बजे; `शाम 5 PM` → शाम पाँच बजे."""
    if "m" not in text and "M" not in text:
        return text

    def say(match: re.Match[str]) -> str:
        hour, minute = parse_number(match[2]), parse_number(match[3] or "0")
        if not 1 <= hour <= 12 or minute > 59:
            return match[0]
        spoken, keeps_oclock = _say(hour, minute)
        if keeps_oclock:
            spoken = f"{spoken} {_OCLOCK}"
        return f"{match[1] or _day_part(hour, bool(match[5]))} {spoken}"

    return _MERIDIEM_RE.sub(say, text)


def clock_time(text: str, settings: NormalizeSettings) -> str:
    """`सुबह 10:30 बजे` → सुबह साढ़े दस बजे; `12:45` → पौने एक; `9:00 बजे` → नौ बजे;
    `सुबह 10.30` → सुबह साढ़े दस; `9.05 बजे` → नौ बजकर पाँच मिनट; `3.14` and `10.30` stay."""

    def say(match: re.Match[str]) -> str:
        if match[2] == "." and not _is_dotted_time(match):
            return match[0]
        return _say_time(match[1], match[3], match[4]) or match[0]

    return _TIME_RE.sub(say, text)


LATIN_RULES: tuple[Rule, ...] = (meridiem,)
"""Run before the lexicons: `AM`/`PM` are parts of the day, not letters."""

RULES: tuple[Rule, ...] = (clock_time,)
