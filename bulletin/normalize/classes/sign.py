"""Signs that change what a number means: minus, plus, about, plus-minus, the number sign,
and the operators of a written sum.

    -1.2% → माइनस एक दशमलव दो प्रतिशत · −3 डिग्री → माइनस तीन डिग्री · +5% → प्लस पाँच प्रतिशत
    ~5 किमी → लगभग पाँच किलोमीटर · 5~7 → पाँच से सात · ±2% → प्लस माइनस दो प्रतिशत
    #1 → नंबर एक · 2 + 3 = 5 → दो प्लस तीन बराबर पाँच · 1-2=5 → एक माइनस दो बराबर पाँच
    3^2 / 3² → तीन का वर्ग · 2^3 → दो का घन · 10^6 → दस की घात छह
    <5% → पाँच प्रतिशत से कम · >50 किमी → पचास किलोमीटर से अधिक · ≥18 → अठारह से अधिक या बराबर
    89* रन → नाबाद नवासी रन (a star after a batsman's runs; elsewhere a footnote's, silent)
    56* (30) → नाबाद छप्पन रन, तीस गेंद (a scoreboard: the balls faced in brackets)

A `-` is a minus only where it cannot be a hyphen, a range or a score: glued to the number
(or currency sign) after it, with no letter, digit or `.,/` right before it and no number
just before it (`कोविड-19`, `10-12`, `T-90`, `3 -1` keep theirs). `−` (U+2212) is always a
minus. A `+` before a number is प्लस unless eight or more digits follow (`+91 98…` is the
telephone rule's). In a sum with `=`, `-` `*` `/` `×` `÷` between numbers are operators.

Runs first among the pattern rules, so money, measures and percent read the number after it.
"""

import functools
import re

from ...charclasses import DEVANAGARI_LETTER_CHARS, DIGIT, DIGIT_CHARS, LATIN_CHARS
from ..data import alternation, load_table
from ..numbers import NUMBER, word
from ..rule import Rule
from ..settings import NormalizeSettings

# Currency signs that stand before an amount (`-₹500`, `~$5`): single non-letter keys.
_SIGNS = "".join(
    re.escape(k) for k in load_table("currencies") if len(k) == 1 and not k.isalpha()
)
_AMOUNT_AHEAD = rf"(?=[{_SIGNS}]?\s?{DIGIT})"
_NOT_AFTER = rf"(?<![{DIGIT_CHARS}{LATIN_CHARS}{DEVANAGARI_LETTER_CHARS}.,/])(?<!{DIGIT} )"
_MINUS = re.compile(rf"{_NOT_AFTER}-(?={DIGIT}|[{_SIGNS}]{DIGIT})|\u2212\s?{_AMOUNT_AHEAD}")
_PLUS = re.compile(rf"{_NOT_AFTER}\+\s?(?!(?:[\s-]?{DIGIT}){{8}}){_AMOUNT_AHEAD}")
_ABOUT_BETWEEN = re.compile(rf"(?<={DIGIT})\s?~\s?(?={DIGIT})")
_ABOUT = re.compile(rf"~\s?{_AMOUNT_AHEAD}")
_PLUS_MINUS = re.compile(r"\s?±\s?")
_NUMBER_SIGN = re.compile(rf"(?<![^\W_]|&)#\s?(?={DIGIT})")
# A power: `10^6`, `2^2`, `10²`: squares and cubes have their own words.
_POWER = re.compile(rf"(?<={DIGIT})(?:\^\s?({DIGIT}+)|([²³]))")
_SUPERSCRIPTS = {"²": "2", "³": "3"}
# A comparison before an amount: the words follow the amount and its `%`, unit or scale word.
_UNIT_WORDS = alternation({*load_table("units"), *load_table("scale_words")})
_COMPARISON_SIGNS = "<>≤≥"
_COMPARISONS = {
    "<": word("less than"),
    ">": word("more than"),
    "≤": word("at most"),
    "≥": word("at least"),
}
_OPERATOR = r"[-+*×÷/−]"
_IN_SUM = re.compile(r"\s*([-+*×÷/−=])\s*")
_OPERATORS = {
    "-": word("minus"),
    "−": word("minus"),
    "+": word("plus"),
    "*": word("times"),
    "×": word("times"),
    "÷": word("divided by"),
    "/": word("over"),
    "=": word("equals"),
}
_EQUALS = re.compile(r"\s?=\s?")
# A batsman's score marked not out: a star glued to the runs.
_STARRED_RUNS = rf"(?<![{DIGIT_CHARS}.,])({DIGIT}+)\*"
_NOT_OUT = re.compile(rf"{_STARRED_RUNS}(?=\s?(?:रन|[Rr]uns?\b))")  # before रन / runs
# The scoreboard form: then the balls faced in brackets (`56* (30)`).
_SCOREBOARD = re.compile(rf"{_STARRED_RUNS}\s?\(\s?({DIGIT}+)\s?\)")
_ANY_SIGN = re.compile("[-−+~±#=^²³<>≤≥*]")


