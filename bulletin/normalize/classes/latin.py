"""Latin-script words: every word in Latin letters is read in Devanagari, none reaches a voice.

    Digital India अभियान → डिजिटल इंडिया अभियान · iPhone → आईफ़ोन · MLAs → एमएलए
    Startups → स्टार्टअप्स · eKYC → ईकेवाईसी · Zelenskyy → (espeak-ng English) ज़ेलेंस्की

A word is looked up, in this order, in the staff lexicons, the built-in lexicon
(`data/lexicon.yaml`) and the word lists of `data/latin/*.tsv` (thousands of English and
romanized-Hindi words of Hindi news, spelled as Hindi papers print them; acronyms said as
words in `data/latin/acronyms.tsv`). Then the shape decides:
- all capitals (CBI) stay for the acronym rule, which spells them (सीबीआई); an all-capitals
  word of five letters or more that the word lists know is a word set in capitals (BREAKING);
- a plural of a known word or acronym: `Startups` → स्टार्टअप्स, `MLAs` → एमएलए (the plural
  of an acronym is said as the acronym, as Hindi copy writes it);
- CamelCase is read part by part and written joined (`PayPal`, `eKYC`);
- a single letter is its letter name;
- a word that looks like romanized Hindi (`normalize/romanized.py`: a letter-trigram model
  trained on the word lists) is spelled by its romanization (`Samajwadi` समजवादी);
- anything else is phonemized with espeak-ng's English voice and written down by
  `normalize/english.py`; readings are cached per normalizer (the library loads only when the
  first such word appears).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING

from ... import espeakng
from ...charclasses import LATIN_ACCENTED_CHARS, LATIN_CHARS, VOWEL_CHARS, VOWEL_SIGN_CHARS
from ...errors import BulletinError, NormalizeError
from ..english import SEPARATOR, devanagari
from ..glue import glue_spaced
from ..numbers import number
from ..romanized import OriginModel, transliterate
from ..settings import NormalizeSettings
from .acronym import LETTERS, spell

if TYPE_CHECKING:
    from ..lexicon import Lexicon

VOICE = "en-us"  # rhotic: the r of कंप्यूटर is in its phonemes; British vowels come back
# from the spelling in english.py
WORDS_FOLDER = "latin"
ACRONYMS = "acronyms"
HINDI_LISTS = frozenset({"romanized.tsv", "names.tsv", "places.tsv"})  # train the origin model
MIN_CAPITALS_WORD = 5  # BREAKING is a word in capitals; NEWS, PAN, CAT stay acronyms
_LATIN = LATIN_CHARS + LATIN_ACCENTED_CHARS
_TOKEN = re.compile(f"[{_LATIN}]+")
_CAPITALS_RUN = re.compile("[A-Z]{2,}(?: [A-Z]{2,})+")  # words of a headline in capitals
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe",
                       "Œ": "Oe", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                       "þ": "th", "Þ": "Th", "ı": "i", "ſ": "s", "ŋ": "ng", "Ŋ": "Ng",
                       "ħ": "h", "Ħ": "H"})
_VOWEL_LETTER = re.compile("[aeiouyAEIOUY]")
_SIBILANT_END = re.compile("(?:s|x|z|ch|sh)$")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_VOWEL_END = re.compile(f"[{VOWEL_SIGN_CHARS}{VOWEL_CHARS}]$")
_PLURAL_AFTER_VOWEL = "ज़"  # इंडियाज़: s after a vowel is z
_PLURAL_AFTER_CONSONANT = "्स"  # स्टार्टअप्स
_PLURAL_ES = "ेज़"  # क्लासेज़
_SEGMENT_MAX = 4  # a run of lower-case letters is split into at most this many known words
_SEGMENT_MIN = 2  # letters in a piece of a split run


@cache
def word_lists() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """The built-in word lists: (words by lower-case key, acronyms said as words by key)."""
    words: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for path in _list_files():
        table = acronyms if path.name == f"{ACRONYMS}.tsv" else words
        for row, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line or line.startswith("#"):
                continue
            written, tab, spoken = line.partition("\t")
            key = written if table is acronyms else written.lower()
            if not tab or not spoken or "\t" in spoken or key in table:
                raise NormalizeError(
                    f"{WORDS_FOLDER}/{path.name} line {row}: expected a new "
                    "`written<TAB>spoken` pair; fix the package data"
                )
            table[key] = spoken
    return MappingProxyType(words), MappingProxyType(acronyms)


def _list_files() -> list:
    folder = resources.files(__package__).parent.joinpath("data", WORDS_FOLDER)
    return sorted((p for p in folder.iterdir() if p.name.endswith(".tsv")), key=lambda p: p.name)


@cache
def origin_model() -> OriginModel:
    """Tells romanized Hindi from English, trained on the word lists' own keys."""
    hindi: list[str] = []
    english: list[str] = []
    for path in _list_files():
        if path.name == f"{ACRONYMS}.tsv":
            continue
        keys = [line.partition("\t")[0] for line in path.read_text("utf-8").splitlines()
                if line and not line.startswith("#")]
        (hindi if path.name in HINDI_LISTS else english).extend(keys)
    return OriginModel.train(english, hindi)


