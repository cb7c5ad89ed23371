"""The one number speller every normalizer rule uses, and the grammar of written numbers.

Readings follow the house style: the Indian scale (सौ हज़ार लाख करोड़ अरब खरब) with the leading
एक always said, digit-by-digit readings for codes, year-style readings, ordinals that keep the
written suffix's gender and case. Beyond खरब the count of खरब is itself spelled, so 10¹³ is
एक सौ खरब and 10¹⁴ एक हज़ार खरब: every integer keeps one unique reading.

ASCII digits and Devanagari digits (० … ९) are the same numbers everywhere. The regex fragments
below (`INTEGER`, `NUMBER`, `START`, `END`) are shared by the rules in `classes/` so that
all of them agree on what a written number is; character classes come from
`bulletin/charclasses.py`.
"""

import re

from ..charclasses import DIGIT, DIGIT_CHARS, LATIN_CHARS
from ..errors import NormalizeError
from .data import load_table

# Western (125,000) or Indian (1,25,000) comma grouping, or a plain run of digits.
INTEGER = (
    rf"(?:{DIGIT}{{1,3}}(?:,{DIGIT}{{3}})+(?!{DIGIT})"
    rf"|{DIGIT}{{1,2}}(?:,{DIGIT}{{2}})+,{DIGIT}{{3}}(?!{DIGIT})"
    rf"|{DIGIT}+)"
)
# A decimal point only counts between digits: `है.` stays a full stop.
NUMBER = rf"{INTEGER}(?:\.{DIGIT}+)?"
# A number starts where no digit or Latin letter (S400, S-400) touches it and ends likewise.
# START must be followed by a digit: its leading look-ahead lets the regex engine skip the
# letters between numbers quickly (the look-behinds alone are tried at every position).
START = rf"(?=[{DIGIT_CHARS}])(?<![{DIGIT_CHARS}{LATIN_CHARS}])(?<![{LATIN_CHARS}][-‐])"
END = rf"(?![{DIGIT_CHARS}{LATIN_CHARS}])"
MAX_CARDINAL_DIGITS = 13  # longer runs are read digit by digit

_TO_ASCII = str.maketrans("०१२३४५६७८९", "0123456789")
_INTEGER_RE = re.compile(INTEGER)
_UNITS: tuple[str, ...] = tuple(load_table("numbers").values())
_SCALE: tuple[tuple[int, str], ...] = tuple(
    sorted(((10 ** int(p), w) for p, w in load_table("scale").items()), reverse=True)
)
_HUNDRED = load_table("scale")["2"]
_ORDINALS = {int(n): word for n, word in load_table("ordinals").items()}
_WORDS = load_table("words")
_ORDINAL_ENDINGS = {"ा": "वाँ", "ी": "वीं", "े": "वें"}


def word(key: str) -> str:
    """A function word of spoken numbers (`point` → दशमलव), from `data/words.tsv`."""
    return _WORDS[key]


def ascii_digits(s: str) -> str:
    """`s` with Devanagari digits as ASCII ones, for `int()` and `Decimal()`."""
    return s.translate(_TO_ASCII)


def parse_number(s: str) -> int:
    """The integer written as `s`: plain, `125,000` or `1,25,000`, ASCII or Devanagari digits."""
    if not _INTEGER_RE.fullmatch(s):
        raise NormalizeError(f"{s!r} is not a written whole number (digits, optionally grouped)")
    return int(s.translate(_TO_ASCII).replace(",", ""))


def cardinal(n: int) -> str:
    """`345678` → तीन लाख पैंतालीस हज़ार छह सौ अठहत्तर; 0 → शून्य."""
    if n < 0:
        raise NormalizeError(f"cannot spell {n}: only whole numbers from 0 up have a cardinal")
    return " ".join(_cardinal_words(n)) if n else _UNITS[0]


def _cardinal_words(n: int) -> list[str]:
    (top, top_word), *lower = _SCALE
    count, n = divmod(n, top)
    words = [*_cardinal_words(count), top_word] if count else []
    for size, scale_word in lower:
        count, n = divmod(n, size)
        if count:
            words += [_UNITS[count], scale_word]
    if n:
        words.append(_UNITS[n])
    return words


def digits(s: str) -> str:
    """`0091` → शून्य शून्य नौ एक: codes and phone numbers are read one digit at a time."""
    plain = s.translate(_TO_ASCII)
    if not plain or not plain.isascii() or not plain.isdigit():
        raise NormalizeError(f"{s!r} is not a run of digits (0 … 9 or ० … ९)")
    return " ".join(_UNITS[int(d)] for d in plain)


def year(n: int) -> str:
    """1947 → उन्नीस सौ सैंतालीस (by hundreds for 1100–1999); other years as cardinals."""
    if not 1100 <= n <= 1999:
        return cardinal(n)
    hundreds, rest = divmod(n, 100)
    spoken = f"{_UNITS[hundreds]} {_HUNDRED}"
    return f"{spoken} {_UNITS[rest]}" if rest else spoken


def ordinal(n: int, suffix: str) -> str:
    """`5`, `वें` → पाँचवें; `2`, `री` → दूसरी: the suffix's last vowel gives gender and case."""
    vowel = suffix.rstrip("ँं")[-1:]
    if vowel not in _ORDINAL_ENDINGS:
        raise NormalizeError(f"{suffix!r} is not an ordinal suffix (वाँ वीं वें ला री था …)")
    irregular = _ORDINALS.get(n)
    if irregular:
        return irregular[:-1] + vowel
    return cardinal(n) + _ORDINAL_ENDINGS[vowel]


def integer(written: str) -> str:
    """A whole number as said: a cardinal, or digit by digit after a leading zero or >13 digits."""
    plain = written.replace(",", "")
    if (len(plain) > 1 and plain[0] in "0०") or len(plain) > MAX_CARDINAL_DIGITS:
        return digits(plain)
    return cardinal(parse_number(written))


def number(written: str) -> str:
    """`3.14` → तीन दशमलव एक चार: the whole part as a cardinal, the rest digit by digit."""
    whole, point, fraction = written.partition(".")
    spoken = integer(whole)
    return f"{spoken} {_WORDS['point']} {digits(fraction)}" if point else spoken


def half(whole: int) -> str:
    """`whole`.5 said colloquially: 0 आधा, 1 डेढ़, 2 ढाई, 7 साढ़े सात."""
    if whole == 0:
        return _WORDS["half"]
    if whole == 1:
        return _WORDS["one and a half"]
    if whole == 2:
        return _WORDS["two and a half"]
    return f"{_WORDS['and a half']} {cardinal(whole)}"


_HALF_RE = re.compile(rf"({DIGIT}{{1,2}})\.[5५][0०]*")


def amount(written: str, *, colloquial: bool) -> str:
    """A quantity before a scale word or `%`: `2.5` → ढाई when colloquial, else दो दशमलव पाँच.

    Only whole parts below 100 take the colloquial half: साढ़े सौ would mean 150, not 100.5.
    """
    match = _HALF_RE.fullmatch(written) if colloquial else None
    return half(parse_number(match[1])) if match else number(written)
