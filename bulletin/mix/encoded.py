"""The stretch cache: encoded stretches of programme, kept by what they are made of.

The mixer keys each stretch by a hash of its pieces' sounds and places, its settings and
the encoder (`mixer._Job.key`), so a hit is the very MP3 the stretch would encode to, and
an edited article re-encodes only the stretch it changed. Entries are written atomically
beside a small record of the gains they were made with (a master WAV re-renders them from
it); a torn or unreadable entry is a miss. Like every cache here it only saves time: when
it cannot be written, the build goes on without it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError
from ..filecache import CacheFolder
from ..files import link_or_copy
from .mp3join import Stretch, read_stretch

log = logging.getLogger(__name__)

SUBDIR = "stretches"
MAX_BYTES = 512 << 20  # about 60 hours of bulletins at 96 kbps


@dataclass(frozen=True)
class EncodedStretch:
    path: Path
    stretch: Stretch
    lufs: float  # its loudness as ffmpeg measured it while encoding (before the MP3 offset)
    voice_db: float  # the gains it was rendered with
    gain_db: float


class StretchCache:
    """Encoded stretches under `root/stretches/ab/abcdef….mp3`, with a `.json` record each."""

    def __init__(self, root: Path, *, max_bytes: int = MAX_BYTES) -> None:
        # info, not a warning: the segment cache, on the same disk, warns once for both
        self.files = CacheFolder(root / SUBDIR, ".mp3", companions=(".json",),
                                 max_bytes=max_bytes, name="stretch", warn=False)

    def get(self, key: str, into: Path) -> EncodedStretch | None:
        """The entry, linked (or copied) to `into` first: a concurrent build's eviction
        cannot pull it from under the join."""
        mp3 = self.files.get(key)
        if mp3 is None:
            return None
        try:
            record = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
            link_or_copy(mp3, into)
            return EncodedStretch(into, read_stretch(into), float(record["lufs"]),
                                  float(record["voice_db"]), float(record["gain_db"]))
        except (OSError, ValueError, KeyError, TypeError, AudioError):
            return None  # evicted meanwhile, torn or from another format: encoded again

    def put(self, key: str, encoded: EncodedStretch) -> None:
        """Keep a copy of `encoded` and the gains it was made with."""
        record = {"lufs": encoded.lufs, "voice_db": encoded.voice_db,
                  "gain_db": encoded.gain_db}
        self.files.write(key, encoded.path.read_bytes(),
                         beside={".json": json.dumps(record).encode()})

    def evict(self, keep: Collection[str]) -> None:
        """Bring the cache under its cap, never removing `keep` (this build's stretches)."""
        self.files.evict(keep)
