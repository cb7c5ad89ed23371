"""Sentences of written Hindi, and chunks of speech text for engines with a length limit.

Hindi web news ends sentences with `।`, `?`, `!` and often with `.`, sometimes glued to the
next sentence (`जाएगा.क्योंकि`, `की..इस`). A `.` is not an end when it is a decimal point or a
date separator (`3.14`, `8.2.2024`), inside an address (`pib.gov.in`), or closes an
abbreviation or an initial (`डॉ.`, `एस.जयशंकर`, `U.S.`, `A. राजा`). A line break always ends a
sentence (a headline or a sub-head has no full stop).
"""

import re

from ..charclasses import DANDA, DANDA_CHARS
from ..errors import NormalizeError
from .classes.abbreviation import is_abbreviation_dot

_END = re.compile(rf"[{DANDA_CHARS}?!|]+|\.{{2,}}|\u2026|\.|\n")
_CLOSERS = re.compile(r"[\"'\u2019\u201d)\]]*")
_SENTENCE_END = re.compile(rf"(?<=[{DANDA}?!])\s+")
_CLAUSE_END = re.compile(r"(?<=,)\s+")
_SPACE = re.compile(r"\s+")
_LATIN_INITIAL = re.compile(r"(?:^|[^A-Za-z])[A-Z]\.")


def _is_full_stop(text: str, index: int) -> bool:
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if before.isdigit() and after.isdigit():
        return False
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return False
    if _LATIN_INITIAL.fullmatch(text, max(0, index - 2), index + 1):
        return False
    return not is_abbreviation_dot(text, index)


def split_sentences(text: str) -> list[str]:
    """Written text → its sentences as written, end marks kept, blank ones dropped."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        if match[0] == "." and not _is_full_stop(text, match.start()):
            continue
        end = _CLOSERS.match(text, match.end()).end()
        sentences.append(text[start:end])
        start = end
    sentences.append(text[start:])
    return [s for s in (_SPACE.sub(" ", s).strip() for s in sentences) if _has_words(s)]


def _has_words(sentence: str) -> bool:
    return any(c.isalnum() for c in sentence)


def chunk(text: str, max_chars: int) -> list[str]:
    """Speech text → pieces of at most `max_chars`, cut at sentence ends, then commas, then
    spaces; never inside a word (a single word longer than `max_chars` is its own piece)."""
    if max_chars < 1:
        raise NormalizeError(f"chunk size must be at least one character, not {max_chars}")
    return _pack(_SPACE.sub(" ", text).strip(), max_chars, (_SENTENCE_END, _CLAUSE_END, _SPACE))


def _pack(text: str, max_chars: int, cuts: tuple[re.Pattern[str], ...]) -> list[str]:
    if len(text) <= max_chars:
        return [text] if text else []
    if not cuts:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in cuts[0].split(text):
        for piece in _pack(part, max_chars, cuts[1:]):
            if current and len(current) + 1 + len(piece) <= max_chars:
                current = f"{current} {piece}"
            else:
                if current:
                    pieces.append(current)
                current = piece
    if current:
        pieces.append(current)
    return pieces
