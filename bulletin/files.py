"""Atomic file writes: a temporary file in the same folder, fsync, then os.replace.

A reader (podcast app, web server, another build) sees the old file or the new one, never
half of one; a killed build leaves only `.*.tmp` files, which no feed points to.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PUBLIC_MODE = 0o644  # published files are world-readable, like any file a web server serves


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary sibling of `path` for writing; on success it replaces `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, PUBLIC_MODE)  # mkstemp makes 0600: a web server must be able to read it
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_writer(path, "wb") as f:
        f.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def move_atomic(src: Path, dest: Path) -> None:
    """Publish a finished temporary file under its final name (same filesystem: a rename)."""
    with open(src, "rb") as f:
        os.fsync(f.fileno())
    os.replace(src, dest)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
