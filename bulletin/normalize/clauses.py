"""Clauses of speech text, for engines that speak short requests better than long ones.

An online voice with a length limit (gTTS: 100 characters) reads each request as a phrase of
its own, so where a sentence is cut decides its melody. `clauses` cuts where a newsreader
would breathe: at sentence ends, then after a danda or comma, then before a conjunction
(`और`, `लेकिन`, `कि`, … from `data/clause_words.tsv`), aiming at pieces of about `target`
characters; only a clause longer than `max_chars` is cut at a plain space, and never between
two words of one spoken number (`दो लाख पचास हज़ार`), which would be heard as two numbers.
"""

import re
from functools import cache

from ..charclasses import DANDA_CHARS
from ..errors import NormalizeError
from .data import load_table

_SENTENCE_END = re.compile(rf"(?<=[{DANDA_CHARS}?!])\s+")
_PAUSE = re.compile(r"(?<=,)\s+")
_SPACE = re.compile(r"\s+")
# Words that join the words of one spoken number: दशमलव, बटा, साढ़े, सवा, पौने, डेढ़, ढाई.
_NUMBER_GLUE = ("point", "over", "half", "one and a half", "two and a half", "and a half",
                "and a quarter", "quarter to")


@cache
def _conjunctions() -> frozenset[str]:
    return frozenset(load_table("clause_words"))


@cache
def number_words() -> frozenset[str]:
    """Every word the normalizer spells numbers with (units, scales, fractions, glue)."""
    words = load_table("words")
    spoken = [*load_table("numbers").values(), *load_table("scale").values(),
              *load_table("scale_words").values(), *load_table("fractions").values(),
              *(words[key] for key in _NUMBER_GLUE)]
    return frozenset(w for phrase in spoken for w in phrase.split())


def clauses(text: str, *, target: int, max_chars: int) -> list[str]:
    """Speech text → pieces of about `target` characters, none longer than `max_chars`
    unless one word is; cut at clause boundaries, at spaces only when nothing else fits."""
    if not 1 <= target <= max_chars:
        raise NormalizeError(f"clause target {target} must be between 1 and {max_chars}")
    text = _SPACE.sub(" ", text).strip()
    return _pack(_split(text, (_SENTENCE_END, _PAUSE), target, max_chars), target)


def _split(text: str, cuts: tuple[re.Pattern[str], ...], target: int, max_chars: int
           ) -> list[str]:
    """Cut `text` at the first kind of boundary, and each still-long part at the next."""
    if len(text) <= target:
        return [text] if text else []
    if not cuts:
        return _at_conjunctions(text, target, max_chars)
    return [piece for part in cuts[0].split(text)
            for piece in _split(part, cuts[1:], target, max_chars)]


def _at_conjunctions(text: str, target: int, max_chars: int) -> list[str]:
    words = text.split(" ")
    starts = [i for i, w in enumerate(words) if i > 0 and w in _conjunctions()]
    parts = [" ".join(words[a:b]) for a, b in zip([0, *starts], [*starts, len(words)],
                                                  strict=True)]
    packed = _pack(parts, target)
    return [piece for part in packed for piece in
            (_at_spaces(part, max_chars) if len(part) > max_chars else [part])]


def _at_spaces(text: str, max_chars: int) -> list[str]:
    """The last resort: spaces, but not between two words of one number."""
    words = text.split(" ")
    numbers = number_words()
    groups: list[list[str]] = []
    for word in words:
        if groups and word in numbers and groups[-1][-1] in numbers:
            groups[-1].append(word)
        else:
            groups.append([word])
    return _pack([" ".join(g) for g in groups], max_chars)


def _pack(parts: list[str], limit: int) -> list[str]:
    """Join neighbouring parts while the joined piece stays within `limit`."""
    pieces: list[str] = []
    for part in parts:
        if pieces and len(pieces[-1]) + 1 + len(part) <= limit:
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return pieces
