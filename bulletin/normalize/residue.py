"""Residue: what the rules could not turn into Devanagari words.

Every token left with a digit, a Latin letter or a symbol is reported with its line and a
few words around it, so that staff can add a lexicon entry (or `--strict` can refuse it).
"""

import re

from ..models import Residue

# A spoken word: Devanagari letters and signs (no Devanagari digits, no danda), hyphens only
# between parts of a compound (भारत-रूस).
_SPOKEN = re.compile(r"[\u0900-\u0963\u0970-\u097f]+(?:-[\u0900-\u0963\u0970-\u097f]+)*")
_CLEAN_LINE = re.compile(
    r"[\u0964,?! ]*(?:[\u0900-\u0963\u0970-\u097f]+(?:-[\u0900-\u0963\u0970-\u097f]+)*"
    r"(?:[\u0964,?! ]+|$))*"
)
_PAUSES = "\u0964,?!"
_CONTEXT_WORDS = 3


def find_residue(text: str, line: int = 1) -> tuple[Residue, ...]:
    """The tokens of one line of speech text that are not plain Devanagari words."""
    if _CLEAN_LINE.fullmatch(text):  # the common case, checked in one pass
        return ()
    words = text.split()
    found = []
    for i, word in enumerate(words):
        token = word.strip(_PAUSES)
        if token and not _SPOKEN.fullmatch(token):
            context = " ".join(words[max(0, i - _CONTEXT_WORDS) : i + _CONTEXT_WORDS + 1])
            found.append(Residue(token, line, context))
    return tuple(found)
