"""Unicode hygiene: make typed Hindi text canonical before any rule looks at it.

Web copy arrives with invisible characters, stray nukta marks, ASCII bars for dandas and
typographic quotes and dashes. Every later rule assumes this clean form, so it runs first.

    हु़ई → हुई · राज्य | → राज्य । · की..इस → की। इस · कहा – कि → कहा, कि · (ISRO) → ISRO
    डॉ॰ → डॉ. (the abbreviation sign is a dot for the abbreviation rule)
"""

import re
import unicodedata

from ..charclasses import ABBREVIATION_SIGN, CONSONANT_CHARS, DANDA_CHARS, DIGIT, NUKTA, PAUSE_CHARS
from .rule import Rule
from .settings import NormalizeSettings

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\f\v]")
# A nukta is valid only after a consonant (NFC decomposes क़ into क + nukta, so that covers
# the precomposed letters too); anywhere else it is a typing error.
_STRAY_NUKTA = re.compile(f"(?<![{CONSONANT_CHARS}]){NUKTA}")
_BAR = re.compile(f"[|{DANDA_CHARS}]")
_ABBREVIATION_SIGN = re.compile(ABBREVIATION_SIGN)  # the Devanagari abbreviation dot: डॉ॰ = डॉ.
_QUOTES = re.compile("[\"'`\u2018-\u201f\u00ab\u00bb\u2039\u203a]")
# A height or length in feet and inches (`5'8"`, `6' 2''`) is no quotation: its marks become
# the prime signs, which are units (′ फीट, ″ इंच), before the quotes go.
_FEET_INCHES = re.compile(
    rf"({DIGIT})['\u2019\u2032]\s?({DIGIT}{{1,2}})(?:\"|''|\u201d|\u2033|\u2019\u2019)?"
)
_ELLIPSIS = re.compile(r" ?(?:\.{2,}|\u2026) ?")
# A dash (or `--`) between words is a pause. Between two digits it is a range or a score: keep
# a hyphen there for the number rules. A single hyphen is a dash only when spaced on both sides.
_DASH = re.compile(
    r"(?<!\d) ?(?:[\u2013\u2014\u2015]|-{2,}) ?| ?(?:[\u2013\u2014\u2015]|-{2,}) ?(?!\d)"
    r"|(?<!\d) - (?!\d)"
)
_NUMBER_DASH = re.compile(r"(?<=\d) ?(?:[\u2013\u2014\u2015]|-{2,}) ?(?=\d)")
_BRACKETS = re.compile(r" ?[()\[\]{}] ?")
_SPACES = re.compile(r" {2,}")
_SPACE_BEFORE_MARK = re.compile(f" +(?=[{PAUSE_CHARS}])")


def canonical(text: str, settings: NormalizeSettings) -> str:
    """NFC without invisible characters, quotes or odd spaces: equal words compare equal;
    `5'8"` → `5′ 8″` (feet and inches, read by the measure rule).

    Runs of spaces become one here already, so the patterns after it look for one space at
    most and stay linear in time.
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    if "'" in text or "\u2019" in text or "\u2032" in text:
        text = _FEET_INCHES.sub("\\1\u2032 \\2\u2033", text)
    text = _QUOTES.sub("", text)
    return _SPACES.sub(" ", _ODD_SPACE.sub(" ", text))


def drop_stray_nukta(text: str, settings: NormalizeSettings) -> str:
    """`हु़ई` → `हुई`: a nukta on a vowel sign or a vowel is a typo that engines mispronounce."""
    return _STRAY_NUKTA.sub("", text)


def marks(text: str, settings: NormalizeSettings) -> str:
    """Bars, ellipses, dashes and brackets → the few marks a speech engine pauses on;
    the abbreviation sign ॰ → `.`, which the abbreviation rule expects."""
    text = _BAR.sub(" । ", text)
    text = _ABBREVIATION_SIGN.sub(".", text)
    text = _ELLIPSIS.sub(" । ", text)
    text = _NUMBER_DASH.sub("-", text)
    text = _DASH.sub(" , ", text)
    return _BRACKETS.sub(" ", text)


def collapse_spaces(text: str, settings: NormalizeSettings) -> str:
    """One space between words, none before a pause mark or at the ends.

    Later rules match on single spaces; the punctuation class reuses this as its last tidy.
    """
    return _SPACE_BEFORE_MARK.sub("", _SPACES.sub(" ", text)).strip()


CHARACTER_RULES: tuple[Rule, ...] = (canonical, drop_stray_nukta)
MARK_RULES: tuple[Rule, ...] = (marks, collapse_spaces)
