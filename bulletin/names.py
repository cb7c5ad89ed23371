"""Safe ASCII names: slugs for episodes and the file names derived from them.

A slug ends up in file names and URLs, so it is reduced to `[a-z0-9]` runs joined by single
hyphens: no path separator, no `..`, no leading dot, bounded length. Devanagari is
romanized as indic-transliteration's ITRANS spells it (readable for Hindi speakers:
`samAchAr`; `itrans.py`), everything else is folded to ASCII with unidecode.
"""

from __future__ import annotations

import hashlib
import re

from unidecode import unidecode

from .charclasses import (
    CONSONANT_CHARS,
    DEVANAGARI_DIGIT_CHARS,
    DEVANAGARI_LETTER_CHARS,
    NUKTA,
    VIRAMA,
)
from .itrans import transliterate

MAX_SLUG_CHARS = 60
STEM_HASH_CHARS = 10
FALLBACK_PREFIX = "episode-"

_DEVANAGARI_RUN = re.compile(f"[{DEVANAGARI_LETTER_CHARS}{DEVANAGARI_DIGIT_CHARS}]+")  # no dandas
# A word that ends in a bare consonant (optionally with nukta) drops its inherent vowel in
# Hindi (समाचार is "samachar", not "samachara"): a virama makes ITRANS spell it that way.
# A final conjunct keeps it (क्षेत्र is "kshetra").
_FINAL_CONSONANT = re.compile(f"(?<!{VIRAMA})[{CONSONANT_CHARS}]{NUKTA}?$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ITRANS_MARKS = re.compile(r"[^A-Za-z0-9]")  # ~ ^ . inside a word: `j~nAna` → `jnAna`
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HEX = re.compile(r"[0-9a-f]+")
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")


def slugify(text: str) -> str:
    """`दिल्ली में बारिश` → `dilli-mem-barish`; a hash-based slug when nothing ASCII survives."""
    ascii_text = unidecode(_DEVANAGARI_RUN.sub(lambda m: f" {_romanize(m.group())} ", text))
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        cut = slug[: MAX_SLUG_CHARS + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG_CHARS]
    if not slug:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        slug = FALLBACK_PREFIX + digest[:8]
    return slug


def episode_stem(slug: str, content_hash: str) -> str:
    """`{slug}-{hash[:10]}`: changed audio gets a new file name, so an enclosure URL never
    points at different audio (apps cache by URL)."""
    if not is_slug(slug):  # callers pass checked slugs and real digests: a bug otherwise
        raise ValueError(f"{slug!r} is not a slug; make it with bulletin.names.slugify")
    digest = content_hash.lower()
    if len(digest) < STEM_HASH_CHARS or not _HEX.fullmatch(digest):
        raise ValueError(
            f"{content_hash!r} is not a hex digest of at least {STEM_HASH_CHARS} digits"
        )
    return f"{slug}-{digest[:STEM_HASH_CHARS]}"


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG_CHARS and _SLUG.fullmatch(text) is not None


def is_safe_name(name: str) -> bool:
    """A plain file name inside the output folder: no separator, no `..`, no leading dot."""
    return len(name) <= 255 and _SAFE_NAME.fullmatch(name) is not None


def _romanize(word: str) -> str:
    if _FINAL_CONSONANT.search(word):
        word += VIRAMA
    return _ITRANS_MARKS.sub("", transliterate(word))
