"""The segment cache: one WAV per (engine, voice, settings, exact speech text).

Rebuilding after a one-word correction re-synthesizes only the sentence that changed.
Entries are written atomically (temporary sibling + os.replace), so concurrent builds can
share the folder; a hit touches the file, and eviction (oldest mtime first, under a file
lock) keeps the folder under its size cap.

The cache is optional: a problem with it (a full disk, a read-only folder) costs speed,
never the episode. The first failure logs one warning and the cache is off for the rest of
the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import filelock
import platformdirs

from ..files import write_bytes_atomic
from ..models import Pcm
from .pcm import wav_bytes

log = logging.getLogger(__name__)

FORMAT = "bulletin-segment-v1"  # bump when the stored audio changes meaning
SUBDIR = "segments"
STALE_TEMP_S = 3600  # a `.*.tmp` older than this was left by a killed build


def default_cache_dir() -> Path:
    """The user cache folder for bulletin (honours XDG_CACHE_HOME on Linux)."""
    return platformdirs.user_cache_path("bulletin")


@dataclass(frozen=True)
class CacheStats:
    path: Path
    entries: int
    size_bytes: int


class SegmentCache:
    """Synthesized sentences under `root/segments/ab/abcdef….wav`, capped at `max_bytes`."""

    def __init__(self, root: Path, *, max_bytes: int):
        self.folder = root / SUBDIR
        self.max_bytes = max_bytes
        self.failed: OSError | None = None  # the first failure; the cache is off after it

    def _give_up(self, error: OSError) -> None:
        if self.failed is None:
            self.failed = error
            where = error.filename or self.folder
            log.warning("segment cache unusable (%s: %s): building without it, which is "
                        "slower; free space there, fix its permissions or pass --no-cache",
                        where, error.strerror or error)

    @staticmethod
    def key(engine_key: str, text: str) -> str:
        return hashlib.sha256(f"{FORMAT}\n{engine_key}\n{text}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Path | None:
        """The entry's path, touched as most recently used; None on a miss."""
        if self.failed is not None:
            return None
        path = self.path(key)
        try:
            os.utime(path)
        except FileNotFoundError:
            return None
        except OSError:  # a read-only cache still serves its entries
            return path if path.is_file() else None
        return path

    def put(self, key: str, pcm: Pcm) -> Path | None:
        """Write atomically but without fsync: it halved voicing time, and an entry torn by
        a power cut is only a miss (`voice_script` re-synthesizes what it cannot read).
        None: the cache is not usable (see `failed`)."""
        if self.failed is not None:
            return None
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, wav_bytes(pcm), durable=False)
        except OSError as e:
            self._give_up(e)
            return None
        return path

    def evict(self, keep: Collection[str] = ()) -> int:
        """Delete least recently used entries (never those in `keep`) until under the cap."""
        if self.failed is not None or not self.folder.is_dir():
            return 0
        try:
            return self._evict(keep)
        except OSError as e:
            self._give_up(e)
            return 0

    def _evict(self, keep: Collection[str]) -> int:
        with filelock.FileLock(str(self.folder / ".lock")):
            entries = sorted(self._entries(), key=lambda e: e[1].st_mtime)
            total = sum(st.st_size for _, st in entries)
            removed = 0
            for path, st in entries:
                if total <= self.max_bytes:
                    break
                if path.stem in keep:
                    continue
                with contextlib.suppress(FileNotFoundError):  # another build's clear
                    path.unlink()
                    removed += 1
                total -= st.st_size
            self._remove_stale_temps()
        if total > self.max_bytes:
            log.warning("segment cache holds %d MB, over its cap: this bulletin alone is larger "
                        "than voice.cache_max_mb", total >> 20)
        if removed:
            log.info("segment cache: evicted %d least recently used entries", removed)
        return removed

    def stats(self) -> CacheStats:
        entries = list(self._entries())
        return CacheStats(self.folder, len(entries), sum(st.st_size for _, st in entries))

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        if not self.folder.is_dir():
            return 0
        with filelock.FileLock(str(self.folder / ".lock")):
            removed = 0
            for path, _ in self._entries():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
            return removed

    def _entries(self) -> list[tuple[Path, os.stat_result]]:
        found = []
        for path in self.folder.glob("??/*.wav"):
            with contextlib.suppress(FileNotFoundError):  # evicted by another build meanwhile
                found.append((path, path.stat()))
        return found

    def _remove_stale_temps(self) -> None:
        cutoff = time.time() - STALE_TEMP_S
        for tmp in self.folder.glob("??/.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
