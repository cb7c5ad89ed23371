"""Master WAV → 48 kHz 16-bit broadcast WAV, with the bundled ffmpeg.

The episode MP3 itself is made by the mixer, stretch by stretch, already on target (see
`bulletin.mix.mixer`); export only tags it.
"""

from __future__ import annotations

from pathlib import Path

from .. import ffmpeg

BROADCAST_RATE_HZ = 48_000


def encode_wav(master: Path, dest: Path) -> None:
    """48 kHz 16-bit PCM (soxr resampling, triangular dither), no metadata chunks."""
    ffmpeg.run_ffmpeg([
        "-y", "-i", str(master), "-map_metadata", "-1",
        "-af", f"aresample={BROADCAST_RATE_HZ}:resampler=soxr:dither_method=triangular",
        "-c:a", "pcm_s16le", "-ac", "1", "-bitexact", "-f", "wav", str(dest),
    ])
