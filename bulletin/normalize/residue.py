"""Residue: what the rules could not turn into Devanagari words.

Every token left with a digit, a Latin letter or a symbol is reported with its line and a
few words around it, so that staff can add a lexicon entry (or `--strict` can refuse it).
`Residue.line` counts what the caller fed in: input lines for `bulletin clean --lines`,
paragraphs as `make_script` numbers them (headline = 1) for an article.
"""

import re
from collections.abc import Sequence

from ..charclasses import DEVANAGARI_LETTER, PAUSE_CHARS
from ..errors import NormalizeError
from ..models import Residue

# A spoken word: Devanagari letters and signs (no Devanagari digits, no danda, no ॰), hyphens
# only between parts of a compound (भारत-रूस).
_WORD = rf"{DEVANAGARI_LETTER}+(?:-{DEVANAGARI_LETTER}+)*"
_SPOKEN = re.compile(_WORD)
_CLEAN_LINE = re.compile(rf"[{PAUSE_CHARS} ]*(?:{_WORD}(?:[{PAUSE_CHARS} ]+|$))*")
_PAUSES = PAUSE_CHARS
_CONTEXT_WORDS = 3
STRICT_SHOWN = 3  # residue tokens named in the --strict error


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


def strict_error(residue: Sequence[Residue], where: str) -> NormalizeError:
    """The one-line error `--strict` raises for `residue` (which must not be empty).

    `where` names what `Residue.line` counts: `"line"` (`bulletin clean --lines`) or
    `"paragraph"` (an article, headline = 1). The first `STRICT_SHOWN` tokens are named with
    their place and context:

        2 token(s) cannot be read aloud: `iPhone` (paragraph 4: नया iPhone आया), `Zoom`
        (paragraph 6: पर Zoom से); add a lexicon entry … or drop --strict
    """
    shown = ", ".join(
        f"`{r.token}` ({where} {r.line}: {r.context})" for r in residue[:STRICT_SHOWN]
    )
    more = f" and {len(residue) - STRICT_SHOWN} more" if len(residue) > STRICT_SHOWN else ""
    return NormalizeError(
        f"{len(residue)} token(s) cannot be read aloud: {shown}{more}; add a lexicon entry "
        "(--lexicon FILE or speech.lexicon in bulletin.yaml) or drop --strict"
    )
