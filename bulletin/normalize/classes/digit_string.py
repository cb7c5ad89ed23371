"""Digit strings that are codes, not amounts: read digit by digit when a cue word or the shape
says so.

    पिनकोड 400001 → पिनकोड चार शून्य शून्य शून्य शून्य एक · गाड़ी संख्या 22436 → … दो दो चार तीन छह
    UP 32 AB 5678 → यूपी तीन दो एबी पाँच छह सात आठ · 4111 1111 1111 1111 → चार एक एक एक …
    XXXX-1234 → एक दो तीन चार · 192.168.1.10 → एक सौ बानबे डॉट एक सौ अड़सठ डॉट एक डॉट दस

Cue words (`data/digit_cues.tsv`: पिन कोड, ट्रेन नंबर, खाता संख्या, ओटीपी, हेल्पलाइन, आखिरी
चार अंक …) each give the fewest digits a code after them has: `हेल्पलाइन 1098` is read digit
by digit, `हेल्पलाइन 112` stays एक सौ बारह (short emergency numbers are said as numbers:
100, 101, 102, 108, 112, 181). Between the cue and the code a few filler words may stand
(`पिन कोड है 110001`), or an earlier code of a list (`हेल्पलाइन 1098 और 1930`). Shapes that
need no cue: a vehicle registration (a state code, district digits, series letters, number:
`MH-12-AB-1234`, `DL 3C AB 1234`, and the `22 BH 1234 AA` series), 4-4-4(-4) digit groups
(cards, Aadhaar), a masked card (`XXXX 1234`, `**** 1234`), and an IPv4 address (four
numbers up to 255, read as numbers with डॉट); three or more dotted numbers that are no date
(`3.2.1`) are read the same way.

The registration rule runs before the lexicons (which would read its letter groups as
words); the others right before the pattern rules, after the abbreviations (`नं.` → नंबर).
"""

import re

from ...charclasses import DIGIT, DIGIT_CHARS, LATIN_CHARS
from ..data import load_table
from ..numbers import cardinal, digits, parse_number, word
from ..rule import Rule
from ..settings import NormalizeSettings
from .acronym import spell
from .telephone import quantity_ahead

_CUES = {cue.casefold(): int(count) for cue, count in load_table("digit_cues").items()}
_FILLERS = frozenset({"है", "हैं", "था", "थी", "थे", "का", "की", "के", "कोड", "नंबर", "संख्या", "is"})
_CONJUNCTIONS = frozenset({"और", "या", "तथा", "व"})
_MAX_FILLERS = 3
_CUE_WORDS = max(len(cue.split()) for cue in _CUES)
_CUE_ENDINGS = frozenset(cue.split()[-1] for cue in _CUES)  # a text with none has no cue
_CODE = re.compile(
    rf"(?=[{DIGIT_CHARS}])(?<![{DIGIT_CHARS}{LATIN_CHARS}]){DIGIT}+(?:-{DIGIT}{{2,}}|\s{DIGIT}{{3,}})*"
    rf"(?![{DIGIT_CHARS}.,]{DIGIT})"
)
_CUE_WINDOW = 60  # characters before a code searched for its cue and fillers
_STRIP = ":=–-,"
_STATES = (
    "AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR"
    "|PB|PY|RJ|SK|TN|TR|TS|UA|UK|UP|WB"
)
_SEP = r"[\s-]?"
_PLATE = re.compile(
    rf"(?=[A-Z{DIGIT_CHARS}])(?<![{LATIN_CHARS}{DIGIT_CHARS}])(?:({_STATES}){_SEP}({DIGIT}{{1,2}})"
    rf"([A-Z]?)({_SEP})([A-Z]{{1,3}}){_SEP}({DIGIT}{{1,4}})"
    rf"|({DIGIT}{{2}}){_SEP}(BH){_SEP}({DIGIT}{{4}}){_SEP}([A-Z]{{1,2}}))"
    rf"(?![{LATIN_CHARS}{DIGIT_CHARS}])"
)
_GROUPS = re.compile(
    rf"(?=[{DIGIT_CHARS}])(?<![{DIGIT_CHARS}])({DIGIT}{{4}})([\s-])({DIGIT}{{4}})\2({DIGIT}{{4}})(?:\2({DIGIT}{{4}}))?"
    rf"(?![{DIGIT_CHARS}])"
)
_MASKED = re.compile(
    rf"(?=[Xx*•])(?<![\w])(?:[Xx*•]{{2,}}[\s-]?)+({DIGIT}{{2,6}})(?![{DIGIT_CHARS}])"
)
_DOTTED = re.compile(
    rf"(?=[{DIGIT_CHARS}])(?<![{DIGIT_CHARS}.])({DIGIT}{{1,3}}(?:\.{DIGIT}{{1,3}}){{2,}})"
    rf"(?![{DIGIT_CHARS}]|\.{DIGIT})"
)
_NOT_DIGIT = re.compile(f"[^{DIGIT_CHARS}]+")


