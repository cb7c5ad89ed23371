"""Abbreviations with a dot, and initials before a name.

    डॉ.एस.जयशंकर → डॉक्टर एस जयशंकर · प्रो. यशपाल → प्रोफ़ेसर यशपाल · नं. 1 → नंबर 1
    ए.पी.जे. अब्दुल कलाम → ए पी जे अब्दुल कलाम · 1947 ई. में → 1947 ईसवी में
    म.प्र. सरकार / म. प्र. सरकार → मध्य प्रदेश सरकार · Dr. Singh → डॉक्टर Singh
    भा.कि.यू. नेता (unknown) → भा․कि․यू․ नेता, reported as residue, no sentence break

A dotted key (`म.प्र.`, `ई.पू.`) also matches with a space after an inner dot (`ई. पू.`).
Latin abbreviations (`data/latin_abbreviations.tsv`: Dr. Mr. No. Ltd. vs. …) are read
before the lexicons, since a lexicon would read `Dr` as a word and leave its dot to end the
sentence; they are case-sensitive.

An unknown abbreviation is a one-akshara Devanagari word with a dot (`पृ.`, `जि.`) that is
not a Hindi word able to end a sentence (`data/sentence_words.tsv`: है था की दो …), before a
number or a word, or a chain of such words (`क.ख.ग.` of bare letters is initials; era marks
are read as eras). Its dots become `․` (U+2024, one dot leader), which no rule reads and
hygiene leaves alone: the residue report names the abbreviation, and the sentence goes on.

Titles (`data/abbreviations.tsv`) are expanded before the number rules. An initial is a
letter name (`data/letters.tsv`: एस, के, डब्ल्यू …) or a single Devanagari letter, with a dot,
before a name: the dot goes and no sentence ends there. Any other word of one or two akshara
with a dot is not an initial (`हुए है. जिसकी`, `चला गया.` end sentences). Era marks
(`data/eras.tsv`: ई., ई.पू.) usually follow a year, so they are expanded after the number rules
have read the year (`ई.` after a number is an era, never the initial E). Written before a
number (`ई.पू. 500`, `ई. 1200`) an era mark is expanded with the titles, before the initials
rule could take `ई.` for an initial and leave `पू.` to end a sentence.
"""

import re
from collections.abc import Iterable

from ...charclasses import (
    CONSONANT_CHARS,
    DEVANAGARI_LETTER_CHARS,
    DIGIT,
    DIGIT_CHARS,
    NASAL_SIGN_CHARS,
    NUKTA,
    UNREAD_DOT,
    VIRAMA,
    VOWEL_CHARS,
    VOWEL_SIGN_CHARS,
    WORD_START,
)
from ..data import alternation, load_table
from ..rule import Rule
from ..settings import NormalizeSettings

ABBREVIATIONS = load_table("abbreviations")
LATIN_ABBREVIATIONS = load_table("latin_abbreviations")
ERAS = load_table("eras")
# A multi-part era mark (`ई.पू.`) is never an initial: it is read wherever it stands.
_WORDS_ANYWHERE = {**ABBREVIATIONS, **{k: v for k, v in ERAS.items() if k.count(".") > 1}}
_SENTENCE_WORDS = frozenset(load_table("sentence_words"))
_WORD = rf"\w{DEVANAGARI_LETTER_CHARS}"
# Letter names that are also Hindi words able to end a sentence (honorific जी, verb आई):
# alone and followed by a space they are read as words, not initials.
_ALSO_WORDS = frozenset({"जी", "आई"})
# One akshara: a consonant cluster or a vowel, a vowel sign, a nasal sign.
_AKSHARA = (
    rf"(?:[{CONSONANT_CHARS}]{NUKTA}?(?:{VIRAMA}[{CONSONANT_CHARS}]{NUKTA}?)*|[{VOWEL_CHARS}])"
    rf"[{VOWEL_SIGN_CHARS}]?[{NASAL_SIGN_CHARS}]?"
)


