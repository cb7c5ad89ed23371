"""`bulletin watch INBOX`: the hot folder radio automation and CMS exports drop files into.

A file is taken once it is complete: its size and modification time have not changed for
`service.watch_settle_s` (a file moved in is complete at once, so it waits just that long).
Polling, not inotify: inboxes are often network shares, where change events never arrive.

Nothing is lost or built twice, across restarts of the watcher too. A complete file is first
renamed into `INBOX/.processing/` (atomic: it is never half in two places), then submitted;
its job id is kept beside it. Submitting is idempotent (article id + content → one job), so
a watcher killed at any point submits the same job again on restart. When the job finishes
the file moves to `INBOX/done/`, or to `INBOX/failed/` with `<name>.error.txt` beside it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, PublishError
from ..files import write_text_atomic
from .articles import from_file
from .submit import Service

log = logging.getLogger(__name__)

PROCESSING = ".processing"
DONE = "done"
FAILED = "failed"
JOB_SUFFIX = ".job"
ERROR_SUFFIX = ".error.txt"
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", "~")  # still being copied


@dataclass
class Inbox:
    """One watched folder; `scan()` does one pass, `run()` scans until stopped."""

    folder: Path
    service: Service
    settle_s: float
    seen: dict[str, tuple[tuple[int, int], float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in (PROCESSING, DONE, FAILED):
            (self.folder / name).mkdir(parents=True, exist_ok=True)

    def run(self, stop: threading.Event, poll_s: float) -> None:
        while True:
            self.scan()
            if stop.wait(poll_s):
                return

    def scan(self) -> None:
        for path in self._complete_files():
            self._claim(path)
        for path in sorted((self.folder / PROCESSING).iterdir()):
            if path.is_file() and not path.name.endswith(JOB_SUFFIX):
                self._follow(path)

    def _complete_files(self) -> list[Path]:
        """Files unchanged for `settle_s`; the others are remembered for the next pass."""
        now = time.monotonic()
        ready, current = [], {}
        for entry in sorted(os.scandir(self.folder), key=lambda e: e.name):
            name = entry.name
            if name.startswith(".") or name.endswith(PARTIAL_SUFFIXES) or not entry.is_file():
                continue
            stat = entry.stat()
            signature = (stat.st_size, stat.st_mtime_ns)
            before = self.seen.get(name)
            since = before[1] if before is not None and before[0] == signature else now
            current[name] = (signature, since)
            if now - since >= self.settle_s and not (self.folder / PROCESSING / name).exists():
                ready.append(Path(entry.path))
        self.seen = current
        return ready

    def _claim(self, path: Path) -> None:
        os.replace(path, self.folder / PROCESSING / path.name)
        self.seen.pop(path.name, None)
        log.info("inbox: took %s", path.name)

    def _follow(self, path: Path) -> None:
        """Submit a claimed file (again, after a restart: idempotent) or settle its outcome."""
        job_file = path.with_name(path.name + JOB_SUFFIX)
        store = self.service.store
        job = store.load(job_file.read_text("ascii").strip()) if job_file.is_file() else None
        if job is None:
            try:
                job, _ = self.service.submit(from_file(path.name, path.read_bytes()),
                                             origin="watch")
            except InputError as e:
                self._settle(path, FAILED, str(e))
                return
            except PublishError as e:  # the queue is down: keep the file, try next pass
                log.warning("inbox: %s waits: %s", path.name, e)
                return
            write_text_atomic(job_file, job.id + "\n")
        if job.state == "done":
            self._settle(path, DONE, None)
        elif job.state == "failed":
            self._settle(path, FAILED, f"{job.error} ({job.exit_class})")

    def _settle(self, path: Path, where: str, error: str | None) -> None:
        target = _free_name(self.folder / where, path.name)
        if error is not None:
            write_text_atomic(target.with_name(target.name + ERROR_SUFFIX),
                              " ".join(error.split()) + "\n")
        os.replace(path, target)
        path.with_name(path.name + JOB_SUFFIX).unlink(missing_ok=True)
        log.info("inbox: %s → %s/%s", path.name, where, target.name)


def _free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or `stem-2.ext`, `stem-3.ext`… so no earlier file is overwritten."""
    target = folder / name
    stem, suffix = os.path.splitext(name)
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target
