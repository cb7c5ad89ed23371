"""Frozen dataclasses passed between the pipeline stages.

Article (read) → Script (script, normalize) → Voicing (synth) → Mix (mix) → OutputFile
records (export) → Episode (the catalog record, publish). A stage only reads the types of
earlier stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

# ---------------------------------------------------------------- article (read stage)


@dataclass(frozen=True)
class Dateline:
    """Where (and, when written, when and by whom) the story was filed:
    `दिल्ली,`, `दिल्ली, 6 दिसंबर`, `मुंबई, 8 फ़रवरी 2024 (PTI)`."""

    place: str
    date: str | None = None
    agency: str | None = None  # the wire service or desk credited; not read aloud


@dataclass(frozen=True)
class CalendarDate:
    """A date as a dateline writes it: the year may be left out (`8 फ़रवरी`)."""

    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True)
class Section:
    """A sub-head (None for the lead) and its paragraphs, as written."""

    subhead: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ArticleMeta:
    """Facts about the article that are not read aloud. Front matter overrides them."""

    source: str  # the path as given, or "-" for stdin
    source_format: Literal["txt", "md", "html"] = "txt"
    language: str = "hi"
    published: datetime | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    slug: str | None = None  # front matter `id`/`slug`; else the build derives one (identity)


@dataclass(frozen=True)
class Article:
    """The one input every later stage reads."""

    headline: str
    sections: tuple[Section, ...]
    meta: ArticleMeta
    kicker: str | None = None
    dateline: Dateline | None = None

    @property
    def description(self) -> str:
        """The first paragraph: the episode's description in the feed."""
        for section in self.sections:
            if section.paragraphs:
                return section.paragraphs[0]
        return self.headline


# ---------------------------------------------------------------- speech text (normalize stage)


@dataclass(frozen=True)
class Residue:
    """A token the normalizer could not read as Devanagari (digits, Latin, symbols)."""

    token: str
    line: int  # 1-based: the input line (`clean --lines`), or the paragraph of an article
    context: str


@dataclass(frozen=True)
class Sentence:
    """One sentence as written (for transcripts) and as it is to be spoken (for engines)."""

    written: str
    spoken: str


@dataclass(frozen=True)
class SpeechSegment:
    """A chapter of the bulletin: the headline, or one section (lead or sub-headed).

    `paragraphs` groups sentences so that pacing can pause longer between paragraphs.
    For a sub-headed section the sub-head is the first paragraph (one sentence).
    """

    kind: Literal["headline", "section"]
    title: str
    paragraphs: tuple[tuple[Sentence, ...], ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p)


@dataclass(frozen=True)
class Script:
    """Everything the bulletin will say, in order, plus what could not be read."""

    segments: tuple[SpeechSegment, ...]
    residue: tuple[Residue, ...] = ()


# ---------------------------------------------------------------- audio (synth stage)


@dataclass(frozen=True)
class Pcm:
    """Mono 16-bit little-endian PCM in memory: what an engine returns for one text."""

    data: bytes
    sample_rate_hz: int

    @property
    def duration_s(self) -> float:
        return len(self.data) / 2 / self.sample_rate_hz


@dataclass(frozen=True)
class Clip:
    """Audio on disk (mono 16-bit WAV): sentences live in files so long bulletins stay small."""

    path: Path
    sample_rate_hz: int
    duration_s: float


@dataclass(frozen=True)
class VoicedSegment:
    """A segment with one clip per sentence, in the same paragraph grouping."""

    segment: SpeechSegment
    paragraphs: tuple[tuple[Clip, ...], ...]


@dataclass(frozen=True)
class Voicing:
    """The whole script spoken by ONE engine and voice (never mixed within an episode)."""

    engine: str
    voice: str
    segments: tuple[VoicedSegment, ...]
    from_cache: int = 0  # sentences served from the segment cache
    synthesized: int = 0  # sentences the engine spoke in this build
    fallback_reason: str | None = None  # set when the fallback engine spoke instead


# ---------------------------------------------------------------- mix and export


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Cue:
    """A transcript cue: one sentence as written, at its real offsets in the final mix."""

    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Mix:
    """The finished programme: its MP3 (untagged) on disk, and its timeline."""

    encoded: Path
    sample_rate_hz: int
    duration_ms: int
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    loudness_lufs: float | None = None
    master: Path | None = None  # the master WAV, made only when a WAV is exported


@dataclass(frozen=True)
class OutputFile:
    """One published file of an episode (name relative to the output folder)."""

    kind: Literal["mp3", "wav", "vtt", "srt", "chapters", "cues", "image"]
    name: str
    size_bytes: int
    sha256: str
    mime: str


# ---------------------------------------------------------------- episode (publish stage)


@dataclass(frozen=True)
class Episode:
    """The catalog record of one episode: everything the feed and the page need."""

    guid: str
    slug: str
    title: str
    description: str
    published: datetime
    duration_ms: int
    files: tuple[OutputFile, ...]
    engine: str
    voice: str
    source: str
    # the parsed Article (its fields as JSON), not the source file's bytes: a re-saved file
    # with the same text is the same article
    article_sha256: str
    fingerprint: str  # article hash + the settings and files that shape the output
    language: str = "hi"
    image: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    chapters: tuple[Chapter, ...] = ()  # for the page; the MP3 and the JSON carry them too

    def file(self, kind: str) -> OutputFile | None:
        return next((f for f in self.files if f.kind == kind), None)
