"""Latin letters: acronyms, letter+number codes and `+`.

    CBI → सीबीआई · T-90 / T 90 / T90 → टी नब्बे · AK 203 → एके दो सौ तीन · A+B → ए प्लस बी

An all-capitals word is spelled with the letter names of `data/letters.tsv` and written joined,
as Hindi papers print it; acronyms said as words (NASA) come from the lexicon, which runs
earlier. Mixed-case Latin words are left alone: the residue report lists them for the staff.
"""

import re

from ...charclasses import DEVANAGARI_LETTER_CHARS, DIGIT_CHARS, LATIN_CHARS, WORD_START
from ..data import load_table
from ..glue import glue_spaced
from ..numbers import NUMBER, number
from ..rule import Rule
from ..settings import NormalizeSettings

LETTERS = load_table("letters")
_PLUS_WORD = "प्लस"
_ALNUM = LATIN_CHARS + DIGIT_CHARS
_WORDISH = _ALNUM + DEVANAGARI_LETTER_CHARS
# `a+b` between two words or numbers; `A+` (a grade, a blood group) after capitals.
_PLUS = re.compile(rf"(?<=[{_WORDISH}])\s*\+\s*(?=[{_WORDISH}])|(?<=[A-Z])\+(?![{_ALNUM}])")
# Letters then a number, joined, hyphenated or spaced: T90, T-90, T 90, AK 203, PM 2.5.
_CODE = re.compile(
    rf"(?<![{_ALNUM}])([A-Z]{{1,4}})(?:-| )?({NUMBER})(?![{_ALNUM}])"
)
# All capitals (CBI), or capitals with dots (U.S.): one word, spelled.
_ACRONYM = re.compile(
    rf"(?<![{_ALNUM}])(?:(?:[A-Z]\.){{2,}}|[A-Z]\.(?= ?{WORD_START})|[A-Z]+(?![{_ALNUM}]))"
)


def spell(letters: str) -> str:
    """`CBI` → सीबीआई: letter names joined into one word; dots between letters are dropped."""
    return "".join(LETTERS[c] for c in letters.upper() if c in LETTERS)


def plus(text: str, settings: NormalizeSettings) -> str:
    """`A+B` → `A प्लस B`: the operands are read by the rules after this one."""
    return _PLUS.sub(f" {_PLUS_WORD} ", text)


def codes(text: str, settings: NormalizeSettings) -> str:
    """`S-400` → एस चार सौ: model and weapon names read letters, then the number."""
    return _CODE.sub(lambda m: glue_spaced(f"{spell(m[1])} {number(m[2])}", m), text)


def _spelled(match: re.Match[str]) -> str:
    """The spelling, spaced off a Devanagari word glued to it (`CBIने` → सीबीआई ने)."""
    return glue_spaced(spell(match[0]), match)


def acronyms(text: str, settings: NormalizeSettings) -> str:
    """`CBI` → सीबीआई, `U.S.` → यूएस: an all-capitals word is spelled letter by letter."""
    return _ACRONYM.sub(_spelled, text)


CODE_RULES: tuple[Rule, ...] = (plus, codes)
"""Run before plain numbers, so that the number of a code is read with its letters."""

RULES: tuple[Rule, ...] = (acronyms,)
"""Run after the numbers: what is left of Latin capitals is an acronym."""
