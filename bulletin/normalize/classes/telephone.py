"""Phone numbers, digit by digit: `98765 43210` → नौ आठ सात छह पाँच चार तीन दो एक शून्य.

Recognized: 10-digit mobiles (first digit 6–9) written with a space or hyphen inside, or with
`0` or `+91` before; toll-free `1800-…` numbers; landlines with an STD code and a separator
(`011-23456789`); any number after a `+` country code. `+` is said प्लस.

A bare run of ten digits (`9876543210`) is also an amount (`6000000000 रुपये`): it is a phone
number only with a phone word within four words of it in its sentence (`data/phone_words.tsv`:
फ़ोन, मोबाइल, नंबर, हेल्पलाइन, संपर्क, कॉल …), and never right before a currency, scale or unit
word.

Runs before range (`98765-43210` is not a score) and cardinal (a mobile is not ९ अरब …).
"""

import functools
import re

from ...charclasses import DANDA, DIGIT, DIGIT_CHARS, LATIN_CHARS, LETTER, PAUSE_CHARS
from ..data import alternation, load_table
from ..numbers import END, digits, word
from ..rule import Rule
from ..settings import NormalizeSettings

_SEP = r"[\s-]?"
_MOBILE = rf"[6-9६-९]{DIGIT}{{4}}{_SEP}{DIGIT}{{5}}"
_MOBILE_SPLIT = rf"[6-9६-९]{DIGIT}{{4}}[\s-]{DIGIT}{{5}}"
_MOBILE_BARE = rf"[6-9६-९]{DIGIT}{{9}}"
_TOLL_FREE = rf"[1१][8८][0०][0०](?:{_SEP}{DIGIT}){{6,7}}"
_LANDLINE = rf"[0०]{DIGIT}{{2,4}}[\s-]{DIGIT}{{6,8}}"
_INTERNATIONAL = rf"\+{DIGIT}{{1,3}}{_SEP}(?:{_MOBILE}|{DIGIT}(?:{_SEP}{DIGIT}){{7,11}})"
_PHONE_RE = re.compile(
    rf"(?<![{DIGIT_CHARS}{LATIN_CHARS}+])"
    rf"(?:{_INTERNATIONAL}|[0०]{_MOBILE}|{_MOBILE_SPLIT}|{_TOLL_FREE}|{_LANDLINE}"
    rf"|(?P<bare>{_MOBILE_BARE})){END}"
)
_NOT_DIGIT_RE = re.compile(f"[^{DIGIT_CHARS}]")
_PHONE_WORDS = frozenset(w.casefold() for w in load_table("phone_words"))
_NEAR = 4  # words on either side of a bare number where a phone word counts
_WINDOW = 80  # characters searched on either side: more than _NEAR words
_STRIP = PAUSE_CHARS + ".:;()-"
_QUANTITY_WORDS = {
    *(w for name in ("currencies", "singular", "units") for pair in load_table(name).items()
      for w in pair),
    *load_table("scale_words"),
}


def quantity_ahead(text: str, at: int) -> bool:
    """Whether a currency, scale or unit word follows `at`: the digits before it are an
    amount, not a code."""
    return _quantity_ahead().match(text, at) is not None


@functools.cache
def _quantity_ahead() -> re.Pattern[str]:
    # ~2 ms to compile, and only a phone- or code-like digit run asks: not at import
    return re.compile(rf"\s?{alternation(_QUANTITY_WORDS)}(?!{LETTER})")


def _is_phone(match: re.Match[str]) -> bool:
    """A bare ten-digit run is a phone number near a phone word and before no quantity word."""
    text, start, end = match.string, match.start(), match.end()
    if quantity_ahead(text, end):
        return False
    before = text[max(0, start - _WINDOW) : start].rpartition(DANDA)[2]
    after = text[end : end + _WINDOW].partition(DANDA)[0]
    near = before.split()[-_NEAR:] + after.split()[:_NEAR]
    return any(w.strip(_STRIP).casefold() in _PHONE_WORDS for w in near)


def telephone(text: str, settings: NormalizeSettings) -> str:
    """`+91 98765-43210` → प्लस नौ एक नौ आठ …; `1800-180-1551` → एक आठ शून्य शून्य एक आठ शून्य …;
    `फ़ोन 9876543210` → फ़ोन नौ आठ …, but `6000000000 रुपये` is left to the cardinal rule."""

    def say(match: re.Match[str]) -> str:
        if match["bare"] and not _is_phone(match):
            return match[0]
        plus = f"{word('plus')} " if match[0].startswith("+") else ""
        return plus + digits(_NOT_DIGIT_RE.sub("", match[0]))

    return _PHONE_RE.sub(say, text)


RULES: tuple[Rule, ...] = (telephone,)
