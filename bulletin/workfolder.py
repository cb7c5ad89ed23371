"""Private work folders of builds, and the sweep of those whose build died.

A build works in `.bulletin-work-XXXX/` inside the output folder (same file system, so its
finished files can be renamed into place). For its whole life it holds an exclusive
`flock` on `owner.lock` inside the folder; the kernel drops that lock when the process ends,
however it ends (kill -9 included). So a folder whose lock can be taken belongs to a dead
build and the next build removes it at once, instead of waiting hours on a timestamp.
(flock is POSIX; where it is missing, folders are swept by age only.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

WORK_PREFIX = ".bulletin-work-"
OWNER_LOCK = "owner.lock"
# A folder without a lock file was made by bulletin 0.1, or is being created this instant
# (mkdtemp, then the lock): only those older than this are swept.
UNLOCKED_GRACE_S = 600


@dataclass
class WorkFolder:
    """A work folder owned by this process until `remove()` (or the process's death)."""

    path: Path
    _fd: int | None

    @classmethod
    def create(cls, parent: Path) -> WorkFolder:
        path = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=parent))
        fd = os.open(path / OWNER_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # a fresh file: never contended
        return cls(path, fd)

    def remove(self) -> None:
        """Delete the folder, then give up ownership (idempotent)."""
        shutil.rmtree(self.path, ignore_errors=True)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def sweep_abandoned(parent: Path) -> list[Path]:
    """Remove the work folders in `parent` whose build is gone; returns what was removed."""
    removed = []
    for path in parent.glob(f"{WORK_PREFIX}*"):
        if path.is_dir() and _abandoned(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _abandoned(path: Path) -> bool:
    try:
        fd = os.open(path / OWNER_LOCK, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        with contextlib.suppress(FileNotFoundError):  # or swept by another build meanwhile
            return time.time() - path.lstat().st_mtime > UNLOCKED_GRACE_S
        return False
    try:
        if fcntl is None:  # pragma: no cover - Windows
            return time.time() - path.lstat().st_mtime > UNLOCKED_GRACE_S
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a live build holds it
        return True
    finally:
        os.close(fd)
