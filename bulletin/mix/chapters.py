"""Chapters as players can hold them: at most `MAX_CHAPTERS`, however many sections.

An ID3 table of contents (CTOC) counts its entries in one byte, so an MP3 can list at most
255 chapters. A longer article keeps one chapter per section up to that; beyond it the
headline keeps its own chapter and the sections are grouped, in reading order, into
`MAX_CHAPTERS - 1` runs of consecutive sections whose sizes differ by at most one. A group
starts where its first section starts, ends where its last ends, and is titled after its
first section (with "…" when it holds more than one). The audio is not changed: every
section keeps its sting; only the table of contents is coarser.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Chapter

MAX_CHAPTERS = 255  # ID3 CTOC: one byte of entry count
MORE = " …"


def fit_chapters(chapters: Sequence[Chapter], limit: int = MAX_CHAPTERS) -> tuple[Chapter, ...]:
    """`chapters` (gapless, in order; the first is the headline) in at most `limit` entries."""
    if len(chapters) <= limit:
        return tuple(chapters)
    head, sections = chapters[0], chapters[1:]
    groups = limit - 1
    size, extra = divmod(len(sections), groups)
    fitted, start = [head], 0
    for g in range(groups):
        run = sections[start : start + size + (g < extra)]
        start += len(run)
        title = run[0].title + (MORE if len(run) > 1 else "")
        fitted.append(Chapter(title, run[0].start_ms, run[-1].end_ms))
    return tuple(fitted)
