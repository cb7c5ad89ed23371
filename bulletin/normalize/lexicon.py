"""Lexicons: fixed readings for words the rules cannot know (acronyms said as words, names).

A lexicon file is YAML, `written: spoken`, one entry a line:

    NASA: नासा            # Latin keys match in any case: NASA, Nasa, nasa
    2+2: टू प्लस टू
    case_sensitive:       # optional: these keys match only exactly as written
      US: यूएस

Keys match whole words only, longest key first: not inside a longer word of their script
(`AIIMSने` is fine: a postposition glued to a Latin word), not inside a web address, a
hashtag or a handle (`isro.gov.in`, `@ISRO` are left to the electronic and hashtag rules,
which read their words with the same lexicons). Quote keys YAML would read as something else
(`"NO": …`, `"2024": …`); a key written twice is an error. Staff files (`speech.lexicon` in
bulletin.yaml, then each `--lexicon FILE`; later files win) run before the built-in lexicon
(`data/lexicon.yaml`), and both run before the pattern rules, so a lexicon entry always wins.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .. import yamlfile
from ..charclasses import (
    ASCII_DIGIT_CHARS,
    DEVANAGARI_DIGIT_CHARS,
    DEVANAGARI_LETTER_CHARS,
    LATIN_ACCENTED_CHARS,
    LATIN_CHARS,
)
from ..errors import ConfigError
from .classes.electronic import ADDRESS
from .classes.hashtag import TAG
from .data import alternation
from .glue import glue_spaced
from .settings import NormalizeSettings

CASE_SENSITIVE = "case_sensitive"
BUILTIN = "lexicon.yaml"
# Word boundaries per script: a Latin key may touch Devanagari (`AIIMSने`) and a Devanagari
# key may touch Latin, but neither may continue a word of its own script (digits count with
# the script they are written in).
_LATIN = LATIN_CHARS + ASCII_DIGIT_CHARS + LATIN_ACCENTED_CHARS
_DEVANAGARI = DEVANAGARI_LETTER_CHARS + DEVANAGARI_DIGIT_CHARS
_ADDRESS_STARTS = string.ascii_letters + string.digits + "._%+-#@"
_LEFT = (
    rf"(?:(?=[{_LATIN}])(?<![{_LATIN}])|(?=[{_DEVANAGARI}])(?<![{_DEVANAGARI}])"
    rf"|(?![{_LATIN}{_DEVANAGARI}]))"
)
_RIGHT = (
    rf"(?:(?<=[{_LATIN}])(?![{_LATIN}])|(?<=[{_DEVANAGARI}])(?![{_DEVANAGARI}])"
    rf"|(?<![{_LATIN}{_DEVANAGARI}]))"
)


@dataclass(frozen=True)
class Lexicon:
    """Loaded entries with their compiled patterns; callable as a normalizer rule."""

    folded: Mapping[str, str] = field(default_factory=dict)  # key.lower() → spoken
    exact: Mapping[str, str] = field(default_factory=dict)
    _patterns: tuple[tuple[re.Pattern[str], Mapping[str, str], bool], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        patterns = tuple(
            (_compile(entries, fold), entries, fold)
            for entries, fold in ((self.exact, False), (self.folded, True))
            if entries
        )
        object.__setattr__(self, "_patterns", patterns)

    def __len__(self) -> int:
        return len(self.folded) + len(self.exact)

    def __call__(self, text: str, settings: NormalizeSettings) -> str:
        """Replace every whole-word key by its reading (exact keys before case-free ones)."""
        for pattern, entries, fold in self._patterns:
            text = pattern.sub(_reader(entries, fold), text)
        return text

    @classmethod
    def merge(cls, lexicons: Iterable[Lexicon]) -> Lexicon:
        """One lexicon from many; a later lexicon's entry replaces an earlier one's."""
        folded: dict[str, str] = {}
        exact: dict[str, str] = {}
        for lexicon in lexicons:
            folded.update(lexicon.folded)
            exact.update(lexicon.exact)
        return cls(folded, exact)

    @classmethod
    def from_mapping(cls, data: object, where: str) -> Lexicon:
        """Check a parsed YAML document and build the lexicon; `where` names it in errors."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: a lexicon must be a mapping of `written: spoken` lines")
        plain = {k: v for k, v in data.items() if k != CASE_SENSITIVE}
        sensitive = data.get(CASE_SENSITIVE) or {}
        if not isinstance(sensitive, dict):
            raise ConfigError(f"{where}: `{CASE_SENSITIVE}:` must hold `written: spoken` lines")
        return cls(
            {k.lower(): v for k, v in _entries(plain, where).items()},
            _entries(sensitive, where),
        )

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read a staff lexicon file. Raises ConfigError naming the file (and line for YAML)."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ConfigError(
                f"{path}: lexicon file not found (check `speech.lexicon` in bulletin.yaml "
                "or the --lexicon option)"
            ) from None
        except OSError as e:
            raise ConfigError(f"{path}: cannot read lexicon: {e.strerror}") from None
        return cls.from_mapping(_parse(raw, str(path)), str(path))

    @classmethod
    def builtin(cls) -> Lexicon:
        """The lexicon shipped with bulletin (`bulletin/normalize/data/lexicon.yaml`)."""
        raw = resources.files(__package__).joinpath("data", BUILTIN).read_bytes()
        where = f"built-in {BUILTIN}"
        return cls.from_mapping(_parse(raw, where), where)


def _parse(raw: bytes, where: str) -> object:
    return yamlfile.parse(yamlfile.decode(raw, where, ConfigError), where, ConfigError,
                          what="lexicon YAML")


def _entries(data: dict[object, object], where: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(
                f"{where}: lexicon key {key!r} is not text; put it in quotes (\"{key}\": …)"
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: lexicon entry `{key}` needs a spoken form as text")
        entries[unicodedata.normalize("NFC", key.strip())] = unicodedata.normalize(
            "NFC", value.strip()
        )
    return entries


def _reader(entries: Mapping[str, str], fold: bool) -> Callable[[re.Match[str]], str]:
    def read(match: re.Match[str]) -> str:
        key = match[0].lower() if fold else match[0]
        if match["address"] and key not in entries:
            return match[0]
        # `AIIMSने` → `एम्स ने`: a word glued across scripts becomes two words once spoken.
        return glue_spaced(entries[key], match)

    return read


def _compile(entries: Mapping[str, str], fold: bool) -> re.Pattern[str]:
    # Speed: most positions of a Devanagari text start neither a key nor an address, and one
    # character class rejects them before the alternation is tried.
    starts = {k[0] for k in entries} | set(_ADDRESS_STARTS)
    if fold:
        starts |= {c.swapcase() for c in starts}
    first = "".join(map(re.escape, sorted(starts)))
    # A whole web address, hashtag or handle first: it is passed over (its words belong to the
    # electronic and hashtag rules, `isro.gov.in`, `@ISRO`) unless a key spells it whole.
    return re.compile(
        f"(?=[{first}])(?:(?P<address>{ADDRESS}|{TAG})|{_LEFT}{alternation(entries)}{_RIGHT})",
        re.IGNORECASE if fold else 0,
    )