def _fewest_digits(before: str) -> int | None:
    """The fewest digits a code has after the cue that ends `before` (perhaps followed by a
    few filler words: `पिन कोड है`), or None when no cue does."""
    words = [w.strip(_STRIP).casefold() for w in before.split()]
    words = [w for w in words if w]
    end = len(words)
    for _ in range(_MAX_FILLERS + 1):
        for size in range(min(_CUE_WORDS, end), 0, -1):
            fewest = _CUES.get(" ".join(words[end - size : end]))
            if fewest is not None:
                return fewest
        if not end or not _is_filler(words[end - 1]):
            return None
        end -= 1
    return None


def _is_filler(word: str) -> bool:
    """A filler word, or an earlier code and a conjunction of a list (`हेल्पलाइन 1098 और 1930`)."""
    return word in _FILLERS or word in _CONJUNCTIONS or word.isdigit()


def _say_digits(written: str) -> str:
    return " ".join(digits(group) for group in _NOT_DIGIT.split(written) if group)


def plates(text: str, settings: NormalizeSettings) -> str:
    """`UP 32 AB 5678` → यूपी तीन दो एबी पाँच छह सात आठ; `22 BH 1234 AA` → दो दो बीएच …"""

    def say(match: re.Match[str]) -> str:
        if match[1]:
            # `3C AB`: a letter glued to the district digits is apart from the series.
            series = [match[3], match[5]] if match[4] else [match[3] + match[5]]
            parts = [spell(match[1]), digits(match[2]), *map(spell, series), digits(match[6])]
        else:
            parts = [digits(match[7]), spell(match[8]), digits(match[9]), spell(match[10])]
        return " ".join(p for p in parts if p)

    return _PLATE.sub(say, text)


def _say_dotted(match: re.Match[str]) -> str:
    parts = match[1].split(".")
    return f" {word('dot')} ".join(
        cardinal(parse_number(p)) if len(p) == 1 or p[0] not in "0०" else digits(p)
        for p in parts
    )


def codes(text: str, settings: NormalizeSettings) -> str:
    """`पिन कोड 110001` → पिन कोड एक एक शून्य शून्य शून्य एक; `हेल्पलाइन 112` stays a number."""

    def cued(match: re.Match[str]) -> str:
        fewest = _fewest_digits(match.string[max(0, match.start() - _CUE_WINDOW) : match.start()])
        if fewest is None or sum(c.isdigit() for c in match[0]) < fewest:
            return match[0]
        if quantity_ahead(match.string, match.end()):  # `नंबर 8000000000 करोड़`
            return match[0]
        return _say_digits(match[0])

    if any(w.strip(_STRIP).casefold() in _CUE_ENDINGS for w in text.split()):
        text = _CODE.sub(cued, text)
    text = _GROUPS.sub(lambda m: _say_digits(m[0]), text)
    text = _MASKED.sub(lambda m: digits(m[1]), text)
    return _DOTTED.sub(_say_dotted, text)


LATIN_RULES: tuple[Rule, ...] = (plates,)
"""Run before the lexicons: a registration's letters are letter names, never words."""

RULES: tuple[Rule, ...] = (codes,)
"""Run before the pattern rules: their digits are no amounts, dates or times."""
