"""Punctuation, last: leave only the pause marks engines understand.

    जाएगा.क्योंकि → जाएगा। क्योंकि · कहा: → कहा, · क्या?! → क्या? · भारत-रूस stays
    (a hyphen between two words joins a compound and is kept; any other symbol is dropped)

By now every `.` that was a decimal point, an abbreviation, an initial or part of an address
has been read by an earlier rule, so a `.` left is a full stop. The result holds words,
spaces and `। , ? !`.
"""

import re

from ...charclasses import DANDA, DEVANAGARI_LETTER_CHARS, PAUSE_CHARS
from ..hygiene import collapse_spaces
from ..rule import Rule
from ..settings import NormalizeSettings

_AND = "और"
_FULL_STOP = re.compile(r"\.")
_CLAUSE = re.compile(r"[;:]")
_AMPERSAND = re.compile(r"\s*&\s*")
# A letter or digit of any script (`\w` has the Devanagari digits, not the vowel signs).
_LETTER = rf"(?:[^\W_]|[{DEVANAGARI_LETTER_CHARS}])"
_HYPHEN = re.compile(rf"(?<!{_LETTER})-+|-+(?!{_LETTER})|-{{2,}}")
_OTHER = re.compile(rf"[^\w\s{DEVANAGARI_LETTER_CHARS}{PAUSE_CHARS}-]|_")
_MARKS = re.compile(rf"[{PAUSE_CHARS}](?:\s*[{PAUSE_CHARS}])*")
_LEADING_MARKS = re.compile(rf"^[\s{PAUSE_CHARS}]+")
_NO_SPACE_AFTER = re.compile(rf"([{PAUSE_CHARS}])(?={_LETTER})")


def symbols(text: str, settings: NormalizeSettings) -> str:
    """`.` → `।`, `;` `:` → `,`, `&` → और; stray hyphens and other symbols go."""
    text = _FULL_STOP.sub(DANDA, text)
    text = _CLAUSE.sub(",", text)
    text = _AMPERSAND.sub(f" {_AND} ", text)
    text = _HYPHEN.sub(" ", text)
    return _OTHER.sub(" ", text)


def _strongest(match: re.Match[str]) -> str:
    run = match[0]
    return next(mark for mark in f"?!{DANDA}," if mark in run)


def pauses(text: str, settings: NormalizeSettings) -> str:
    """One mark per pause (the strongest of a run), none leading, a space after each."""
    text = _MARKS.sub(_strongest, text)
    text = _LEADING_MARKS.sub("", text)
    return _NO_SPACE_AFTER.sub(r"\1 ", text)


RULES: tuple[Rule, ...] = (symbols, pauses, collapse_spaces)
