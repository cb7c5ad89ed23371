"""Month names as Hindi copy writes them, shared by the reader (datelines) and the normalizer.

`data/months.tsv` maps every spelling (`फरवरी`, `फ़रवरी`, `February`, `Feb`) and the month's
number (`2`) to the canonical Devanagari name. It is a low-level table, not a stage's: the
reader finds the date in a dateline with it and the normalizer says Latin month names in
Hindi with it, so a new spelling is added once for both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType


@cache
def month_names() -> Mapping[str, str]:
    """Every written form (and number) → its canonical Devanagari name, as the file spells it."""
    text = resources.files(__package__).joinpath("data", "months.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        written, _, canonical = line.partition("\t")
        if written and canonical:
            table[written] = canonical
    return MappingProxyType(table)


@cache
def _numbers() -> Mapping[str, int]:
    """NFC spelling → month number, for text that may be composed either way."""
    nfc = {unicodedata.normalize("NFC", name): int(n)
           for n, name in month_names().items() if n.isdigit()}
    return MappingProxyType({
        unicodedata.normalize("NFC", written): nfc[unicodedata.normalize("NFC", canonical)]
        for written, canonical in month_names().items() if not written.isdigit()
    })


def month_number(word: str) -> int | None:
    """`फरवरी`, `फ़रवरी`, `Feb` → 2; None for a word that is not a month's name."""
    return _numbers().get(unicodedata.normalize("NFC", word))
