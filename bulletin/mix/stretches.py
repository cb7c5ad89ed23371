"""Where the programme is cut into stretches that are levelled, limited and encoded apart.

A stretch ends at the end of a segment, or of a paragraph once it holds `MIN_STRETCH_S`
since the previous cut: cuts follow the article's structure, so an edited sentence changes
its own stretch (and, if it moves where the next cut falls, the next one) and every other
stretch is found in the cache unchanged.

Each cut (the seam) lies in a silence the layout guarantees — no piece, not even the bed,
covers it — and falls on a multiple of the MP3 frame (1152 samples), so the stretches'
frames join into one MP3 with every sample where it would be in a single encode: a stretch
is encoded without its last `TAIL` samples (silence), which its successor's encoder delay
and the stretch's own end padding make up exactly (`mp3join`).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .mp3join import DECODER_DELAY, FRAME_SAMPLES
from .timeline import Layout, Placed

ENCODER_DELAY = 576  # libmp3lame's, at every rate we encode
PADDING = FRAME_SAMPLES // 2  # the end padding we leave LAME: well inside its 1..1152
TAIL = ENCODER_DELAY + DECODER_DELAY + PADDING  # silence a stretch is encoded without
GUARD = FRAME_SAMPLES  # more silence after a seam: the next stretch's first frame is silent
MIN_STRETCH_S = 20.0


@dataclass(frozen=True)
class Span:
    """Programme samples [start, end); `encoded` of them go to the stretch's encoder."""

    start: int
    end: int
    last: bool

    @property
    def encoded(self) -> int:
        return self.end - self.start - (0 if self.last else TAIL)


def cut(
    layout: Layout, paragraph_ends: Sequence[int], segment_ends: Sequence[int], rate: int,
    *, bed: bool,
) -> tuple[Layout, list[Span]]:
    """The stretches covering the programme, and the layout with each seam's pause made
    up to one frame longer so that the seam falls on a frame: every stretch then starts on
    a frame and its bytes depend on its own content alone, wherever it lands.
    `paragraph_ends` and `segment_ends` index `layout.sentences`: the last sentence of each
    paragraph and of each segment; `bed`: a bed sounds from 0 to `layout.bed_end`.

    One pass over the unmoved layout: each seam moves everything after it by the same
    amount, so a candidate's place is its own plus what the seams before it added."""
    segment_last = set(segment_ends)
    quiet_places = _Quiet(layout, bed)
    seams: list[int] = []
    moves: list[tuple[int, int]] = []  # (unmoved sample, what it and all after it move by)
    shift = 0
    for i in sorted(set(paragraph_ends) | segment_last)[:-1]:  # the outro stays with speech
        end = layout.sentences[i].end
        since = seams[-1] if seams else 0
        if i in segment_last or end + shift - since >= MIN_STRETCH_S * rate:
            quiet = quiet_places.after(end)
            if quiet_places.next_start(quiet) - quiet >= TAIL + GUARD:
                seam = -(-(quiet + shift + TAIL) // FRAME_SAMPLES) * FRAME_SAMPLES
                shift = seam - quiet - TAIL
                moves.append((quiet, shift))
                seams.append(seam)
    layout = _moved(layout, moves)
    bounds = [0, *seams, layout.length]
    return layout, [Span(a, b, last=b == layout.length)
                    for a, b in itertools.pairwise(bounds)]


class _Quiet:
    """Where the layout is silent: its pieces (the bed too) by start, with the latest end
    of any piece starting before each."""

    def __init__(self, layout: Layout, bed: bool) -> None:
        pieces = sorted([(p.start, p.end) for p in (*layout.sentences, *layout.jingles)]
                        + ([(0, layout.bed_end)] if bed else []))
        self.starts = [start for start, _ in pieces]
        self.latest_end = list(itertools.accumulate((end for _, end in pieces), max))
        self.length = layout.length

    def after(self, t: int) -> int:
        """Where the silence after sample `t` begins (a jingle or the bed may still sound)."""
        while (k := bisect.bisect_left(self.starts, t)) and self.latest_end[k - 1] > t:
            t = self.latest_end[k - 1]
        return t

    def next_start(self, t: int) -> int:
        """Where the next piece starting at or after `t` starts."""
        k = bisect.bisect_left(self.starts, t)
        return self.starts[k] if k < len(self.starts) else self.length


def _moved(layout: Layout, moves: Sequence[tuple[int, int]]) -> Layout:
    """The layout with every position past each `moves` sample moved by its amount."""
    if not moves:
        return layout
    after = [at for at, _ in moves]

    def move(p: int) -> int:
        k = bisect.bisect_left(after, p)  # the moves at samples before p
        return p + moves[k - 1][1] if k else p

    def placed(pieces: tuple[Placed, ...]) -> tuple[Placed, ...]:
        return tuple(dataclasses.replace(p, start=move(p.start)) for p in pieces)

    return Layout(
        length=move(layout.length),
        sentences=placed(layout.sentences),
        jingles=placed(layout.jingles),
        chapters=tuple((move(a), move(b)) for a, b in layout.chapters),
        first_segment=placed(layout.first_segment),
        bed_end=move(layout.bed_end),
    )
