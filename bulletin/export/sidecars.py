"""The text files beside the MP3, as pure functions of the mix's cues and chapters.

WebVTT and SRT transcripts (Hindi listeners get no automatic transcript from Apple), the
Podcasting 2.0 JSON chapters, and the radio cue sheet. Times are the real offsets of each
sentence and chapter in the final mix, in milliseconds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..models import Chapter, Cue

CHAPTERS_VERSION = "1.2.0"


def timestamp(ms: int, separator: str = ".") -> str:
    """`hh:mm:ss.mmm` (WebVTT, cue sheet) or with `,` (SRT)."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    """Cue text on one line: a blank line would end the cue early."""
    return " ".join(text.split())


def vtt(cues: Sequence[Cue]) -> str:
    """WebVTT: `&`, `<`, `>` escaped (they start entities and tags) and `-->` never in a text."""
    blocks = ["WEBVTT"]
    for n, cue in enumerate(cues, 1):
        text = _one_line(cue.text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        blocks.append(f"{n}\n{timestamp(cue.start_ms)} --> {timestamp(cue.end_ms)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def srt(cues: Sequence[Cue]) -> str:
    blocks = [
        f"{n}\n{timestamp(c.start_ms, ',')} --> {timestamp(c.end_ms, ',')}\n"
        f"{_one_line(c.text).replace('-->', '->')}"
        for n, c in enumerate(cues, 1)
    ]
    return "\n\n".join(blocks) + "\n"


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters (seconds, with the end time that the spec allows)."""
    doc = {
        "version": CHAPTERS_VERSION,
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
            for c in chapters
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def cue_sheet(chapters: Sequence[Chapter]) -> str:
    """CSV of the items for radio staff: start, end, duration, title.

    Written with a UTF-8 byte-order mark, which is how spreadsheet programs know a CSV is
    UTF-8 (without it, Excel shows Devanagari titles as mojibake).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["start", "end", "duration", "title"])
    for c in chapters:
        writer.writerow(
            [timestamp(c.start_ms), timestamp(c.end_ms), timestamp(c.end_ms - c.start_ms), c.title]
        )
    return "\ufeff" + buffer.getvalue()
