"""Romanized Hindi → Devanagari, and telling romanized Hindi from English.

English phonemes spell English words well and Hindi names badly (`Samajwadi` would come out
सैमजवाडी), so a word no list knows is first judged by its letters: a naive-Bayes model of
letter trigrams, counted from the built-in word lists themselves (English lists against the
romanized-Hindi, Indian-name and place lists), decides whether it looks like romanized Hindi.
Such a word is spelled by the loose romanization Hindi copy uses:

    Bhagwan → भगवान · Gopal → गोपाल (aa ā, ee ī, oo ū, ai ऐ, au औ; a final a is ा, and so
    is the a of a last syllable in n r l s v g b d after an earlier vowel: -ān, -ār, -āl …)
    Prithvi → प्रिथ्वी · Swachh → स्वच्छ · Mohalla → मोहल्ला · Kumbh → कुंभ

Clusters: a doubled letter, r or sh after a vowel, a consonant before r or y, and s t d
before v/w take a virama (ल्ल, शर्मा, लक्ष्मी, प्र, ध्य, स्व); n/m before a consonant is the
anusvara (कुंभ); any other pair
of consonants keeps the inherent vowel between them, as Devanagari writes the schwa that
romanization drops (`Kejriwal` केजरिवाल).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

_CONSONANTS = {
    "chh": "छ", "ksh": "क्ष", "kh": "ख", "gh": "घ", "ch": "च", "jh": "झ", "th": "थ",
    "dh": "ध", "ph": "फ", "bh": "भ", "sh": "श", "k": "क", "g": "ग", "c": "क", "j": "ज",
    "t": "त", "d": "द", "n": "न", "p": "प", "b": "ब", "m": "म", "y": "य", "r": "र",
    "l": "ल", "v": "व", "w": "व", "s": "स", "h": "ह", "z": "ज़", "f": "फ़", "q": "क़",
    "x": "क्स",
}
_VOWELS = {  # letters: (independent vowel, sign after a consonant)
    "aa": ("आ", "ा"), "ai": ("ऐ", "ै"), "au": ("औ", "ौ"), "ee": ("ई", "ी"), "ii": ("ई", "ी"),
    "oo": ("ऊ", "ू"), "ou": ("औ", "ौ"), "a": ("अ", ""), "e": ("ए", "े"), "i": ("इ", "ि"),
    "o": ("ओ", "ो"), "u": ("उ", "ु"),
}
_FINAL_SIGNS = {"a": "ा", "i": "ी"}  # शर्मा, मोदी
_LONG_BEFORE = {"n", "r", "l", "s", "v", "w", "g", "b", "d"}  # -ān -ār -āl -ās -āv -āg -āb -ād
_TOKEN = re.compile("|".join(sorted([*_CONSONANTS, *_VOWELS], key=len, reverse=True)))
_VIRAMA = "्"
_ANUSVARA = "ं"
_JOINING_SECOND = {"r", "y"}
_JOIN_BEFORE_V = {"s", "t", "d", "dh", "sh"}
_NASAL = {"n", "m"}
_ORDER = 3  # letter trigrams
_PRIOR_LOG_ODDS = -1.0  # an unknown word is English unless its letters say otherwise
_MIN_LETTERS = 5
_HINDI_ONLY = re.compile("aa|bh|dh|gh|jh|kh")
_THRESHOLD = 3.0  # log-odds the letters must reach for romanized Hindi


def transliterate(word: str) -> str:
    """A romanized Hindi word (ASCII letters) in Devanagari."""
    tokens = _TOKEN.findall(word.lower())
    out: list[str] = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        last = i == len(tokens) - 1
        if token in _VOWELS:
            before = tokens[i - 1] if i else None
            if token == "a" and i == len(tokens) - 2 and after in _LONG_BEFORE and any(
                    t in _VOWELS for t in tokens[: i - 1]):
                token = "aa"  # the long final syllable of भगवान, किसान, विभाग
            if before in _CONSONANTS:
                out.append(_FINAL_SIGNS.get(token, _VOWELS[token][1]) if last
                           else _VOWELS[token][1])
            else:
                out.append(_VOWELS[token][0])
            continue
        letter = _CONSONANTS[token]
        if after is None or after in _VOWELS:
            out.append(letter)
        elif after == token or (token in {"r", "sh", "ksh"} and i and tokens[i - 1] in _VOWELS):
            out.append(letter + _VIRAMA)  # मोहल्ला, अम्मा; शर्मा, लक्ष्मी
        elif token in _NASAL and i and tokens[i - 1] in _VOWELS:
            out.append(_ANUSVARA)
        elif (after in _JOINING_SECOND
              or (after in {"v", "w"} and token in _JOIN_BEFORE_V) or (token == "s" and i == 0)):
            out.append(letter + _VIRAMA)
        elif token == "ch" and after == "chh":
            out.append("च्")
        else:
            out.append(letter)
    return "".join(out)


@dataclass(frozen=True)
class OriginModel:
    """Letter-trigram counts of English and romanized-Hindi words: `log_odds(word)` > 0
    when the word looks like romanized Hindi."""

    english: Mapping[str, int]
    hindi: Mapping[str, int]
    english_total: int
    hindi_total: int
    vocabulary: int

    @classmethod
    def train(cls, english: Iterable[str], hindi: Iterable[str]) -> OriginModel:
        e = Counter(g for w in english for g in _grams(w))
        h = Counter(g for w in hindi for g in _grams(w))
        return cls(MappingProxyType(dict(e)), MappingProxyType(dict(h)), sum(e.values()),
                   sum(h.values()), len(e.keys() | h.keys()) + 1)

    def log_odds(self, word: str) -> float:
        odds = _PRIOR_LOG_ODDS
        for gram in _grams(word):
            odds += math.log((self.hindi.get(gram, 0) + 1) / (self.hindi_total + self.vocabulary))
            odds -= math.log(
                (self.english.get(gram, 0) + 1) / (self.english_total + self.vocabulary)
            )
        return odds

    def is_romanized_hindi(self, word: str) -> bool:
        """Short words carry too few trigrams to judge: under five letters only a spelling
        English does not use (aa, bh, dh, gh, jh, kh) makes one romanized Hindi."""
        if len(word) < _MIN_LETTERS and not _HINDI_ONLY.search(word.lower()):
            return False
        return self.log_odds(word) > _THRESHOLD


def _grams(word: str) -> list[str]:
    padded = f"^{word.lower()}$"
    return [padded[i : i + _ORDER] for i in range(len(padded) - _ORDER + 1)]
