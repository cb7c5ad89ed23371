"""Money: the currency word follows the amount and its scale word.

`₹250` → दो सौ पचास रुपये; `₹3,500 करोड़` → तीन हज़ार पाँच सौ करोड़ रुपये;
`₹42.50` → बयालीस रुपये पचास पैसे; `$5 बिलियन` → पाँच बिलियन डॉलर; written after the amount
too: `750 रु.` → सात सौ पचास रुपये, `50¢` → पचास सेंट, `100 USD` → एक सौ डॉलर.
`Rs` `Rs.` `INR` `रु.` are ₹;
symbols, codes and words come from `data/currencies.tsv`, sub-units from `data/subunits.tsv`.
रुपये is spelled as `settings.rupee_spelling` says. Exactly one of a unit takes the singular
(`data/singular.tsv`): `₹1` → एक रुपया, `₹1.50` → एक रुपया पचास पैसे, `₹0.01` → एक पैसा; before a
postposition (`data/postpositions.tsv`) it keeps the oblique form: `₹1 का सिक्का` → एक रुपये का.

Runs first among the number rules: its amounts hold decimal points and ranges
(`₹10-12 लाख`) that decimal and range would otherwise take.
"""

import re

from ...charclasses import DIGIT, LETTER
from ..data import alternation, keys_pattern, load_table
from ..numbers import (
    END,
    INTEGER,
    NUMBER,
    START,
    amount,
    cardinal,
    integer,
    number,
    parse_number,
    word,
)
from ..rule import Rule
from ..settings import NormalizeSettings
from .range import DASH_RE, SPAN, say_span, value_of

_CURRENCIES = load_table("currencies")
_SUBUNITS = load_table("subunits")
_SCALE_WORDS = load_table("scale_words")
_SINGULAR = load_table("singular")
_RUPEE = _CURRENCIES["₹"]
_SCALES = rf"((?:\s+{keys_pattern('scale_words')}(?!{LETTER}))*)"
# `₹5 से 7 लाख`: a range written with से shares the currency and the scale word.
_TO = word("to")
_MONEY_RE = re.compile(
    rf"(?<!{LETTER})({keys_pattern('currencies')})\s?({SPAN}){END}"
    rf"(?:\s{_TO}\s({NUMBER}){END})?{_SCALES}"
)
_AFTER_MARKS = {k.rstrip(".") for k in _CURRENCIES}
_AFTER_FIRSTS = re.escape("".join(sorted({k[0] for k in _AFTER_MARKS})))
# The currency mark after the amount (`750 रु.`, `50¢`, `100 USD`): its dot is kept at the
# end of the text, where it is also the full stop.
_AFTER_RE = re.compile(
    rf"{START}({SPAN}){END}{_SCALES}\s?(?=[{_AFTER_FIRSTS}])({alternation(_AFTER_MARKS)})"
    rf"(?!{LETTER})(?:\.(?!\s*$))?"
)
_WITH_CENTS_RE = re.compile(rf"({INTEGER})\.({DIGIT}{{1,2}})")
_INTEGER_RE = re.compile(INTEGER)
_PAUSE_AHEAD = re.compile(r"\s*(?:[,.;:।?!]|$)")
_POSTPOSITION_AHEAD = re.compile(rf"\s*{keys_pattern('postpositions')}(?!{LETTER})")


def _singular(unit: str) -> str:
    """`रुपये` → रुपया, `नेपाली रुपये` → नेपाली रुपया: the last word takes the singular."""
    *adjectives, noun = unit.split(" ")
    return " ".join([*adjectives, _SINGULAR.get(noun, noun)])


def _say_with_subunit(written: str, currency: str, subunit: str | None, direct: bool) -> str:
    """`42.50` → बयालीस रुपये पचास पैसे; `0.75` → पचहत्तर पैसे; 3+ decimals stay a decimal.
    In the `direct` case (no postposition after) exactly one is singular: एक रुपया, एक पैसा."""

    def counted(count: int | None, spoken: str, unit: str) -> str:
        return f"{spoken} {_singular(unit) if direct and count == 1 else unit}"

    split = _WITH_CENTS_RE.fullmatch(written) if subunit else None
    if not split:
        whole = parse_number(written) if _INTEGER_RE.fullmatch(written) else None
        return counted(whole, number(written), currency)
    whole, cents = parse_number(split[1]), parse_number(split[2].ljust(2, "0"))
    parts = [counted(whole, integer(split[1]), currency)] if whole or not cents else []
    if cents:
        parts.append(counted(cents, cardinal(cents), subunit))
    return " ".join(parts)


def money(text: str, settings: NormalizeSettings) -> str:
    """`₹5 लाख` → पाँच लाख रुपये; `Rs. 1,500` → एक हज़ार पाँच सौ रुपये; `₹2.5 लाख` → ढाई लाख रुपये
    (colloquial halves); `₹10-12 लाख` → दस से बारह लाख रुपये; `$4.50` → चार डॉलर पचास सेंट.
    """

    def say(mark: str, written: str, scales: str, after: str, last: str | None = None) -> str:
        canonical = _CURRENCIES[mark]
        currency = canonical.replace(_RUPEE, settings.rupee_spelling)
        scale = [_SCALE_WORDS[w] for w in scales.split()]
        if last:
            colloquial = settings.colloquial_halves and bool(scale)
            ends = (amount(w, colloquial=colloquial) for w in (written, last))
            return " ".join([f" {_TO} ".join(ends), *scale, currency])
        if not scale and not DASH_RE.search(written):
            direct = not _POSTPOSITION_AHEAD.match(after)
            return _say_with_subunit(written, currency, _SUBUNITS.get(canonical), direct)
        colloquial = settings.colloquial_halves and bool(scale)
        spoken = say_span(written, lambda w: amount(w, colloquial=colloquial))
        return " ".join([spoken, *scale, currency])

    def before(match: re.Match[str]) -> str:
        after = match.string[match.end() :]
        if match[3] and not _is_range(match[2], match[3], bool(match[4]), after):
            rest = match.string[match.end(2) : match.end()]
            return say(match[1], match[2], "", rest) + rest
        return say(match[1], match[2], match[4], after, match[3])

    text = _MONEY_RE.sub(before, text)
    return _AFTER_RE.sub(lambda m: say(m[3], m[1], m[2], m.string[m.end() :]), text)


def _is_range(first: str, last: str, scaled: bool, after: str) -> bool:
    """`₹5 से 7 लाख`, `₹50 से 60 के बीच` are ranges of money; `₹500 से 10 गुना` is not: the
    second number must be larger and end the amount (a scale word, a postposition, a pause)."""
    if not value_of(first) < value_of(last):
        return False
    return scaled or bool(_POSTPOSITION_AHEAD.match(after) or _PAUSE_AHEAD.match(after))


RULES: tuple[Rule, ...] = (money,)
