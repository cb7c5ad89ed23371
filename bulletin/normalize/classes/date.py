"""Dates and years: `6 दिसंबर` → छह दिसंबर, `08/02/2024` → आठ फ़रवरी दो हज़ार चौबीस,
`सन 1947` → सन उन्नीस सौ सैंतालीस, `2024-25` → दो हज़ार चौबीस-पच्चीस.

A 4-digit year is read year-style (`numbers.year`) only in a date context: after a month,
after सन/साल/वर्ष/ईसवी/ईसा पूर्व, before ई./ईसवी/में/का/की/के/से/तक, or as a span
(`2024-25`, `1990-1995`); elsewhere it is a cardinal. Numeric dates are day-month-year
(`15-08-1947`, `15.08.1947`, `15/08/1947`); a first number up to 12 before a second above 12
is the American month-day order, still said day first (`10/29/2024` → उनतीस अक्टूबर …);
`2024-02-08` (ISO, year first) and a month with its year (`03/2024`, `03-2024` → मार्च दो
हज़ार चौबीस) are dates too.
Devanagari month names pass through as written; Latin ones (`6 December`) are said in Hindi
from the shared `bulletin/data/months.tsv`. Era marks next to a year (`1947 ई.`, `ई.पू. 1200`)
the abbreviation rules have already expanded to ईसवी / ईसा पूर्व, which mark a year on
either side.

Runs before range (`10-12 जून`, `2024-25`, `8-2-2024`), decimal (`8.2.2024`), fraction
(`8/2/2024`) and cardinal (`सन 1947`, `06 दिसंबर`).
"""

import re

from ...charclasses import DIGIT, LATIN_CHARS, LETTER
from ...months import month_names
from ..data import alternation
from ..numbers import END, START, cardinal, parse_number, word, year
from ..rule import Rule
from ..settings import NormalizeSettings

_MONTHS = month_names()
_MONTH = rf"(?<![{LATIN_CHARS}]){alternation(k for k in _MONTHS if not k.isdigit())}(?!{LETTER})"
_YEAR = rf"[12१२]{DIGIT}{{3}}"
_NUMERIC_DATE_RE = re.compile(
    rf"{START}({DIGIT}{{1,2}})([/.-])({DIGIT}{{1,2}})\2({DIGIT}{{4}}){END}(?![/.-]{DIGIT})"
)
_ISO_DATE_RE = re.compile(
    rf"{START}({_YEAR})([-/])({DIGIT}{{2}})\2({DIGIT}{{2}}){END}(?![/.-]{DIGIT})"
)
_MONTH_YEAR_RE = re.compile(
    rf"{START}(?<![/.-])({DIGIT}{{1,2}})[/-]({_YEAR}){END}(?![/.-]{DIGIT})"
)
_YEAR_SPAN_RE = re.compile(
    rf"{START}({_YEAR})[-–]({DIGIT}{{2}}(?:{DIGIT}{{2}})?){END}(?![-–/.]{DIGIT})"
)
_DAY_MONTH_RE = re.compile(
    rf"{START}({DIGIT}{{1,2}})(?:[-–]({DIGIT}{{1,2}}))?{END}\s+({_MONTH})(?:(,?\s+)({_YEAR}){END})?"
)
_YEAR_AFTER_RE = re.compile(
    rf"(?<!{LETTER})(सन्|सन|साल|वर्ष|ईसवी|ईस्वी|ईसा पूर्व|{_MONTH})(\s+)({_YEAR}){END}"
)
_YEAR_BEFORE_RE = re.compile(
    rf"{START}({_YEAR}){END}(?=\s*(?:ई\.|(?:ईस्वी|ईसवी|ईसा|में|का|की|के|से|तक)(?!{LETTER})))"
)


def _month(written: str) -> str:
    """Latin month names are said in Hindi; Devanagari ones stay as the writer spelled them."""
    return _MONTHS[written] if written.isascii() else written


