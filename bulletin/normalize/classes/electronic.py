"""Web addresses, e-mail and file names, read the way a newsreader dictates them.

    https://www.pib.gov.in → एच टी टी पी एस कोलन फॉरवर्ड स्लैश फॉरवर्ड स्लैश डब्ल्यू डब्ल्यू
        डब्ल्यू डॉट पी आई बी डॉट गव डॉट इन
    india.gov.in → इंडिया डॉट गव डॉट इन · budget.pdf → बजट डॉट पीडीएफ
    help@isro.gov.in → हेल्प एट इसरो डॉट गव डॉट इन · mygov.in → माय गव डॉट इन

`.` डॉट, `@` एट, `/` फॉरवर्ड स्लैश, `:` कोलन, `-` हाइफ़न, `_` अंडरस्कोर; address words
(www, com, gov, gmail …) from `data/electronic.tsv`, file types (pdf, jpg …) from
`data/file_types.tsv`. The scheme is read in full; a final `/` is not read. A label or a
path piece that is a word the lexicons know (three letters or more) is read as that word,
one made of known words is read as those words (`mygov`, `timesofindia`); any other Latin
run is spelled letter by letter (`pib`), digits one by one. Runs first among the pattern
rules, so that no number rule reads the digits of an address.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...charclasses import DANDA
from ..data import alternation, load_table
from ..numbers import digits
from ..rule import Rule
from ..settings import NormalizeSettings
from .acronym import LETTERS

if TYPE_CHECKING:
    from .latin import LatinReader

WORDS = load_table("electronic")
FILE_TYPES = load_table("file_types")
_TLDS = alternation(w for w in WORDS if w.isalpha())
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_NAME = "[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
_PATH = rf"(?:/[^\s{DANDA},]*[A-Za-z0-9/])?"
ADDRESS = (
    rf"(?i:(?<![A-Za-z0-9._%+-])(?:"  # starts where no address character does: linear time
    rf"[A-Za-z0-9._%+-]+@{_LABEL}(?:\.{_LABEL})+"  # e-mail
    rf"|(?:https?://|www\.)[^\s{DANDA},]*[A-Za-z0-9/]"  # a URL with a scheme or www
    rf"|{_NAME}(?:\.{_NAME})*\.{alternation(FILE_TYPES)}(?![A-Za-z0-9])"  # a file name
    rf"|{_LABEL}(?:\.{_LABEL})*\.{_TLDS}{_PATH}(?![A-Za-z0-9])"  # a bare domain
    rf"))"
)
"""A web address, e-mail address or file name (the lexicon skips these: read here)."""
_ADDRESS = re.compile(ADDRESS)
_PIECE = re.compile(r"(?P<latin>[A-Za-z]+)|(?P<digits>[0-9]+)|(?P<symbol>.)")
_MIN_WORD = 3  # shorter pieces not in electronic.tsv are spelled: `ab`, `tv`


def say_address(address: str, reader: LatinReader) -> str:
    """Read one address piece by piece; symbols without a name are not read."""
    head, dot, tail = address.rstrip("/").rpartition(".")
    if dot and tail.lower() in FILE_TYPES and "/" not in tail:  # `song.mp3`: a type, whole
        return f"{say_address(head, reader)} {WORDS[dot]} {FILE_TYPES[tail.lower()]}"
    words: list[str] = []
    for piece in _PIECE.finditer(address.rstrip("/")):
        text = piece[0]
        known = WORDS.get(text.lower())
        if known:
            words.append(known)
        elif piece["digits"]:
            words.append(digits(text))
        elif piece["latin"]:
            words.append(_latin(text, reader))
    return " ".join(words)


def _latin(run: str, reader: LatinReader) -> str:
    """A known word, known words, or letter names."""
    if len(run) >= _MIN_WORD:
        known = reader.known(run)
        if known:
            return known
        pieces = reader.split(run, WORDS)
        if pieces:
            return " ".join(WORDS.get(p) or reader.word(p) for p in pieces)
    return " ".join(LETTERS[c] for c in run.upper())


def rules(reader: LatinReader) -> tuple[Rule, ...]:
    """The address rule, reading the words of addresses with `reader`."""

    def addresses(text: str, settings: NormalizeSettings) -> str:
        """Replace every URL, e-mail address and file name by its spoken form."""
        return _ADDRESS.sub(lambda m: say_address(m[0], reader), text)

    return (addresses,)
