"""Devanagari → ITRANS exactly as indic-transliteration writes it, from `data/itrans.tsv`.

Slugs romanize Devanagari (`समाचार` → `samAchAra`). Importing indic-transliteration costs
~0.1 s, since it loads the scheme of every Indic script, and a build needs the one map for
its slug and the download page; so that map is kept as data (`scripts/itrans_table.py`
writes it) and applied here by the library's own algorithm (`brahmic_mapper._brahmic`):
the longest known sequence first, a consonant's inherent `a` unless a vowel sign or the
virama follows. `tests/test_itrans.py` checks the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

INHERENT_VOWEL = "a"


@dataclass(frozen=True)
class _Map:
    marks: Mapping[str, str]  # vowel signs → their vowel
    virama: Mapping[str, str]
    letters: Mapping[str, str]  # every other known sequence, consonants included
    consonants: frozenset[str]  # sequences that carry the inherent vowel
    accent_order: re.Pattern[str]  # a yogavaaha before an accent: the accent is written first
    longest: int


def transliterate(text: str) -> str:
    """`text` (Devanagari; anything else passes through) in ITRANS."""
    table = _table()
    text = table.accent_order.sub(r"\2\1", text)
    out: list[str] = []
    had_consonant = False
    i = 0
    while i < len(text):
        token = text[i:i + table.longest]
        while len(token) > 1 and token not in table.letters:
            token = token[:-1]
        if token in table.marks:
            out.append(table.marks[token])
        elif token in table.virama:
            out.append(table.virama[token])
        else:  # a known letter, or one character it does not know, kept as it is
            if had_consonant:
                out.append(INHERENT_VOWEL)
            out.append(table.letters.get(token, token))
        had_consonant = token in table.consonants
        i += len(token)
    if had_consonant:
        out.append(INHERENT_VOWEL)
    return "".join(out)


@cache
def _table() -> _Map:
    text = resources.files(__package__).joinpath("data", "itrans.tsv").read_text("utf-8")
    kinds: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            kind, key, value = line.split("\t")
            kinds.setdefault(kind, {})[key] = value
    letters = {**kinds["letter"], **kinds["consonant"]}
    accents = "".join(kinds["accent"])
    return _Map(
        marks=MappingProxyType(kinds["mark"]),
        virama=MappingProxyType(kinds["virama"]),
        letters=MappingProxyType(letters),
        consonants=frozenset(kinds["consonant"]),
        accent_order=re.compile(f"([{''.join(kinds['yogavaaha'])}])([{accents}])"),
        longest=max(len(key) for key in letters),
    )
