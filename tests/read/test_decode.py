"""Bytes → text: the encodings we read and every way an input is refused."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest

from bulletin.errors import InputError
from bulletin.read import ReadSettings, read_article
from bulletin.read.decode import decode_text

STORY = "शीर्षक यहां है\r\nदिल्ली,\r\nपहला पैराग्राफ़ यहां है।\r\n"
EXPECTED = "शीर्षक यहां है\nदिल्ली,\nपहला पैराग्राफ़ यहां है।\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(EXPECTED.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + EXPECTED.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(STORY.encode("utf-8"), id="crlf"),
        pytest.param(STORY.replace("\r\n", "\r").encode("utf-8"), id="cr"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_text(data, "x.txt") == EXPECTED


def test_text_is_nfc() -> None:
    """One spelling per letter: the precomposed क़ (U+0958) becomes क + nukta, as NFC has it."""
    assert decode_text("\u0958ानून\n".encode(), "x.txt") == "\u0915\u093cानून\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "x.txt: is empty", id="empty"),
        pytest.param(b" \n\t\r\n  ", "x.txt: is empty (only whitespace)", id="whitespace"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "looks like a PNG image at byte offset 0", id="png"
        ),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive", id="zip"),
        pytest.param(
            "शीर्षक\0".encode(),
            "a NUL byte (a binary file, or UTF-16 without a byte-order mark) at byte offset 18",
            id="nul",
        ),
        pytest.param(
            "“quote”".encode("cp1252"), "not valid UTF-8 at byte offset 0 (byte 0x93)", id="cp1252"
        ),
        pytest.param("नमस्ते दुनिया".encode("utf-16-le"), "UTF-16 text without a byte-order mark",
                     id="utf-16-no-bom"),
        pytest.param("अब आगे".encode("utf-16-le"), "UTF-16 text without a byte-order mark",
                     id="utf-16-le-control"),  # अ is 05 09: a control character in UTF-8
        pytest.param("समाचार शीर्षक\n\nपहला अनुच्छेद।".encode("utf-16-be"),
                     "UTF-16 text without a byte-order mark", id="utf-16-be-no-bom"),
        pytest.param("Breaking: RBI".encode("utf-16-le"), "UTF-16 text without a byte-order mark",
                     id="utf-16-ascii-no-bom"),
        pytest.param(
            b"title\n\x07bell",
            "control character U+0007 (a binary file?) at byte offset 6",
            id="control",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + b"\x00\xd8a",
            "not valid UTF-16 at byte offset 2",
            id="utf-16-broken",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + "ab\0".encode("utf-16-le"),
            "NUL byte (a binary file, or UTF-16 without a byte-order mark) at byte offset 6",
            id="utf-16-nul",
        ),
    ],
)
def test_bad_bytes_are_refused_with_the_offset(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        decode_text(data, "x.txt")
    assert message in str(raised.value)
    assert str(raised.value).startswith("x.txt: ")
    assert "\n" not in str(raised.value)


def test_the_size_limit_is_checked_before_reading_everything(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("शीर्षक\n".encode() + b"a" * 200)

    class Counting(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            assert size == 101
            return super().read(size)

    settings = ReadSettings(max_bytes=100)
    for source, stdin in ((path, None), ("-", Counting(path.read_bytes()))):
        with pytest.raises(InputError, match=r"larger than the 100-byte limit.*input.max_bytes"):
            read_article(source, settings, stdin=stdin)


def test_exactly_the_limit_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(b"headline\nparagraph.")
    assert read_article(path, ReadSettings(max_bytes=19)).headline == "headline"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d: d / "missing.txt", "missing.txt: no such file", id="missing"),
        pytest.param(lambda d: d, "is a directory", id="directory"),
    ],
)
def test_unreadable_sources(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_article(make(tmp_path), ReadSettings())


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("शीर्षक\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("permissions are not enforced for this user (root)")
        with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
            read_article(path, ReadSettings())
    finally:
        path.chmod(0o600)


def test_stdin_errors_name_stdin() -> None:
    with pytest.raises(InputError, match=r"^stdin: is empty"):
        read_article("-", ReadSettings(), stdin=io.BytesIO(b""))


@pytest.mark.timeout(10)
def test_a_fifo_with_no_writer_is_refused_at_once(tmp_path: Path) -> None:
    """#18: opening it would block forever."""
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"article\.txt: is a named pipe \(FIFO\), not a regular"):
        read_article(fifo, ReadSettings())


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    with pytest.raises(InputError, match="is a device or socket, not a regular file"):
        read_article(device, ReadSettings())
