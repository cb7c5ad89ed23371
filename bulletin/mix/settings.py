"""Settings of mixing and export (`audio:` in bulletin.yaml).

Values are checked when the settings are made (that is, when bulletin.yaml is loaded), so a
bad bitrate fails in the first second of a build, not after minutes of synthesis.
"""

from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import ConfigError

SAMPLE_RATES_HZ = (44_100, 48_000)  # what Apple asks for; both are MPEG-1 Layer III rates
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


@dataclass(frozen=True)
class Pauses:
    """Silences in milliseconds, applied after each piece's own silence is trimmed."""

    after_headline_ms: int = 800
    sentence_ms: int = 350
    paragraph_ms: int = 700
    around_sting_ms: int = 400

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not 0 <= value <= 10_000:
                raise ConfigError(
                    f"`audio.pauses.{f.name}` is {value}: use 0 to 10000 milliseconds"
                )


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

    def __post_init__(self) -> None:
        if self.sample_rate_hz not in SAMPLE_RATES_HZ:
            raise ConfigError(
                f"`audio.sample_rate_hz` is {self.sample_rate_hz}: use 44100 or 48000 "
                "(the rates podcast apps expect)"
            )
        if self.bitrate_kbps not in MP3_BITRATES_KBPS:
            raise ConfigError(
                f"`audio.bitrate_kbps` is {self.bitrate_kbps}, not an MP3 bitrate: use one of "
                f"{', '.join(map(str, MP3_BITRATES_KBPS))} (96 suits a spoken bulletin)"
            )
        if not -30.0 <= self.loudness_lufs <= -10.0:
            raise ConfigError(
                f"`audio.loudness_lufs` is {self.loudness_lufs}: use -30 to -10 (Apple: -16)"
            )
        if not -9.0 <= self.true_peak_dbtp <= 0.0:
            raise ConfigError(
                f"`audio.true_peak_dbtp` is {self.true_peak_dbtp}: use -9 to 0 (Apple: -1)"
            )
