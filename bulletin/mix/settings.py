"""Settings of mixing and export (`audio:` in bulletin.yaml)."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Pauses:
    """Silences in milliseconds, applied after each piece's own silence is trimmed."""

    after_headline_ms: int = 800
    sentence_ms: int = 350
    paragraph_ms: int = 700
    around_sting_ms: int = 400


@dataclass(frozen=True)
class Jingles:
    """User audio files (mp3/wav/ogg/flac); None means the generated default."""

    intro: Path | None = None
    sting: Path | None = None
    outro: Path | None = None
    bed: Path | None = None
    music_bed: bool = False  # generated bed under intro + headline when `bed` is not given


@dataclass(frozen=True)
class AudioSettings:
    sample_rate_hz: int = 44_100
    bitrate_kbps: int = 96
    loudness_lufs: float = -16.0
    true_peak_dbtp: float = -1.0
    wav: bool = False  # also write a 48 kHz 16-bit broadcast WAV and a cue sheet
    pauses: Pauses = field(default_factory=Pauses)
    jingles: Jingles = field(default_factory=Jingles)
