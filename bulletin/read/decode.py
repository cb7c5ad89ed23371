"""Article bytes → text: UTF-8 (with or without a BOM) or UTF-16 with a BOM, LF line ends.

Anything else is refused with the byte offset at fault, so a newsroom sees at once that a
file was saved as Windows-1252 or as UTF-16 without a BOM, or is not text at all. Text is
returned in NFC so that later stages compare one spelling of each Devanagari letter.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO

from ..charclasses import DEVANAGARI_BLOCK_CHARS
from ..errors import InputError

STDIN = "-"

# Checked before decoding: these formats can begin with bytes that are valid UTF-8.
_SIGNATURES = (
    (codecs.BOM_UTF32_LE, "UTF-32 text"),
    (codecs.BOM_UTF32_BE, "UTF-32 text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx and .odt files are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# C0 and C1 controls except tab, LF, form feed and CR: never in an article, always in binaries.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SAVE_AS = "save the article as UTF-8 text"
# Text an article is made of: ASCII and Latin letters, Devanagari, general punctuation.
_ARTICLE_CHAR = re.compile(
    rf"[\t\n\r\x20-\x7e\u00a0-\u024f{DEVANAGARI_BLOCK_CHARS}\u2000-\u206f\u20b9]"
)
_UTF16_SAMPLE_BYTES = 512


def source_name(source: str | Path) -> str:
    """How messages name the input: the path as given, or `stdin`."""
    return "stdin" if str(source) == STDIN else str(source)


def read_source(source: str | Path, max_bytes: int, stdin: BinaryIO | None = None) -> bytes:
    """The raw bytes of a file or of stdin, reading at most one byte past the limit."""
    name = source_name(source)
    try:
        if str(source) != STDIN:
            _check_regular(Path(source), name)
        if str(source) == STDIN:
            data = (stdin if stdin is not None else sys.stdin.buffer).read(max_bytes + 1)
        else:
            with Path(source).open("rb") as f:
                data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file (check the path)") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; give the article file inside it") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; make the file readable") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: larger than the {max_bytes}-byte limit; is this one article? "
            "(raise input.max_bytes in bulletin.yaml if it is)"
        )
    return data


def _check_regular(path: Path, name: str) -> None:
    """A FIFO with no writer would block forever, a device would stream for ever: refuse
    anything but a regular file at once (a directory gets its own message on open)."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        what = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(
            f"{name}: is {what}, not a regular file; give an article file, or - to read stdin"
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec when `data` reads as article text in UTF-16 (saved without a byte-order
    mark, as some Windows editors do): every other byte then repeats (00 for ASCII, 09 for
    Devanagari), which UTF-8 reports as NULs or control characters."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    sample = sample[: len(sample) & ~1]
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample.decode(codec, "replace")
        if text and len(_ARTICLE_CHAR.findall(text)) >= 0.9 * len(text):
            return codec
    return None


def _refuse_utf16(data: bytes, name: str, skip: int) -> None:
    """On the way to refusing `data`: say so if it is UTF-16 that lacks its byte-order mark."""
    if not skip and _utf16_without_bom(data):
        raise InputError(
            f"{name}: looks like UTF-16 text without a byte-order mark (from byte offset 0); "
            f"{_SAVE_AS}, or as UTF-16 with a byte-order mark"
        )


def decode_text(data: bytes, name: str) -> str:
    """Decode article bytes, refusing binaries and legacy encodings with the byte offset."""
    if not data:
        raise InputError(f"{name}: is empty; there is no article to read")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: looks like {what} at byte offset 0, not text; {_SAVE_AS}")
    codec, label, skip = "utf-8", "UTF-8", 0
    for bom, bom_codec, bom_label in _BOMS:
        if data.startswith(bom):
            codec, label, skip = bom_codec, bom_label, len(bom)
            break
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as e:
        _refuse_utf16(data, name, skip)
        offset = skip + e.start
        raise InputError(
            f"{name}: not valid {label} at byte offset {offset} (byte 0x{data[offset]:02x}); "
            f"{_SAVE_AS} (legacy encodings such as Windows-1252 are not read)"
        ) from None
    control = _CONTROL.search(text)
    if control:
        _refuse_utf16(data, name, skip)
        offset = skip + len(text[: control.start()].encode(codec))
        what = (
            "a NUL byte (a binary file, or UTF-16 without a byte-order mark)"
            if control.group() == "\0"
            else f"control character U+{ord(control.group()):04X} (a binary file?)"
        )
        raise InputError(f"{name}: {what} at byte offset {offset}; {_SAVE_AS}")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{name}: is empty (only whitespace); there is no article to read")
    return text
