"""Settings of mixing and export (`audio:` in bulletin.yaml).

Values are checked when the settings are made (that is, when bulletin.yaml is loaded), so a
bad bitrate fails in the first second of a build, not after minutes of synthesis.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..setting import InvalidSetting, check_fields, section, setting

SAMPLE_RATES_HZ = (44_100, 48_000)  # what Apple asks for; both are MPEG-1 Layer III rates
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


@dataclass(frozen=True)
class Pauses:
    """Silences in milliseconds, applied after each piece's own silence is trimmed."""

    SECTION: ClassVar[str] = "audio.pauses"

    after_headline_ms: int = setting(800, shapes=True, low=0, high=10_000)
    sentence_ms: int = setting(350, shapes=True, low=0, high=10_000)
    paragraph_ms: int = setting(700, shapes=True, low=0, high=10_000)
    around_sting_ms: int = setting(400, shapes=True, low=0, high=10_000)

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True)
class Jingles:
    """User audio files (mp3/wav/ogg/flac); None means the generated default."""

    SECTION: ClassVar[str] = "audio.jingles"

    intro: Path | None = setting(None, shapes=True)
    sting: Path | None = setting(None, shapes=True)
    outro: Path | None = setting(None, shapes=True)
    bed: Path | None = setting(None, shapes=True)
    # generated bed under intro + headline when `bed` is not given
    music_bed: bool = setting(False, shapes=True)


@dataclass(frozen=True)
class AudioSettings:
    SECTION: ClassVar[str] = "audio"

    sample_rate_hz: int = setting(44_100, shapes=True)
    bitrate_kbps: int = setting(96, shapes=True)
    loudness_lufs: float = setting(-16.0, shapes=True, low=-30.0, high=-10.0)  # Apple: -16
    true_peak_dbtp: float = setting(-1.0, shapes=True, low=-9.0, high=0.0)  # Apple: -1
    wav: bool = setting(False, shapes=True)  # also a 48 kHz 16-bit broadcast WAV + cue sheet
    pauses: Pauses = section(Pauses)
    jingles: Jingles = section(Jingles)

    def mp3_args(self) -> list[str]:
        """ffmpeg output options of the episode MP3: CBR with a LAME/Info header (so decoders
        trim the encoder delay and know the exact duration), no tag (the export writes it)."""
        return ["-map_metadata", "-1", "-c:a", "libmp3lame", "-b:a", f"{self.bitrate_kbps}k",
                "-abr", "0", "-ar", str(self.sample_rate_hz), "-ac", "1",
                "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3"]

    def __post_init__(self) -> None:
        check_fields(self)
        if self.sample_rate_hz not in SAMPLE_RATES_HZ:
            raise InvalidSetting(self, "sample_rate_hz", f"is {self.sample_rate_hz}: use 44100 "
                                 "or 48000 (the rates podcast apps expect)")
        if self.bitrate_kbps not in MP3_BITRATES_KBPS:
            raise InvalidSetting(
                self, "bitrate_kbps", f"is {self.bitrate_kbps}, not an MP3 bitrate: use one of "
                f"{', '.join(map(str, MP3_BITRATES_KBPS))} (96 suits a spoken bulletin)"
            )