def plain(word: str) -> str:
    """`Zürich` → `Zurich`, `Søren` → `Soren`, `Straße` → `Strasse`: ASCII letters and
    digits, for lookup and for the English voice; letters with no ASCII form are dropped."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


@dataclass(frozen=True)
class LatinReader:
    """Reads Latin words (a normalizer rule, and a helper of the address and hashtag rules).

    One reader belongs to one normalizer: its cache of phonemized words lives and dies
    with it."""

    lexicons: tuple[Lexicon, ...]  # staff first, then the built-in lexicon
    _phonemized: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, staff: Lexicon, builtin: Lexicon) -> LatinReader:
        return cls((staff, builtin))

    @property
    def words(self) -> Mapping[str, str]:
        """The word lists, read on the first Latin word (loading a normalizer stays fast)."""
        return word_lists()[0]

    @property
    def acronyms(self) -> Mapping[str, str]:
        return word_lists()[1]

    def known(self, word: str) -> str | None:
        """The reading a lexicon or word list gives `word` (no shape rule, no fallback)."""
        for lexicon in self.lexicons:
            if word in lexicon.exact:
                return lexicon.exact[word]
            if word.lower() in lexicon.folded:
                return lexicon.folded[word.lower()]
        if word.upper() in self.acronyms:
            return self.acronyms[word.upper()]
        return self.words.get(plain(word).lower())

    def word(self, word: str) -> str:
        """Any run of Latin letters → Devanagari (one with no ASCII letter is left as it is,
        for the residue report)."""
        reading = self.known(word)
        if reading:
            return reading
        ascii_word = plain(word)
        if not ascii_word:
            return word
        if ascii_word != word:
            return self.word(ascii_word)
        if len(word) == 1:
            return LETTERS[word.upper()]
        if word.isupper():
            return spell(word)
        plural = self._plural(word)
        if plural:
            return plural
        if not _VOWEL_LETTER.search(word):  # ndtv, pti: letters, not a word
            return spell(word)
        parts = _CAMEL.findall(word)
        if len(parts) > 1:
            return "".join(self.word(part) for part in parts)
        return self.phonemized(word.lower())

    def _plural(self, word: str) -> str | None:
        """`MLAs` → एमएलए, `startups` → स्टार्टअप्स (a known stem with `s`)."""
        if len(word) < 3 or not word.endswith("s"):
            return None
        stem = word[:-1]
        if stem.isupper():
            return self.known(stem) or spell(stem)
        reading = self.known(stem)
        if not reading and word.endswith("es") and _SIBILANT_END.search(word[:-2].lower()):
            reading = self.known(word[:-2])  # classes, taxes, matches
            return reading + _PLURAL_ES if reading else None
        if not reading:
            return None
        if _VOWEL_END.search(reading):
            return reading + _PLURAL_AFTER_VOWEL
        if reading.endswith("न") and not reading.endswith("्न"):  # नेशंस: n before s is ं
            return reading[:-1] + "ंस"
        return reading + _PLURAL_AFTER_CONSONANT

    def phonemized(self, word: str) -> str:
        """A word no list knows: romanized Hindi by its romanization, anything else through
        espeak-ng's English voice (cached per reader)."""
        reading = self._phonemized.get(word)
        if reading is None and origin_model().is_romanized_hindi(word):
            reading = transliterate(word)
            self._phonemized[word] = reading
        if reading is None:
            try:
                phonemes = espeakng.phonemize(word, VOICE, ipa=True, separator=SEPARATOR)
            except BulletinError as e:
                raise NormalizeError(
                    f"cannot read the Latin word `{word}`: {e}; add a lexicon entry"
                ) from None
            reading = devanagari(phonemes.split()[0] if phonemes else "", word) or spell(word)
            self._phonemized[word] = reading
        return reading

    def split(self, run: str, extra: Mapping[str, str] | None = None) -> list[str] | None:
        """`narendramodi` → [narendra, modi]: a lower-case run as the fewest known words
        (each of two letters or more; `extra` words count as known), or None when it is not
        made of known words."""
        run = run.lower()
        extra = extra or {}
        best: list[list[str] | None] = [[]] + [None] * len(run)
        for end in range(1, len(run) + 1):
            for start in range(max(0, end - 24), end - _SEGMENT_MIN + 1):
                head = best[start]
                piece = run[start:end]
                if head is None or (piece not in extra and self.known(piece) is None):
                    continue
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = [*head, piece]
        pieces = best[-1]
        return pieces if pieces and len(pieces) <= _SEGMENT_MAX else None

    def phrase(self, text: str) -> str:
        """A hashtag's or handle's body: parts split at `_`, CamelCase and digits, each part
        read (a lower-case run of several known words is split: `swachhbharat`)."""
        words: list[str] = []
        for part in _CAMEL.findall(plain(text)):
            if part.isdigit():
                words.append(number(part))
            elif self.known(part) or part.isupper() or len(part) == 1:
                words.append(self.word(part))
            else:
                words.extend(self.word(piece) for piece in self.split(part) or [part])
        return " ".join(words)

    def __call__(self, text: str, settings: NormalizeSettings) -> str:
        """Replace every Latin word left by the earlier rules (not a plain acronym: the
        acronym rule spells those, dots and all)."""
        return _TOKEN.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        token = match[0]
        if token.isupper() and not self._capitals_word(token) and not self._shouted(match):
            return token
        return glue_spaced(self.word(token), match)

    def _shouted(self, match: re.Match[str]) -> bool:
        """A known word in a line of capitals with a long known word (BREAKING NEWS)."""
        token = match[0]
        if len(token) < 2 or token.lower() not in self.words:
            return False
        around = _CAPITALS_RUN.finditer(match.string)
        run = next((r for r in around if r.start() <= match.start() < r.end()), None)
        return run is not None and any(
            self._capitals_word(w) and w not in self.acronyms for w in run[0].split()
        )

    def _capitals_word(self, token: str) -> bool:
        """An all-capitals token read as a word: an acronym said as a word, or a long word
        the lists know (a headline set in capitals)."""
        if token in self.acronyms:
            return True
        return len(token) >= MIN_CAPITALS_WORD and token.lower() in self.words
