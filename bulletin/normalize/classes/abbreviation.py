"""Abbreviations with a dot, and initials before a name.

    डॉ.एस.जयशंकर → डॉक्टर एस जयशंकर · प्रो. यशपाल → प्रोफ़ेसर यशपाल · नं. 1 → नंबर 1
    ए.पी.जे. अब्दुल कलाम → ए पी जे अब्दुल कलाम · 1947 ई. में → 1947 ईसवी में

Titles (`data/abbreviations.tsv`) are expanded before the number rules. An initial is a
letter name (`data/letters.tsv`: एस, के, डब्ल्यू …) or a single Devanagari letter, with a dot,
before a name: the dot goes and no sentence ends there. Any other word of one or two akshara
with a dot is not an initial (`हुए है. जिसकी`, `चला गया.` end sentences). Era marks
(`data/eras.tsv`: ई., ई.पू.) usually follow a year, so they are expanded after the number rules
have read the year (`ई.` after a number is an era, never the initial E). Written before a
number (`ई.पू. 500`, `ई. 1200`) an era mark is expanded with the titles, before the initials
rule could take `ई.` for an initial and leave `पू.` to end a sentence.
"""

import re

from ...charclasses import (
    CONSONANT_CHARS,
    DEVANAGARI_LETTER_CHARS,
    DIGIT,
    NUKTA,
    VOWEL_CHARS,
    WORD_START,
)
from ..data import alternation, load_table
from ..rule import Rule
from ..settings import NormalizeSettings

ABBREVIATIONS = load_table("abbreviations")
ERAS = load_table("eras")
_WORD = rf"\w{DEVANAGARI_LETTER_CHARS}"
# Letter names that are also Hindi words able to end a sentence (honorific जी, verb आई):
# alone and followed by a space they are read as words, not initials.
_ALSO_WORDS = frozenset({"जी", "आई"})

_LETTER_NAME = alternation(load_table("letters").values())
_ONE_INITIAL = rf"(?:{_LETTER_NAME}|[{CONSONANT_CHARS}]{NUKTA}?|[{VOWEL_CHARS}])\."
# A title, or an era mark before a number (not after one: `500 ई.पू. 300 ई.` is two years).
_TITLE = re.compile(
    rf"(?<![{_WORD}])(?:({alternation(ABBREVIATIONS)})"
    rf"|(?<!{DIGIT} )({alternation(ERAS)})(?= ?{DIGIT})) ?"
)
_ERA = re.compile(rf"(?<![{_WORD}])({alternation(ERAS)})")
_INITIALS = re.compile(
    rf"(?<![{_WORD}])(?<!{DIGIT} )((?:{_ONE_INITIAL} ?)+)(?={WORD_START})"
)
_ONE = re.compile(_ONE_INITIAL)
_ENDS_WITH_ABBREVIATION = re.compile(
    rf"(?<![{_WORD}])(?:{alternation([*ABBREVIATIONS, *ERAS])})\Z"
)
_ENDS_WITH_INITIAL = re.compile(rf"(?<![{_WORD}])(?:{_ONE_INITIAL} ?)+\Z")
_NAME_AHEAD = re.compile(rf" ?{WORD_START}")
_LOOK_BACK = 24  # characters: more than the longest chain of initials


def titles(text: str, settings: NormalizeSettings) -> str:
    """`डॉ.एस.जयशंकर` → `डॉक्टर एस.जयशंकर`: a title is a word, followed by a space.
    `ई.पू. 500` → `ईसा पूर्व 500`, `ई.1200` → `ईसवी 1200`: an era mark before a number is no
    initial (the date rules then read the year after it)."""
    return _TITLE.sub(lambda m: (ABBREVIATIONS[m[1]] if m[1] else ERAS[m[2]]) + " ", text)


def _is_word(letters: list[str], spaced: bool) -> bool:
    """`मोदी जी. इसके`: a lone letter name that is also a word, then a space, ends a sentence."""
    return len(letters) == 1 and spaced and letters[0][:-1] in _ALSO_WORDS


def _drop_dots(match: re.Match[str]) -> str:
    chain = match[1]
    letters = _ONE.findall(chain)
    if _is_word(letters, chain.endswith(" ")):
        return chain
    return " ".join(letter[:-1] for letter in letters) + " "


def initials(text: str, settings: NormalizeSettings) -> str:
    """`एस.जयशंकर` → `एस जयशंकर`: the dot of an initial is not a full stop."""
    return _INITIALS.sub(_drop_dots, text)


def eras(text: str, settings: NormalizeSettings) -> str:
    """`ई.पू.` → ईसा पूर्व, `ई.` → ईसवी (what is left of them after the year rules)."""
    return _ERA.sub(lambda m: ERAS[m[1]], text)


def is_abbreviation_dot(text: str, index: int) -> bool:
    """Whether the `.` at `text[index]` closes an abbreviation or an initial (not a sentence)."""
    before = text[max(0, index - _LOOK_BACK) : index + 1]
    if _ENDS_WITH_ABBREVIATION.search(before):
        return True
    match = _ENDS_WITH_INITIAL.search(before)
    if not match or not _NAME_AHEAD.match(text, index + 1):
        return False
    return not _is_word(_ONE.findall(match[0]), text.startswith(" ", index + 1))


RULES: tuple[Rule, ...] = (titles, initials)
"""Run before the number rules (`नं. 1`, initials never touch digits)."""

ERA_RULES: tuple[Rule, ...] = (eras,)
"""Run after the number rules, which read the year before `ई.`."""