def dotted(keys: Iterable[str]) -> str:
    """An alternation of dotted keys, longest first, an inner dot optionally spaced:
    `ई.पू.` matches `ई.पू.` and `ई. पू.`."""
    ordered = sorted(keys, key=len, reverse=True)
    return "(?:" + "|".join(r"\. ?".join(map(re.escape, k.split("."))) for k in ordered) + ")"


def _key(written: str) -> str:
    """The table key of a dotted abbreviation as matched (`ई. पू.` → `ई.पू.`)."""
    return written.replace(". ", ".")


_LETTER_NAME = alternation(load_table("letters").values())
_ONE_INITIAL = rf"(?:{_LETTER_NAME}|[{CONSONANT_CHARS}]{NUKTA}?|[{VOWEL_CHARS}])\."
# An era mark after a number (first, so that `पू.` of `500 ई. पू.` is no title), a title, or
# an era mark before a number (`500 ई.पू. 300 ई.` is two years, both marks after theirs).
_FIRSTS = "".join(sorted({k[0] for k in (*_WORDS_ANYWHERE, *ERAS)}))
_KEY_CHARS = max(len(k.split(".")[0]) for k in (*_WORDS_ANYWHERE, *ERAS))  # before the first dot
_TITLE = re.compile(
    rf"(?=[{_FIRSTS}][^\s.]{{0,{_KEY_CHARS}}}\.)(?<![{_WORD}])"
    rf"(?:(?<={DIGIT} )({dotted(ERAS)})|({dotted(_WORDS_ANYWHERE)})"
    rf"|(?<!{DIGIT} )({dotted(ERAS)})(?= ?{DIGIT})) ?"
)
_LATIN_TITLE = re.compile(
    rf"(?=[A-Za-z])(?<![A-Za-z.])({dotted(LATIN_ABBREVIATIONS)})(?![A-Za-z]) ?"
)
# A chain of initials starts after no word and no dot: `यू.` of `भा.कि.यू.` is no initial.
_INITIALS = re.compile(
    rf"(?<![{_WORD}.])(?<!{DIGIT} )((?:{_ONE_INITIAL} ?)+)(?={WORD_START})"
)
_ONE = re.compile(_ONE_INITIAL)
# Unknown: a dot after a Devanagari letter, before a word or a number (found by the dot: the
# engine skips to each `.` fast), whose word before is one short akshara.
_DOT_BEFORE_WORD = re.compile(
    rf"(?<=[{DEVANAGARI_LETTER_CHARS}])\.(?= ?[{DEVANAGARI_LETTER_CHARS}{DIGIT_CHARS}])"
)
_SHORT_BEFORE = re.compile(rf"(?<![{_WORD}])({_AKSHARA})\Z")
_SHORT_CHARS = 8  # more than the longest akshara
_CHAIN_AHEAD = re.compile(rf"{_AKSHARA}\.")
_ENDS_WITH_ABBREVIATION = re.compile(
    rf"(?<![{_WORD}])(?:{dotted([*ABBREVIATIONS, *ERAS])})\Z"
    rf"|(?<![A-Za-z.]){dotted(LATIN_ABBREVIATIONS)}\Z"
)
_ENDS_WITH_INITIAL = re.compile(rf"(?<![{_WORD}])(?:{_ONE_INITIAL} ?)+\Z")
_ENDS_WITH_SHORT = re.compile(rf"(?<![{_WORD}.])(?:{_AKSHARA}\. ?)*({_AKSHARA})\.\Z")
# Dotted currency marks before an amount (`रु. 750`) and dotted units after one (`10 मि. बाद`).
_DOTTED_CURRENCIES = [k for k in load_table("currencies") if k.endswith(".")]
_DOTTED_UNITS = [k for k in load_table("units") if k.endswith(".")]
_ENDS_WITH_AMOUNT_MARK = re.compile(
    rf"(?<![{_WORD}])(?:{dotted(_DOTTED_CURRENCIES)})\Z|{DIGIT} ?(?:{dotted(_DOTTED_UNITS)})\Z"
)
_NAME_AHEAD = re.compile(rf" ?{WORD_START}")
_WORD_AHEAD = re.compile(rf" ?[{DEVANAGARI_LETTER_CHARS}{DIGIT_CHARS}]")
_LOOK_BACK = 24  # characters: more than the longest chain of initials


