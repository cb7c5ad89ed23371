"""Where every piece goes: a pure function of piece lengths and pauses, all in samples.

    intro → (around-sting pause) → headline → (after-headline pause) → lead section
          → [(around-sting) → sting → (around-sting) → next section]… → (around-sting) → outro

Inside a segment, sentences are `sentence` apart and paragraphs `paragraph` apart (a
sub-head is its section's first paragraph). A segment that follows the headline gets no
sting; every later one does.

Chapters cover the programme without gaps: the headline chapter starts at 0 and holds the
intro; a section's chapter starts where its sting starts (so skipping to it plays the
sting), or, for the section right after the headline, where its first word starts; the pause
before a chapter belongs to the chapter before it, and the last chapter holds the outro.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["headline", "section"]


@dataclass(frozen=True)
class PauseSamples:
    after_headline: int
    sentence: int
    paragraph: int
    around_sting: int


@dataclass(frozen=True)
class Placed:
    """A piece at `start` for `length` samples: a sentence ("voice") or a jingle (its role)."""

    start: int
    length: int
    role: str = "voice"  # or "intro", "sting", "outro"

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Layout:
    length: int
    sentences: tuple[Placed, ...]  # in reading order
    jingles: tuple[Placed, ...]
    chapters: tuple[tuple[int, int], ...]  # (start, end) per segment
    first_segment: tuple[Placed, ...]  # its sentences: the speech the bed ducks under
    bed_end: int  # the bed has faded out here: after the after-headline pause


def lay_out(
    segments: Sequence[tuple[Kind, Sequence[Sequence[int]]]],
    jingle_lengths: dict[str, int],
    pauses: PauseSamples,
) -> Layout:
    """Place the segments' sentences (given as lengths per paragraph) and the jingles."""
    t = 0
    sentences: list[Placed] = []
    jingles: list[Placed] = []
    chapter_starts: list[int] = []
    per_segment: list[tuple[Placed, ...]] = []

    def jingle(role: str) -> None:
        nonlocal t
        jingles.append(Placed(t, jingle_lengths[role], role))
        t += jingle_lengths[role]

    jingle("intro")
    t += pauses.around_sting
    for i, (_, paragraphs) in enumerate(segments):
        if i == 0:
            chapter_starts.append(0)
        elif segments[i - 1][0] == "headline":
            t += pauses.after_headline
            chapter_starts.append(t)
        else:
            t += pauses.around_sting
            chapter_starts.append(t)
            jingle("sting")
            t += pauses.around_sting
        placed: list[Placed] = []
        for lengths in paragraphs:
            for s, length in enumerate(lengths):
                if placed:
                    t += pauses.sentence if s else pauses.paragraph
                placed.append(Placed(t, length))
                t += length
        sentences.extend(placed)
        per_segment.append(tuple(placed))
    t += pauses.around_sting
    jingle("outro")
    first = per_segment[0] if per_segment else ()
    bed_end = (first[-1].end if first else jingles[0].end) + pauses.after_headline
    return Layout(
        length=t,
        sentences=tuple(sentences),
        jingles=tuple(jingles),
        chapters=tuple(zip(chapter_starts, [*chapter_starts[1:], t], strict=True)),
        first_segment=first,
        bed_end=min(bed_end, t),
    )
