"""Codes of names and models: Latin words with numbers, Roman numerals, `1st`, `M&M`.

    MiG-21 → मिग इक्कीस · Chandrayaan-3 → चंद्रयान तीन · Su-30MKI → सु तीस एमकेआई
    Prithvi-II → पृथ्वी दो · NDA-III → एनडीए तीन · Henry VIII → हेनरी आठ · BS-VI → बीएस छह
    1st → पहला · 21st → इक्कीसवाँ · 4th → चौथा · M&M → एम एंड एम · AT&T → एटी एंड टी

- A word joined by a hyphen to a number, or a number glued to letters, is read as the word
  then the number (the acronym rule and the Latin-word rule read the letters afterwards;
  capitals of up to four letters before a number are the acronym rule's codes: `S-400`).
- A Roman numeral is read as a number only where its shape says it is one: made of I, V and
  X (1–39), and joined by a hyphen to a word or code (`Prithvi-II`, `BS-VI`), or of two
  letters or more after a capitalized word (`Henry VIII`, `Stage IV`, `Class XII`). Alone,
  `I`, `V`, `X` are letters (`Vitamin D`, `Class X` stay letters); `MIX`, `CIVIL` are words.
- `1st 2nd 3rd 4th …` are Hindi ordinals that agree with the noun after them: feminine
  before a feminine noun of `data/feminine_nouns.tsv` (`21st सदी` इक्कीसवीं सदी, `4th रैंक`
  चौथी रैंक), oblique when a postposition follows that noun (`1st टेस्ट में` पहले टेस्ट
  में), else the masculine citation form (`2nd वनडे` दूसरा वनडे, `5th` पाँचवाँ).
- `&` between Latin letters or words is एंड (`M&M`, `Johnson & Johnson`); elsewhere the
  punctuation rule reads it और.
"""

import re

from ...charclasses import DEVANAGARI_LETTER_CHARS, DIGIT_CHARS, LATIN_ACCENTED_CHARS, LATIN_CHARS
from ..data import keys_pattern
from ..numbers import INTEGER, NUMBER, number, ordinal, parse_number
from ..rule import Rule
from ..settings import NormalizeSettings

_AND = "एंड"
_MASCULINE, _FEMININE, _OBLIQUE = "ा", "ी", "े"
_LATIN = LATIN_CHARS + LATIN_ACCENTED_CHARS
_ALNUM = _LATIN + DIGIT_CHARS
_ROMAN_SMALL = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_HYPHEN_ROMAN = re.compile(
    rf"(?<=[{_ALNUM}{DEVANAGARI_LETTER_CHARS}])-(?=[IVX])({_ROMAN_SMALL})(?![{_ALNUM}])"
)
_SPACED_ROMAN = re.compile(
    rf"(?<![{_ALNUM}])([A-Z][{_LATIN}]*) (?=[IVX]{{2}})({_ROMAN_SMALL})(?![{_ALNUM}])"
)
_ORDINAL = re.compile(
    rf"(?<![{_ALNUM}])({INTEGER})(?:st|nd|rd|th|ST|ND|RD|TH)(?![{_ALNUM}])"
    rf"(?: (?P<feminine>{keys_pattern('feminine_nouns')})(?![{DEVANAGARI_LETTER_CHARS}])"
    rf"|(?= [{DEVANAGARI_LETTER_CHARS}]+ (?P<postposition>{keys_pattern('postpositions')})"
    rf"(?![{DEVANAGARI_LETTER_CHARS}])))?"
)
# a word (any case; not capitals alone, the acronym rule's codes) with a hyphen and a number
_WORD_NUMBER = re.compile(
    rf"(?<![{_ALNUM}])([{_LATIN}]*[a-z{LATIN_ACCENTED_CHARS}][{_LATIN}]*|[A-Z]{{5,}})"
    rf"-({NUMBER})(?![{DIGIT_CHARS}]|\.[{DIGIT_CHARS}])"
)
# letters and digits glued in one token, in any order (units and ordinals were read before)
_MIXED = re.compile(
    rf"(?<![{_ALNUM}])(?=[{DIGIT_CHARS}.,]*[{_LATIN}])(?=[{_LATIN}]*[{DIGIT_CHARS}])"
    rf"[{_ALNUM}]+(?:[.,][{DIGIT_CHARS}]+)*(?![{_ALNUM}])"
)
_PIECE = re.compile(rf"(?P<number>{NUMBER})|[{_LATIN}]+")
_CODE_HYPHEN = re.compile(
    rf"(?<=[{_LATIN}])-(?=[{_LATIN}]+[{DIGIT_CHARS}]|[{DIGIT_CHARS}]+[{_LATIN}])"
)
_AMPERSAND = re.compile(rf"(?<=[{_LATIN}]) ?& ?(?=[{_LATIN}])")


