"""Web addresses and e-mail, read the way a newsreader dictates them.

    www.pib.gov.in → डब्ल्यू डब्ल्यू डब्ल्यू डॉट पी आई बी डॉट गव डॉट इन
    help@isro.gov.in → एच ई एल पी एट आई एस आर ओ डॉट गव डॉट इन

`.` डॉट, `@` एट, `/` स्लैश, `-` हाइफ़न; known words (www, com, gmail …) from
`data/electronic.tsv`; other Latin runs letter by letter, digits one by one. The scheme
(`https://`) and a final `/` are not read: newsreaders never say them. Runs first among the
pattern rules, so that no number rule reads the digits of an address.
"""

import re

from ...charclasses import DANDA
from ..data import alternation, load_table
from ..numbers import digits
from ..rule import Rule
from ..settings import NormalizeSettings
from .acronym import LETTERS

WORDS = load_table("electronic")
_TLDS = alternation(w for w in WORDS if w.isalpha())
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_PATH = rf"(?:/[^\s{DANDA},]*[A-Za-z0-9/])?"
ADDRESS = (
    rf"(?i:(?<![A-Za-z0-9._%+-])(?:"  # starts where no address character does: linear time
    rf"[A-Za-z0-9._%+-]+@{_LABEL}(?:\.{_LABEL})+"  # e-mail
    rf"|(?:https?://|www\.)[^\s{DANDA},]*[A-Za-z0-9/]"  # a URL with a scheme or www
    rf"|{_LABEL}(?:\.{_LABEL})*\.{_TLDS}{_PATH}(?![A-Za-z0-9])"  # a bare domain
    rf"))"
)
"""A web address or e-mail address (the lexicon skips these: their words are read here)."""
_ADDRESS = re.compile(ADDRESS)
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_PIECE = re.compile(r"(?P<latin>[A-Za-z]+)|(?P<digits>[0-9]+)|(?P<symbol>.)")


def say_address(address: str) -> str:
    """Read one address piece by piece; symbols without a name are not read."""
    words: list[str] = []
    for piece in _PIECE.finditer(_SCHEME.sub("", address).rstrip("/")):
        known = WORDS.get(piece[0].lower())
        if known:
            words.append(known)
        elif piece["digits"]:
            words.append(digits(piece[0]))
        elif piece["latin"]:
            words.extend(LETTERS[c] for c in piece[0].upper())
    return " ".join(words)


def addresses(text: str, settings: NormalizeSettings) -> str:
    """Replace every URL and e-mail address by its spoken form."""
    return _ADDRESS.sub(lambda m: say_address(m[0]), text)


RULES: tuple[Rule, ...] = (addresses,)
