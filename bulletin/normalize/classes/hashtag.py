"""Hashtags and @handles, read the way a newsreader says them on air.

    #SwachhBharat → हैशटैग स्वच्छ भारत · #G20Summit → हैशटैग जी बीस समिट
    #मेक_इन_इंडिया → हैशटैग मेक इन इंडिया · @RailMinIndia → एट रेल मिन इंडिया
    @narendramodi → एट नरेंद्र मोदी · @PMOIndia → एट पीएमओ इंडिया

`#` is हैशटैग and `@` एट, said before the words of the tag. The tag is cut into words at
underscores, at a change of script, at CamelCase humps and at digits; a run of lower-case
letters is cut into the fewest words the lexicons know (`narendramodi`), and each piece is
read by the Latin-word rule. Digits in a tag are a number (`#G20` जी बीस). A `#` before a
number alone (`#1`) is not a hashtag; an address with `@` is an e-mail (read earlier).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...charclasses import DEVANAGARI_LETTER_CHARS, DIGIT_CHARS, LATIN_ACCENTED_CHARS, LATIN_CHARS
from ..rule import Rule
from ..settings import NormalizeSettings

if TYPE_CHECKING:
    from .latin import LatinReader

HASHTAG_WORD = "हैशटैग"
HANDLE_WORD = "एट"
_LATIN = LATIN_CHARS + LATIN_ACCENTED_CHARS
_BODY = f"[{_LATIN}{DIGIT_CHARS}{DEVANAGARI_LETTER_CHARS}_]"
_LETTER = f"[{_LATIN}{DEVANAGARI_LETTER_CHARS}]"
_HASHTAG = re.compile(rf"(?<![{_LATIN}{DIGIT_CHARS}{DEVANAGARI_LETTER_CHARS}&])#"
                      rf"({_BODY}*{_LETTER}{_BODY}*)")
_HANDLE = re.compile(rf"(?<![{_LATIN}{DIGIT_CHARS}._%+-])@([{_LATIN}{DIGIT_CHARS}_]*"
                     rf"[{_LATIN}][{_LATIN}{DIGIT_CHARS}_]*)")
TAG = (rf"(?<![{_LATIN}{DIGIT_CHARS}{DEVANAGARI_LETTER_CHARS}&._%+-])"
       rf"[#@]{_BODY}*{_LETTER}{_BODY}*")
"""A hashtag or handle (the lexicons pass over these: their words are read here)."""
_RUNS = re.compile(rf"(?P<devanagari>[{DEVANAGARI_LETTER_CHARS}]+)|[{_LATIN}{DIGIT_CHARS}]+")


def _words(reader: LatinReader, body: str) -> str:
    """The tag's words: Devanagari runs as written, Latin runs read by `reader`."""
    return " ".join(
        run[0] if run["devanagari"] else reader.phrase(run[0]) for run in _RUNS.finditer(body)
    )


def rules(reader: LatinReader) -> tuple[Rule, ...]:
    """The hashtag and handle rules, reading words with `reader`."""

    def handles(text: str, settings: NormalizeSettings) -> str:
        """`@RailMinIndia` → एट रेल मिन इंडिया."""
        if "@" not in text:
            return text
        return _HANDLE.sub(lambda m: f" {HANDLE_WORD} {_words(reader, m[1])} ", text)

    return (_hashtags(reader), handles)


def late_rules(reader: LatinReader) -> tuple[Rule, ...]:
    """The hashtag rule once more, after the numbers: a `#` no rule read (`##5`) now stands
    before spoken words, which a second normalization would read as a tag; reading it now
    keeps speech text a fixed point."""
    return (_hashtags(reader),)


def _hashtags(reader: LatinReader) -> Rule:
    def hashtags(text: str, settings: NormalizeSettings) -> str:
        """`#SwachhBharat` → हैशटैग स्वच्छ भारत."""
        if "#" not in text:
            return text
        return _HASHTAG.sub(lambda m: f" {HASHTAG_WORD} {_words(reader, m[1])} ", text)

    return hashtags
