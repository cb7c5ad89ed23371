"""Export: master → MP3 (ID3 tags, chapters), transcripts, chapters JSON, WAV, cue sheet,
the episode's own art.

The entry points load lazily: an up-to-date rebuild imports `bulletin.build` but never
exports, and should not pay for numpy and mutagen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .art import episode_art
    from .episode import export_episode
    from .tags import Tags

__all__ = ["Tags", "episode_art", "export_episode"]
__getattr__ = lazy_exports(
    __name__, {"Tags": ".tags", "episode_art": ".art", "export_episode": ".episode"}
)