def titles(text: str, settings: NormalizeSettings) -> str:
    """`डॉ.एस.जयशंकर` → `डॉक्टर एस.जयशंकर`: a title is a word, followed by a space.
    `ई.पू. 500` → `ईसा पूर्व 500`, `1947 ई.` → `1947 ईसवी`: an era mark next to a number is
    no initial (the date rules then read the year beside ईसवी / ईसा पूर्व)."""

    def say(match: re.Match[str]) -> str:
        if match[1]:
            return ERAS[_key(match[1])] + " "
        if match[2]:
            return _WORDS_ANYWHERE[_key(match[2])] + " "
        return ERAS[_key(match[3])] + " "

    return _TITLE.sub(say, text)


def latin_titles(text: str, settings: NormalizeSettings) -> str:
    """`Dr. Singh` → `डॉक्टर Singh`, `No. 5` → `नंबर 5`, `Pvt. Ltd.` → प्राइवेट लिमिटेड."""
    return _LATIN_TITLE.sub(lambda m: LATIN_ABBREVIATIONS[_key(m[1])] + " ", text)


def _is_word(letters: list[str], spaced: bool) -> bool:
    """`मोदी जी. इसके`: a lone letter name that is also a word, then a space, ends a sentence."""
    return len(letters) == 1 and spaced and letters[0][:-1] in _ALSO_WORDS


def _drop_dots(match: re.Match[str]) -> str:
    chain = match[1]
    letters = _ONE.findall(chain)
    if _is_word(letters, chain.endswith(" ")):
        return chain
    return " ".join(letter[:-1] for letter in letters) + " "


def initials(text: str, settings: NormalizeSettings) -> str:
    """`एस.जयशंकर` → `एस जयशंकर`: the dot of an initial is not a full stop."""
    return _INITIALS.sub(_drop_dots, text)


def unknown_abbreviations(text: str, settings: NormalizeSettings) -> str:
    """`पृ. 12`, `जि. अध्यक्ष`, `भा.कि.यू. नेता` without a table entry: the dots become `․`
    for the residue report instead of ending the sentence; `है. उसके` is a sentence end."""
    if "." not in text:
        return text

    def mark(match: re.Match[str]) -> str:
        dot = match.start()
        short = _SHORT_BEFORE.search(text, max(0, dot - _SHORT_CHARS), dot)
        if not short:
            return "."
        chained = text.startswith(".", short.start() - 1) or _CHAIN_AHEAD.match(text, dot + 1)
        return UNREAD_DOT if chained or short[1] not in _SENTENCE_WORDS else "."

    return _DOT_BEFORE_WORD.sub(mark, text)


def is_abbreviation_dot(text: str, index: int) -> bool:
    """Whether the `.` at `text[index]` closes an abbreviation or an initial (not a sentence):
    the same decisions the rules above take, made on the written text."""
    before = text[max(0, index - _LOOK_BACK) : index + 1]
    if _ENDS_WITH_ABBREVIATION.search(before) or _ENDS_WITH_AMOUNT_MARK.search(before):
        return True
    match = _ENDS_WITH_INITIAL.search(before)
    if match and _NAME_AHEAD.match(text, index + 1):
        return not _is_word(_ONE.findall(match[0]), text.startswith(" ", index + 1))
    short = _ENDS_WITH_SHORT.search(before)
    if not short:
        return False
    if " " not in short[0] and short[0].count(".") > 1:
        return True  # a glued chain: initials with a name ahead were handled above
    return short[1] not in _SENTENCE_WORDS and bool(_WORD_AHEAD.match(text, index + 1))


LATIN_RULES: tuple[Rule, ...] = (latin_titles,)
"""Run before the lexicons, which would read the word and leave the dot."""

RULES: tuple[Rule, ...] = (titles, initials)
"""Run before the number rules (`नं. 1`, initials never touch digits)."""

UNKNOWN_RULES: tuple[Rule, ...] = (unknown_abbreviations,)
"""Run after the pattern rules, which read dotted currency marks and units (`रु.`, `कि.मी.`)."""
