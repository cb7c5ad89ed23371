"""ID3v2.4 tags for the episode MP3, chapters included (id3.org "id3v2-chapters-1.0").

One `CHAP` per chapter (ids `chp0`, `chp1`, …; start/end in ms; byte offsets 0xFFFFFFFF,
meaning "use the times"; a `TIT2` title) and one top-level, ordered `CTOC` (`toc`) listing
them, which is what podcast apps look for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TLEN,
    TPE1,
    CTOCFlags,
    PictureType,
)

from ..artwork import Artwork
from ..models import Chapter

UTF8 = 3  # ID3v2.4 text encoding
NO_OFFSET = 0xFFFFFFFF
# ffmpeg prints each line of a tag value through a 256-byte buffer and cuts a longer line
# mid-character; tools that read its log as UTF-8 then crash (podcheck does). So one-line
# values are shortened to fit (the feed carries full titles) and the comment is wrapped.
LINE_MAX_BYTES = 250


@dataclass(frozen=True)
class Tags:
    """What the MP3 says about itself; `cover` is checked artwork (APIC), or None."""

    title: str
    show: str
    artist: str
    date: datetime
    language: str = "hin"  # ISO 639-2, as ID3's TLAN wants
    description: str = ""
    cover: Artwork | None = None


def fit(text: str, max_bytes: int = LINE_MAX_BYTES) -> str:
    """One line of at most `max_bytes` of UTF-8: cut at a space and ended with `…` if longer."""
    text = " ".join(text.split())
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    cut = text.encode("utf-8")[: max_bytes - 3].decode("utf-8", "ignore")
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:।") + "…"


def wrap(text: str, max_bytes: int = LINE_MAX_BYTES) -> str:
    """The whole text, in lines of at most `max_bytes` of UTF-8 broken at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(f"{lines[-1]} {word}".encode()) <= max_bytes:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(fit(word, max_bytes))
    return "\n".join(lines)


def build_id3(tags: Tags, chapters: Sequence[Chapter], duration_ms: int) -> ID3:
    id3 = ID3()
    id3.add(TIT2(encoding=UTF8, text=fit(tags.title)))
    id3.add(TALB(encoding=UTF8, text=fit(tags.show)))
    id3.add(TPE1(encoding=UTF8, text=fit(tags.artist)))
    id3.add(TCON(encoding=UTF8, text="Podcast"))
    id3.add(TDRC(encoding=UTF8, text=tags.date.strftime("%Y-%m-%dT%H:%M:%S")))
    id3.add(TLAN(encoding=UTF8, text=tags.language))
    id3.add(TLEN(encoding=UTF8, text=str(duration_ms)))
    if tags.description:
        id3.add(COMM(encoding=UTF8, lang=tags.language, desc="", text=wrap(tags.description)))
    if tags.cover is not None:
        id3.add(APIC(encoding=UTF8, mime=tags.cover.mime, type=PictureType.COVER_FRONT, desc="",
                     data=tags.cover.data))
    ids = [f"chp{i}" for i in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters, strict=True):
        id3.add(CHAP(
            element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
            start_offset=NO_OFFSET, end_offset=NO_OFFSET,
            sub_frames=[TIT2(encoding=UTF8, text=fit(chapter.title))],
        ))
    if chapters:
        id3.add(CTOC(
            element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids, sub_frames=[TIT2(encoding=UTF8, text=fit(tags.show))],
        ))
    return id3