def numeric_date(text: str, settings: NormalizeSettings) -> str:
    """`08/02/2024`, `8-2-2024`, `8.2.2024`, `2024-02-08` → आठ फ़रवरी दो हज़ार चौबीस;
    `03/2024` → मार्च दो हज़ार चौबीस; `32/13/2024` is no date."""

    def say(match: re.Match[str]) -> str:
        day, month = parse_number(match[1]), parse_number(match[3])
        if 12 < month <= 31 and 1 <= day <= 12:
            day, month = month, day  # month-day order
        return _say_date(day, month, parse_number(match[4])) or match[0]

    def iso(match: re.Match[str]) -> str:
        day, month = parse_number(match[4]), parse_number(match[3])
        return _say_date(day, month, parse_number(match[1])) or match[0]

    def month_year(match: re.Match[str]) -> str:
        month = parse_number(match[1])
        if not 1 <= month <= 12:
            return match[0]
        return f"{_MONTHS[str(month)]} {year(parse_number(match[2]))}"

    text = _ISO_DATE_RE.sub(iso, _NUMERIC_DATE_RE.sub(say, text))
    return _MONTH_YEAR_RE.sub(month_year, text)


def _say_date(day: int, month: int, written_year: int) -> str | None:
    """`day month year` said, or None when it is no calendar day."""
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{cardinal(day)} {_MONTHS[str(month)]} {year(written_year)}"


def year_span(text: str, settings: NormalizeSettings) -> str:
    """`2024-25` → दो हज़ार चौबीस-पच्चीस; `1990-95` → उन्नीस सौ नब्बे-पंचानबे;
    `1999-00` → उन्नीस सौ निन्यानबे-दो हज़ार (across a century the new one is said in full);
    `1990-1995` → उन्नीस सौ नब्बे से उन्नीस सौ पंचानबे. Anything else (`2024-12`) is a range's.
    """

    def say(match: re.Match[str]) -> str:
        first, last = parse_number(match[1]), parse_number(match[2])
        if len(match[2]) == 2 and last == 0 and first % 100 == 99:
            return f"{year(first)}-{year(first + 1)}"
        if len(match[2]) == 2 and (first % 100 < last or last == (first + 1) % 100):
            return f"{year(first)}-{cardinal(last)}"
        if len(match[2]) == 4 and 1100 <= first < last <= 2099:
            return f"{year(first)} {word('to')} {year(last)}"
        return match[0]

    return _YEAR_SPAN_RE.sub(say, text)


def day_month(text: str, settings: NormalizeSettings) -> str:
    """`6 दिसंबर` → छह दिसंबर; `06 दिसंबर 2021` → छह दिसंबर दो हज़ार इक्कीस;
    `10-12 जून` → दस से बारह जून; `15 August 1947` → पंद्रह अगस्त उन्नीस सौ सैंतालीस.
    """

    def say(match: re.Match[str]) -> str:
        days = [parse_number(d) for d in (match[1], match[2]) if d]
        if not all(1 <= d <= 31 for d in days):
            return match[0]
        spoken = f" {word('to')} ".join(map(cardinal, days)) + f" {_month(match[3])}"
        return f"{spoken}{match[4]}{year(parse_number(match[5]))}" if match[5] else spoken

    return _DAY_MONTH_RE.sub(say, text)


def year_in_context(text: str, settings: NormalizeSettings) -> str:
    """`सन 1947` → सन उन्नीस सौ सैंतालीस; `दिसंबर 2021` → दिसंबर दो हज़ार इक्कीस;
    `1857 में` → अठारह सौ सत्तावन में; `1999 तक` → उन्नीस सौ निन्यानबे तक.
    """
    text = _YEAR_AFTER_RE.sub(lambda m: f"{_month(m[1])}{m[2]}{year(parse_number(m[3]))}", text)
    return _YEAR_BEFORE_RE.sub(lambda m: year(parse_number(m[1])), text)


RULES: tuple[Rule, ...] = (numeric_date, year_span, day_month, year_in_context)
