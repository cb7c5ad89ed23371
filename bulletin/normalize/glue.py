"""`glue_spaced`: the one place that splits a word glued across scripts (`28समझौतों`,
`CBIने`, `AIIMSने`) when its written part is replaced by spoken Devanagari."""

import re

from ..charclasses import (
    DEVANAGARI_LETTER,
    DEVANAGARI_LETTER_CHARS,
    DIGIT_CHARS,
    LATIN_ACCENTED_CHARS,
    LATIN_CHARS,
)

_DEVANAGARI_LETTER_RE = re.compile(DEVANAGARI_LETTER)
_WORD_CHAR_RE = re.compile(
    f"[{LATIN_CHARS}{LATIN_ACCENTED_CHARS}{DIGIT_CHARS}{DEVANAGARI_LETTER_CHARS}]"
)


def glue_spaced(spoken: str, match: re.Match[str]) -> str:
    """`spoken`, the reading of `match`, with a space on each side where the written span was
    glued to a word of another script: `28समझौतों` → अट्ठाईस समझौतों, `CBIने` → सीबीआई ने,
    `नईCBI` → नई सीबीआई. Digits of both scripts count with the Latin side."""
    text, start, end = match.string, match.start(), match.end()
    before = " " if start and _outer_glued(text, start - 1, start) else ""
    after = " " if end < len(text) and _outer_glued(text, end, end - 1) else ""
    return f"{before}{spoken}{after}"


def _outer_glued(text: str, outer: int, edge: int) -> bool:
    """The character at `outer` (outside the span) is a word character, and exactly one of it
    and the span's `edge` character is a Devanagari letter."""
    if not _WORD_CHAR_RE.match(text, outer):
        return False
    return bool(_DEVANAGARI_LETTER_RE.match(text, outer)) != bool(
        _DEVANAGARI_LETTER_RE.match(text, edge)
    )
