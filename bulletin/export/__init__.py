"""Export: master → MP3 (ID3 tags, chapters), transcripts, chapters JSON, WAV, cue sheet."""

from .episode import export_episode
from .tags import Tags

__all__ = ["Tags", "export_episode"]
