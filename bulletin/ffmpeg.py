"""The one way bulletin runs ffmpeg: the binary bundled by imageio-ffmpeg (or $BULLETIN_FFMPEG).

No ffprobe and no system ffmpeg anywhere. Every call goes through the program runner
(`process.py`: argv lists, debug log, killed with bulletin); a failure raises AudioError
carrying the tail of ffmpeg's stderr.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import process
from .errors import AudioError

ENV_OVERRIDE = "BULLETIN_FFMPEG"


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary: $BULLETIN_FFMPEG, else the one the imageio-ffmpeg wheel ships."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        if not Path(override).is_file():
            raise AudioError(f"${ENV_OVERRIDE} points to {override}, which does not exist")
        return override
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as e:
        raise AudioError(
            f"ffmpeg not found: reinstall bulletin so that imageio-ffmpeg is present ({e})"
        ) from None


@functools.cache
def identity() -> str:
    """What tells this ffmpeg's output from another's: its file name (the imageio-ffmpeg
    wheel names the binary after its version) and size. Caches of encoded audio key on it."""
    path = Path(ffmpeg_exe())
    return f"{path.name}:{path.stat().st_size}"


def run_ffmpeg(args: list[str], *, input_bytes: bytes | None = None) -> bytes:
    """Run `ffmpeg -hide_banner -nostdin -loglevel error ARGS`; return stdout."""
    return process.run(_argv("error", args), error=AudioError, name="ffmpeg",
                       input_bytes=input_bytes)


def run_ffmpeg_report(args: list[str], *, stdin_chunks: Iterable[bytes] | None = None) -> str:
    """Run ffmpeg at loglevel info and return its stderr, where analysis filters (ebur128) report.

    `stdin_chunks` are streamed to ffmpeg's stdin (`-i pipe:0`), so a long programme can be
    measured while it is rendered, without holding it in memory or writing it to disk.
    """
    stderr = process.run_feeding(_argv("info", ["-nostats", *args]), error=AudioError,
                                 name="ffmpeg", stdin_chunks=stdin_chunks)
    return stderr.decode("utf-8", "replace")


def decode_to_pcm(
    source: Path | bytes,
    *,
    sample_rate_hz: int,
    channels: int = 1,
    input_args: Sequence[str] = (),
    output_args: Sequence[str] = (),
) -> bytes:
    """Decode any audio file (or encoded bytes) to 16-bit little-endian PCM.

    `input_args` go before `-i` (e.g. `-stream_loop -1`), `output_args` after it (`-t 30`).
    """
    src = "pipe:0" if isinstance(source, bytes) else str(source)
    return run_ffmpeg(
        [*input_args, "-i", src, *output_args, "-vn", "-f", "s16le", "-acodec", "pcm_s16le",
         "-ac", str(channels), "-ar", str(sample_rate_hz), "pipe:1"],
        input_bytes=source if isinstance(source, bytes) else None,
    )


def _argv(loglevel: str, args: Sequence[str]) -> list[str]:
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", loglevel, *args]
