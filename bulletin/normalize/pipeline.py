"""The order of the normalizer's rules, in one place.

Unicode hygiene → staff lexicon → built-in lexicon → web addresses and e-mail (before anything
numeric reads their digits) → titles and initials → pattern rules (money, time, dates,
measures, telephone, ordinals, ranges, decimals/percent/fractions) → era marks after years →
letter+number codes and `+` → plain numbers → Latin capitals → punctuation.

Earlier rules see the text as written; each rule replaces what it recognises by spoken words,
so later, more general rules only see what is left.
"""

from . import hygiene
from .classes import (
    abbreviation,
    acronym,
    cardinal,
    date,
    decimal,
    electronic,
    measure,
    money,
    ordinal,
    punctuation,
    telephone,
)
from .classes import range as ranges
from .classes import time as times
from .lexicon import Lexicon
from .rule import Rule

PATTERN_RULES: tuple[Rule, ...] = (
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
    *PATTERN_RULES,
    *abbreviation.ERA_RULES,
    *acronym.CODE_RULES,
    *cardinal.RULES,
)


def build_rules(staff: Lexicon, builtin: Lexicon) -> tuple[Rule, ...]:
    """Every rule in the order it runs; empty lexicons are left out."""
    lexicons = tuple(lexicon for lexicon in (staff, builtin) if len(lexicon))
    return (
        *hygiene.RULES,
        *lexicons,
        *electronic.RULES,
        *abbreviation.RULES,
        *NUMBER_RULES,
        *acronym.RULES,
        *punctuation.RULES,
    )
