"""A folder of cache entries, one file per key, kept under a size cap (least recently used
goes first): what the segment cache and the stretch cache are made of.

Entries live under `folder/ab/abcdef…SUFFIX` (a key's first two characters fan them out),
each perhaps with companion files of the same name (`.json` beside an `.mp3`). Concurrent
builds share the folder: writers write atomically, a hit touches its entry, and eviction
runs under a file lock. A problem with the folder (a full disk, a read-only folder) costs
speed, never the episode: the first failure logs one warning and turns the cache off for
the rest of the build.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import filelock

from .files import write_bytes_atomic

log = logging.getLogger(__name__)

STALE_TEMP_S = 3600  # a `.*.tmp` older than this was left by a killed build


@dataclass(frozen=True)
class CacheStats:
    path: Path
    entries: int
    size_bytes: int


class CacheFolder:
    def __init__(self, folder: Path, suffix: str, *, max_bytes: int, name: str,
                 companions: tuple[str, ...] = (), warn: bool = True) -> None:
        self.folder = folder
        self.suffix = suffix
        self.companions = companions
        self.max_bytes = max_bytes
        self.name = name  # "segment", "stretch": for messages
        self.warn = warn  # False: a cache on the same disk as one that warns says it as info
        self.failed: OSError | None = None  # the first failure; the cache is off after it

    def give_up(self, error: OSError) -> None:
        """Turn the cache off for this build, saying once why."""
        if self.failed is None:
            self.failed = error
            where = error.filename or self.folder
            log.log(logging.WARNING if self.warn else logging.INFO,
                    "%s cache unusable (%s: %s): building without it, which is slower; "
                    "free space there, fix its permissions or pass --no-cache",
                    self.name, where, error.strerror or error)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

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

    def write(self, key: str, data: bytes, *, beside: Mapping[str, bytes] = MappingProxyType({})
              ) -> Path | None:
        """Write the entry (and its companions, by suffix, first) atomically but without
        fsync: an entry torn by a power cut is only a miss. None: the cache is not usable
        (see `failed`)."""
        if self.failed is not None:
            return None
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for suffix, companion in beside.items():
                write_bytes_atomic(path.with_suffix(suffix), companion, durable=False)
            write_bytes_atomic(path, data, durable=False)
        except OSError as e:
            self.give_up(e)
            return None
        return path

    def evict(self, keep: Collection[str] = ()) -> int:
        """Delete least recently used entries (never those in `keep`) until under the cap."""
        if self.failed is not None or not self.folder.is_dir():
            return 0
        try:
            return self._evict(keep)
        except OSError as e:
            self.give_up(e)
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
                self._remove(path)
                removed += 1
                total -= st.st_size
            self._remove_stale_temps()
        if total > self.max_bytes:
            log.warning("%s cache holds %d MB, over its cap: this bulletin alone is larger "
                        "than the cap", self.name, total >> 20)
        if removed:
            log.info("%s cache: evicted %d least recently used entries", self.name, removed)
        return removed

    def stats(self) -> CacheStats:
        entries = self._entries()
        return CacheStats(self.folder, len(entries), sum(st.st_size for _, st in entries))

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        if not self.folder.is_dir():
            return 0
        with filelock.FileLock(str(self.folder / ".lock")):
            entries = self._entries()
            for path, _ in entries:
                self._remove(path)
            return len(entries)

    def _remove(self, path: Path) -> None:
        for name in (path, *(path.with_suffix(s) for s in self.companions)):
            with contextlib.suppress(FileNotFoundError):  # another build's clear or eviction
                name.unlink()

    def _entries(self) -> list[tuple[Path, os.stat_result]]:
        found = []
        for path in self.folder.glob(f"??/*{self.suffix}"):
            with contextlib.suppress(FileNotFoundError):  # evicted by another build meanwhile
                found.append((path, path.stat()))
        return found

    def _remove_stale_temps(self) -> None:
        cutoff = time.time() - STALE_TEMP_S
        for tmp in self.folder.glob("??/.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
