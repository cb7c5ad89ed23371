"""The segment cache: one WAV per (engine, voice, settings, exact speech text).

Rebuilding after a one-word correction re-synthesizes only the sentence that changed.
Entries are written atomically (temporary sibling + os.replace), so concurrent builds can
share the folder; a hit touches the file, and eviction keeps the folder under its size cap
(`bulletin.filecache`, which also keeps the cache optional: a problem with it costs
speed, never the episode).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import platformdirs

from ..filecache import CacheFolder, CacheStats
from ..models import Pcm
from .pcm import wav_bytes

FORMAT = "bulletin-segment-v1"  # bump when the stored audio changes meaning
SUBDIR = "segments"

__all__ = ["CacheStats", "SegmentCache", "default_cache_dir"]


def default_cache_dir() -> Path:
    """The user cache folder for bulletin (honours XDG_CACHE_HOME on Linux)."""
    return platformdirs.user_cache_path("bulletin")


class SegmentCache(CacheFolder):
    """Synthesized sentences under `root/segments/ab/abcdef….wav`, capped at `max_bytes`."""

    def __init__(self, root: Path, *, max_bytes: int):
        super().__init__(root / SUBDIR, ".wav", max_bytes=max_bytes, name="segment")

    @staticmethod
    def key(engine_key: str, text: str) -> str:
        return hashlib.sha256(f"{FORMAT}\n{engine_key}\n{text}".encode()).hexdigest()

    def put(self, key: str, pcm: Pcm) -> Path | None:
        """Write atomically but without fsync: it halved voicing time, and an entry torn by
        a power cut is only a miss (`voice_script` re-synthesizes what it cannot read).
        None: the cache is not usable (see `failed`)."""
        return self.write(key, wav_bytes(pcm))
