"""The order of the normalizer's rules, in one place.

Unicode hygiene → scoreboards (`56* (30)`, while the brackets show) → marks → vehicle
registrations, AM/PM times and Latin abbreviations (`Dr.`: before a lexicon reads the word
and leaves the dot) → staff lexicon → built-in lexicon → web
addresses, e-mail and file names (before anything numeric reads their digits) → hashtags and
handles → titles, era marks, initials → cued and shaped digit strings (PIN codes, cards, IP
addresses) → pattern rules (signs, per-unit prices, dimensions, times with seconds, money,
time, dates, measures, telephone, ordinals, ranges, decimals/percent/fractions) → unknown
abbreviations (after the dotted currency marks and units are read) → codes (`1st`, Roman
numerals, `MiG-21`, `M&M`), letter+number codes and `+` → plain numbers → Latin words →
Latin capitals → punctuation (what is left and not silent stays, for the residue report).

Earlier rules see the text as written; each rule replaces what it recognises by spoken words,
so later, more general rules only see what is left.
"""

from . import hygiene
from .classes import (
    abbreviation,
    acronym,
    cardinal,
    code,
    date,
    decimal,
    digit_string,
    dimension,
    duration,
    electronic,
    hashtag,
    measure,
    money,
    ordinal,
    per_unit,
    punctuation,
    sign,
    telephone,
)
from .classes import range as ranges
from .classes import time as times
from .classes.latin import LatinReader
from .lexicon import Lexicon
from .rule import Rule

PATTERN_RULES: tuple[Rule, ...] = (
    *sign.RULES,
    *per_unit.RULES,
    *dimension.RULES,
    *duration.RULES,
    *money.RULES,
    *times.RULES,
    *date.RULES,
    *measure.RULES,
    *telephone.RULES,
    *ordinal.RULES,
    *ranges.RULES,
    *decimal.RULES,
)
# Every rule that reads written numbers, in pipeline order (the number-class tables run these).
NUMBER_RULES: tuple[Rule, ...] = (
    *digit_string.RULES,
    *PATTERN_RULES,
    *abbreviation.UNKNOWN_RULES,
    *code.RULES,
    *acronym.CODE_RULES,
    *cardinal.RULES,
)


def build_rules(staff: Lexicon, builtin: Lexicon) -> tuple[Rule, ...]:
    """Every rule in the order it runs; empty lexicons are left out. The Latin-word reader
    (with its cache of phonemized words) is new for each call: one per normalizer."""
    lexicons = tuple(lexicon for lexicon in (staff, builtin) if len(lexicon))
    latin = LatinReader.load(staff, builtin)
    return (
        *hygiene.CHARACTER_RULES,
        *sign.BRACKET_RULES,
        *hygiene.MARK_RULES,
        *digit_string.LATIN_RULES,
        *times.LATIN_RULES,
        *abbreviation.LATIN_RULES,
        *lexicons,
        *electronic.rules(latin),
        *hashtag.rules(latin),
        *abbreviation.RULES,
        *NUMBER_RULES,
        *code.MIXED_RULES,
        latin,
        *acronym.RULES,
        *hashtag.late_rules(latin),
        *punctuation.RULES,
    )
