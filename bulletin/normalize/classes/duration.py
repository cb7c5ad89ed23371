"""Times with seconds and race times: `12:10:10` → बारह बजकर दस मिनट दस सेकंड,
`समय 2:08:15` → दो घंटे आठ मिनट पंद्रह सेकंड, `1:42.57` → एक मिनट बयालीस दशमलव पाँच सात सेकंड.

`H:MM:SS` is a clock time (बजकर … मिनट … सेकंड) unless it is a duration: hours above 23, a
duration word a few words before it (`data/duration_words.tsv`: समय, रिकॉर्ड, मैराथन …) or
`में` right after it (`2:05:30 में पूरी की`). A duration says घंटे/मिनट/सेकंड and leaves out
zero parts; one hour is एक घंटा. `M:SS.f` (a decimal on the seconds) is always a race time.

Runs before the clock-time rule, which would read `12:10` and leave `:10`.
"""

import re

from ...charclasses import DIGIT, LETTER
from ..data import load_table
from ..numbers import END, START, cardinal, digits, parse_number, word
from ..rule import Rule
from ..settings import NormalizeSettings

_OCLOCK = word("o'clock")
_HMS = re.compile(
    rf"{START}({DIGIT}{{1,3}}):({DIGIT}{{2}}):({DIGIT}{{2}})(?:\.({DIGIT}{{1,3}}))?{END}"
    rf"(\s*{_OCLOCK}(?!{LETTER}))?"
)
_RACE = re.compile(rf"{START}({DIGIT}{{1,2}}):({DIGIT}{{2}})\.({DIGIT}{{1,3}}){END}")
_DURATION_WORDS = frozenset(load_table("duration_words"))
_IN_AHEAD = re.compile(rf"\s*में(?!{LETTER})")
_NEAR = 4  # words before the time where a duration word counts
_WINDOW = 60


def _seconds(whole: str, fraction: str | None) -> str:
    spoken = cardinal(parse_number(whole))
    return f"{spoken} {word('point')} {digits(fraction)}" if fraction else spoken


def _is_duration(match: re.Match[str], hours: int) -> bool:
    if hours > 23 or _IN_AHEAD.match(match.string, match.end()):
        return True
    before = match.string[max(0, match.start() - _WINDOW) : match.start()].split()[-_NEAR:]
    return any(w.strip(",:;-") in _DURATION_WORDS for w in before)


def _duration(hours: int, minutes: int, seconds: str) -> str:
    parts = []
    if hours:
        parts.append(f"{cardinal(hours)} {word('hour') if hours == 1 else word('hours')}")
    if minutes:
        parts.append(f"{cardinal(minutes)} {word('minutes')}")
    return " ".join([*parts, f"{seconds} {word('second')}"])


def times_with_seconds(text: str, settings: NormalizeSettings) -> str:
    """`3:18:43` → तीन बजकर अठारह मिनट तैंतालीस सेकंड; `मैराथन 2:08:15` → दो घंटे आठ मिनट
    पंद्रह सेकंड; `1:42.57` → एक मिनट बयालीस दशमलव पाँच सात सेकंड."""

    if ":" not in text:
        return text

    def say(match: re.Match[str]) -> str:
        hours, minutes = parse_number(match[1]), parse_number(match[2])
        if minutes > 59 or parse_number(match[3]) > 59:
            return match[0]
        seconds = _seconds(match[3], match[4])
        if not match[5] and _is_duration(match, hours):
            return _duration(hours, minutes, seconds)
        hour = cardinal(hours or 12)
        if not minutes and seconds == cardinal(0):
            return f"{hour} {_OCLOCK}"
        minute = f"{cardinal(minutes)} {word('minutes')}"
        return f"{hour} {word('past')} {minute} {seconds} {word('second')}"

    def race(match: re.Match[str]) -> str:
        if parse_number(match[2]) > 59:
            return match[0]
        return _duration(0, parse_number(match[1]), _seconds(match[2], match[3]))

    return _RACE.sub(race, _HMS.sub(say, text))


RULES: tuple[Rule, ...] = (times_with_seconds,)
