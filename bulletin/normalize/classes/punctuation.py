"""Punctuation, last: leave only the pause marks engines understand.

    जाएगा.क्योंकि → जाएगा। क्योंकि · कहा: → कहा, · क्या?! → क्या? · भारत-रूस stays
    (a hyphen between two words joins a compound and is kept) · और/या → और या

By now every `.` that was a decimal point, an abbreviation, an initial or part of an address
has been read by an earlier rule, so a `.` left is a full stop. The result holds words,
spaces and `। , ? !`.

No silent loss: a symbol is dropped only if it is on the documented silent list (`SILENT`:
marks that never carry words, such as bullets, `*`, `_`, `™`, footnote daggers; the quotes,
brackets and invisible characters hygiene already took are on it too), or a `/` between two
words. Any other symbol left by the rules before (`%` with no number, `@`, `#`, `^`, `<`,
an emoji, a letter of another script) stays in the text, so the residue report names it.
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
# The leading look-aheads let the engine skip to each `-` and `/` fast.
_HYPHEN = re.compile(rf"(?=-)(?:(?<!{_LETTER})-+|-+(?!{_LETTER})|-{{2,}})")
SILENT = "*•·●▪■►▶◆◇○✓✔_©®™¶†‡¡¿\"'`‘’‚‛“”„‟«»‹›()[]{}…\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Characters dropped without a word (besides pause marks, hyphens and spaces)."""
_SILENT = re.compile(f"[{re.escape(SILENT)}]")
_SLASH = re.compile(rf"(?=\s?/)(?<={_LETTER})\s?/\s?(?={_LETTER})")
_MARKS = re.compile(rf"[{PAUSE_CHARS}](?:\s*[{PAUSE_CHARS}])*")
_LEADING_MARKS = re.compile(rf"^[\s{PAUSE_CHARS}]+")
_NO_SPACE_AFTER = re.compile(rf"([{PAUSE_CHARS}])(?=[^\s{PAUSE_CHARS}])")


def symbols(text: str, settings: NormalizeSettings) -> str:
    """`.` → `।`, `;` `:` → `,`, `&` → और; stray hyphens, silent marks and a `/` between
    words go; any other symbol stays for the residue report."""
    text = _FULL_STOP.sub(DANDA, text)
    text = _CLAUSE.sub(",", text)
    text = _AMPERSAND.sub(f" {_AND} ", text)
    text = _HYPHEN.sub(" ", text)
    if "/" in text:
        text = _SLASH.sub(" ", text)
    return _SILENT.sub(" ", text)


def _strongest(match: re.Match[str]) -> str:
    run = match[0]
    return next(mark for mark in f"?!{DANDA}," if mark in run)


def pauses(text: str, settings: NormalizeSettings) -> str:
    """One mark per pause (the strongest of a run), none leading, a space after each."""
    text = _MARKS.sub(_strongest, text)
    text = _LEADING_MARKS.sub("", text)
    return _NO_SPACE_AFTER.sub(r"\1 ", text)


RULES: tuple[Rule, ...] = (symbols, pauses, collapse_spaces)
