"""ID3v2.3 tags for the episode MP3, chapters included (id3.org "id3v2-chapters-1.0").

One top-level, ordered `CTOC` (`toc`) listing the chapters, then one `CHAP` per chapter
(ids `chp0`, `chp1`, …; start/end in ms; byte offsets 0xFFFFFFFF, meaning "use the times";
a `TIT2` title), which is what podcast apps look for.

Why v2.3 and UTF-16: ffmpeg/ffprobe (the bundled 9.x and Debian's 5.1 alike) skip an
ID3v2.4 CHAP whose title sub-frame is 128 bytes or more — about 43 Devanagari characters
in UTF-8, so most headlines — while it reads v2.3 chapters of any length; mutagen, Apple
and every podcast app read v2.3. mutagen writes frames sorted by size, so `write_id3`
puts them back in reading order: text frames, CTOC, chp0, chp1, …, the picture last.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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
    Encoding,
    PictureType,
)

from ..artwork import Artwork
from ..models import Chapter

ID3_VERSION = 3
log = logging.getLogger(__name__)

TEXT = Encoding.UTF16  # the Unicode encoding ID3v2.3 knows (UTF-8 is v2.4 only)
NO_OFFSET = 0xFFFFFFFF
TOC_ID = "toc"
# The tags a Hindi bulletin's articles carry, lower-cased, → their ISO 639-2 code, so a build
# does not load langcodes for them (the tests check each against langcodes).
BULLETIN_LANGUAGES = {"hi": "hin", "hi-in": "hin", "en": "eng", "en-in": "eng"}
# ffmpeg prints each line of a tag value through a 256-byte buffer and cuts a longer line
# mid-character; tools that read its log as UTF-8 then crash (podcheck does). So one-line
# values are shortened to fit (the feed carries full titles) and the comment is wrapped.
LINE_MAX_BYTES = 250
# Reading order of the top-level frames; anything else goes before the picture.
FRAME_ORDER = ("TIT2", "TPE1", "TALB", "TYER", "TDAT", "TIME", "TCON", "TLAN", "TLEN", "COMM",
               "CTOC", "CHAP", "APIC")
_HEADER = struct.Struct(">3sBBB4s")  # "ID3", major, revision, flags, syncsafe size
_FRAME = struct.Struct(">4sIH")  # v2.3 frame header: id, plain big-endian size, flags


@dataclass(frozen=True)
class Tags:
    """What the MP3 says about itself; `cover` is checked artwork (APIC), or None."""

    title: str
    show: str
    artist: str
    date: datetime
    language: str = "hi"  # the article's language tag (BCP 47: `hi`, `hi-IN`)
    description: str = ""
    cover: Artwork | None = None
    voice: str = ""  # the engine and voice that spoke the episode (`espeak hi`)


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


def id3_language(tag: str) -> str:
    """The ISO 639-2 code ID3's TLAN and COMM want (`hi-IN` → `hin`); `und` if unknown."""
    tag = tag.replace("_", "-")
    if (code := BULLETIN_LANGUAGES.get(tag.lower())) is not None:
        return code
    import langcodes  # ~0.06 s to load its tables: only for a language not listed above

    try:
        return langcodes.Language.get(tag).to_alpha3()
    except (LookupError, ValueError):
        log.warning("language %r has no ISO 639-2 code: the MP3 says `und`", tag)
        return "und"


def build_id3(tags: Tags, chapters: Sequence[Chapter], duration_ms: int) -> ID3:
    language = id3_language(tags.language)
    id3 = ID3()
    id3.add(TIT2(encoding=TEXT, text=fit(tags.title)))
    id3.add(TALB(encoding=TEXT, text=fit(tags.show)))
    id3.add(TPE1(encoding=TEXT, text=fit(tags.artist)))
    id3.add(TCON(encoding=TEXT, text="Podcast"))
    id3.add(TDRC(encoding=TEXT, text=tags.date.strftime("%Y-%m-%dT%H:%M:%S")))
    id3.add(TLAN(encoding=TEXT, text=language))
    id3.add(TLEN(encoding=TEXT, text=str(duration_ms)))
    if tags.description:
        id3.add(COMM(encoding=TEXT, lang=language, desc="", text=wrap(tags.description)))
    if tags.voice:
        id3.add(COMM(encoding=TEXT, lang=language, desc="voice", text=fit(tags.voice)))
    if tags.cover is not None:
        id3.add(APIC(encoding=TEXT, mime=tags.cover.mime, type=PictureType.COVER_FRONT, desc="",
                     data=tags.cover.data))
    ids = [f"chp{i}" for i in range(len(chapters))]
    if chapters:
        id3.add(CTOC(
            element_id=TOC_ID, flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids, sub_frames=[TIT2(encoding=TEXT, text=fit(tags.show))],
        ))
    for element_id, chapter in zip(ids, chapters, strict=True):
        id3.add(CHAP(
            element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
            start_offset=NO_OFFSET, end_offset=NO_OFFSET,
            sub_frames=[TIT2(encoding=TEXT, text=fit(chapter.title))],
        ))
    return id3


def write_id3(id3: ID3, path: Path) -> None:
    """Save `id3` into the (tagless) MP3 at `path` as ID3v2.3, frames in reading order."""
    id3.save(path, v1=0, v2_version=ID3_VERSION)
    with path.open("r+b") as f:
        header = f.read(_HEADER.size)
        size = _HEADER.unpack(header)[-1]
        body = f.read(_syncsafe(size))
        f.seek(_HEADER.size)
        f.write(_reordered(body))


def _reordered(body: bytes) -> bytes:
    """The tag's frames sorted by `FRAME_ORDER` (chapters by their number), padding kept."""
    frames: list[tuple[tuple[int, int], bytes]] = []
    pos = 0
    while pos + _FRAME.size <= len(body) and body[pos] != 0:  # a zero byte starts the padding
        frame_id, size, _ = _FRAME.unpack_from(body, pos)
        end = pos + _FRAME.size + size
        frames.append((_rank(frame_id.decode("latin-1"), body[pos + _FRAME.size : end]),
                       body[pos:end]))
        pos = end
    ordered = b"".join(frame for _, frame in sorted(frames, key=lambda rf: rf[0]))
    return ordered + body[pos:]


def _rank(frame_id: str, data: bytes) -> tuple[int, int]:
    if frame_id not in FRAME_ORDER:
        return FRAME_ORDER.index("APIC"), -1
    if frame_id != "CHAP":
        return FRAME_ORDER.index(frame_id), 0
    element_id = data.split(b"\0", 1)[0].decode("latin-1")  # `chp12`
    return FRAME_ORDER.index("CHAP"), int(element_id.removeprefix("chp") or 0)


def _syncsafe(raw: bytes) -> int:
    return (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]
