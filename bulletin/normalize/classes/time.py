"""Clock times: `10:00` → दस बजे, `4:15` → सवा चार, `4:30` → साढ़े चार, `1:30` → डेढ़,
`2:30` → ढाई, `4:45` → पौने पाँच, `4:20` → चार बजकर बीस मिनट.

Quarter words are for the 12-hour clock (1–12); 24-hour times (0, 13–23) are read as
written: `14:10` → चौदह बजकर दस मिनट, `14:30` → चौदह बजकर तीस मिनट. A following बजे is not
doubled; after सवा/साढ़े/पौने it is kept (`4:30 बजे` → साढ़े चार बजे). Hours above 23 or
minutes above 59 are not a time and are left to the other rules.

Runs before range and cardinal; no other number rule reads a colon.
"""

import re

from ..numbers import DIGIT, END, LETTER, START, cardinal, half, parse_number, word
from ..rule import Rule
from ..settings import NormalizeSettings

_OCLOCK = word("o'clock")
_TIME_RE = re.compile(
    rf"{START}({DIGIT}{{1,2}}):({DIGIT}{{2}}){END}(?!:{DIGIT})(\s*{_OCLOCK}(?!{LETTER}))?"
)


def _say(hour: int, minute: int) -> tuple[str, bool]:
    """The words for the time and whether a written बजे after it still belongs."""
    if minute == 0:
        return f"{cardinal(hour)} {_OCLOCK}", False
    if 1 <= hour <= 12 and minute == 15:
        return f"{word('and a quarter')} {cardinal(hour)}", True
    if 1 <= hour <= 12 and minute == 30:
        return half(hour), True
    if 1 <= hour <= 12 and minute == 45:
        return f"{word('quarter to')} {cardinal(hour % 12 + 1)}", True
    return f"{cardinal(hour)} {word('past')} {cardinal(minute)} {word('minutes')}", False


def clock_time(text: str, settings: NormalizeSettings) -> str:
    """`सुबह 10:30 बजे` → सुबह साढ़े दस बजे; `12:45` → पौने एक; `9:00 बजे` → नौ बजे."""

    def say(match: re.Match[str]) -> str:
        hour, minute = parse_number(match[1]), parse_number(match[2])
        if hour > 23 or minute > 59:
            return match[0]
        spoken, keeps_oclock = _say(hour, minute)
        return f"{spoken}{match[3]}" if match[3] and keeps_oclock else spoken

    return _TIME_RE.sub(say, text)


RULES: tuple[Rule, ...] = (clock_time,)
