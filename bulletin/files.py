"""Atomic file writes: a temporary sibling, fsync, then os.replace.

A reader (podcast app, web server, another build) sees the old file or the new one, never
half of one; a killed build leaves only `.*.tmp` files, which no feed points to and the
next build sweeps.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PUBLIC_MODE = 0o644  # published files are world-readable, like any file a web server serves


@contextlib.contextmanager
def staged(dest: Path, *, durable: bool = True) -> Iterator[Path]:
    """A temporary path beside `dest` for us or a program (ffmpeg) to write; on success it
    replaces `dest`, on failure it is removed.

    `durable=False` skips the fsync, for files whose loss on a power cut is harmless (cache).
    """
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(PUBLIC_MODE)  # mkstemp makes 0600, which a web server could not read
        if durable:
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        os.replace(tmp, dest)
        if durable:
            fsync_dir(dest.parent)  # the rename itself must survive a power cut too
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fsync_dir(folder: Path) -> None:
    """Make renames and unlinks in `folder` durable (they live in the folder's own data)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    with staged(path, durable=durable) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def link_or_copy(src: Path, dest: Path) -> None:
    """`dest` as a hard link to `src`, or a copy where there are no hard links (another file
    system, FAT, some network shares). FileNotFoundError when `src` is gone."""
    try:
        os.link(src, dest)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(src, dest)