def roman(numeral: str) -> int:
    """`XIV` → 14 (I, V and X only: the numerals of series and models)."""
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def _spoken_roman(numeral: str) -> str:
    return number(str(roman(numeral)))


def roman_numerals(text: str, settings: NormalizeSettings) -> str:
    """`Prithvi-II` → `Prithvi दो`, `Henry VIII` → `Henry आठ` (see the module's rule)."""
    text = _HYPHEN_ROMAN.sub(lambda m: f" {_spoken_roman(m[1])}", text)
    return _SPACED_ROMAN.sub(lambda m: f"{m[1]} {_spoken_roman(m[2])}", text)


def ordinal_suffixes(text: str, settings: NormalizeSettings) -> str:
    """`1st` → पहला, `21st सदी` → इक्कीसवीं सदी, `1st टेस्ट में` → पहले टेस्ट में."""
    return _ORDINAL.sub(_agreeing_ordinal, text)


def _agreeing_ordinal(match: re.Match[str]) -> str:
    if match["feminine"]:
        return f"{ordinal(parse_number(match[1]), _FEMININE)} {match['feminine']}"
    ending = _OBLIQUE if match["postposition"] else _MASCULINE
    return ordinal(parse_number(match[1]), ending)


def word_numbers(text: str, settings: NormalizeSettings) -> str:
    """`MiG-21` → `MiG इक्कीस`, `Chandrayaan-3` → `Chandrayaan तीन`."""
    if "-" not in text:  # speed: most sentences have none
        return text
    return _WORD_NUMBER.sub(lambda m: f"{m[1]} {number(m[2])}", text)


def code_hyphens(text: str, settings: NormalizeSettings) -> str:
    """`PSLV-C56` → `PSLV C56`, `MQ-9B` → `MQ 9B`: a hyphen before a code is a pause-less
    join, read as a space."""
    return _CODE_HYPHEN.sub(" ", text) if "-" in text else text


def _split_mixed(match: re.Match[str]) -> str:
    return " ".join(
        number(piece[0]) if piece["number"] else piece[0] for piece in _PIECE.finditer(match[0])
    )


def mixed(text: str, settings: NormalizeSettings) -> str:
    """`30MKI` → `तीस MKI`, `iPhone15` → `iPhone पंद्रह`, `A320neo` → `A तीन सौ बीस neo`:
    what is left of letters glued to digits is cut apart, and each number read."""
    return _MIXED.sub(_split_mixed, text)


def ampersands(text: str, settings: NormalizeSettings) -> str:
    """`M&M` → `M एंड M`: an ampersand inside a Latin name is said in English."""
    return _AMPERSAND.sub(f" {_AND} ", text)


RULES: tuple[Rule, ...] = (
    ordinal_suffixes, roman_numerals, code_hyphens, word_numbers, ampersands,
)
"""Run after the pattern rules (units and times read their letters first) and before the
acronym rule's letter+number codes (`S-400`)."""

MIXED_RULES: tuple[Rule, ...] = (mixed, word_numbers)
"""Run after the plain numbers, which leave digits glued to letters alone (a word cut off its
digits may now stand before a hyphen and a number: `0COVID-19`)."""