@functools.cache
def _compared() -> re.Pattern[str]:
    # this and `_sum` cost ~2 ms to compile, and only a text with their sign needs them
    return re.compile(
        rf"([{_COMPARISON_SIGNS}])\s?([{_SIGNS}]?\s?{NUMBER}(?:\s?%|\s?{_UNIT_WORDS}"
        rf"(?![{LATIN_CHARS}{DEVANAGARI_LETTER_CHARS}]))?)"
    )


@functools.cache
def _sum() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![{DIGIT_CHARS}.,])(?:{NUMBER}\s*{_OPERATOR}\s*)*{NUMBER}\s*=\s*"
        rf"{NUMBER}(?:\s*{_OPERATOR}\s*{NUMBER})*(?![{DIGIT_CHARS}])"
    )


def _say_sum(match: re.Match[str]) -> str:
    return _IN_SUM.sub(lambda m: f" {_OPERATORS[m[1]]} ", match[0])


def signs(text: str, settings: NormalizeSettings) -> str:
    """`-1.2%` → `माइनस 1.2%`, `~5 किमी` → `लगभग 5 किमी`, `#1` → `नंबर 1`, `2+3=5` →
    `2 प्लस 3 बराबर 5`: the words go before the number, which later rules read."""
    if not _ANY_SIGN.search(text):
        return text
    if "=" in text:
        text = _sum().sub(_say_sum, text)
        text = _EQUALS.sub(f" {word('equals')} ", text)
    text = _MINUS.sub(f"{word('minus')} ", text)
    text = _PLUS.sub(f"{word('plus')} ", text)
    text = _ABOUT_BETWEEN.sub(f" {word('to')} ", text)
    text = _ABOUT.sub(f"{word('about')} ", text)
    text = _PLUS_MINUS.sub(f" {word('plus or minus')} ", text)
    text = _POWER.sub(_say_power, text)
    if any(sign in text for sign in _COMPARISON_SIGNS):
        text = _compared().sub(lambda m: f"{m[2]} {_COMPARISONS[m[1]]}", text)
    text = _NOT_OUT.sub(rf"{word('not out')} \1", text)
    return _NUMBER_SIGN.sub(f"{word('number')} ", text)


def _say_power(match: re.Match[str]) -> str:
    exponent = match[1] or _SUPERSCRIPTS[match[2]]
    if exponent in ("2", "२"):
        return f" {word('squared')}"
    if exponent in ("3", "३"):
        return f" {word('cubed')}"
    return f" {word('to the power')} {exponent}"


def scoreboard(text: str, settings: NormalizeSettings) -> str:
    """`56* (30)` → `56* रन , 30 गेंद ,`: the words a scorecard leaves out, said before the
    brackets fall silent (hygiene's `marks`), so that the star still reads नाबाद."""
    if "*" not in text:
        return text
    return _SCOREBOARD.sub(rf"\1* {word('runs')} , \2 {word('balls')} ,", text)


# Runs before the brackets are made silent: the one sign rule that needs them.
BRACKET_RULES: tuple[Rule, ...] = (scoreboard,)
RULES: tuple[Rule, ...] = (signs,)
