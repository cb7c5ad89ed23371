"""The one way bulletin runs ffmpeg: the binary bundled by imageio-ffmpeg (or $BULLETIN_FFMPEG).

No ffprobe and no system ffmpeg anywhere. Every call is an argv list, logged at debug level;
a failure raises AudioError carrying the tail of ffmpeg's stderr.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import AudioError

log = logging.getLogger(__name__)

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


def run_ffmpeg(args: list[str], *, input_bytes: bytes | None = None) -> bytes:
    """Run `ffmpeg -hide_banner -nostdin -loglevel error ARGS`; return stdout."""
    argv = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    log.debug("run: %s", " ".join(argv))
    try:
        proc = subprocess.run(argv, input=input_bytes, capture_output=True, check=False)
    except OSError as e:
        raise AudioError(f"cannot start ffmpeg ({argv[0]}): {e.strerror}") from None
    if proc.returncode != 0:
        raise AudioError(f"ffmpeg failed (exit {proc.returncode}): {_tail(proc.stderr)}")
    return proc.stdout


def open_ffmpeg(args: list[str], **popen: object) -> subprocess.Popen[bytes]:
    """Start ffmpeg as a streaming process (stdin/stdout as given by the caller)."""
    argv = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    log.debug("start: %s", " ".join(argv))
    try:
        return subprocess.Popen(argv, **popen)  # type: ignore[call-overload]
    except OSError as e:
        raise AudioError(f"cannot start ffmpeg ({argv[0]}): {e.strerror}") from None


def run_ffmpeg_report(args: list[str], *, stdin_chunks: Iterable[bytes] | None = None) -> str:
    """Run ffmpeg at loglevel info and return its stderr, where analysis filters (ebur128) report.

    `stdin_chunks` are streamed to ffmpeg's stdin (`-i pipe:0`), so a long programme can be
    measured while it is rendered, without holding it in memory or writing it to disk.
    """
    argv = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", *args]
    log.debug("run: %s", " ".join(argv))
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: ffmpeg can never block on it
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL if stdin_chunks is None else subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        except OSError as e:
            raise AudioError(f"cannot start ffmpeg ({argv[0]}): {e.strerror}") from None
        try:
            if proc.stdin is not None:
                with proc.stdin:
                    for chunk in stdin_chunks or ():
                        proc.stdin.write(chunk)
        except BrokenPipeError:
            pass  # ffmpeg stopped reading: its exit status and stderr say why
        finally:
            returncode = proc.wait()
        err.seek(0)
        stderr = err.read()
    if returncode != 0:
        raise AudioError(f"ffmpeg failed (exit {returncode}): {_tail(stderr)}")
    return stderr.decode("utf-8", "replace")


def decode_to_pcm(source: Path | bytes, *, sample_rate_hz: int, channels: int = 1) -> bytes:
    """Decode any audio file (or encoded bytes) to 16-bit little-endian PCM."""
    src = "pipe:0" if isinstance(source, bytes) else str(source)
    return run_ffmpeg(
        ["-i", src, "-f", "s16le", "-acodec", "pcm_s16le", "-ac", str(channels),
         "-ar", str(sample_rate_hz), "pipe:1"],
        input_bytes=source if isinstance(source, bytes) else None,
    )


def _tail(stderr: bytes, lines: int = 3) -> str:
    text = stderr.decode("utf-8", "replace").strip().splitlines()
    return " | ".join(text[-lines:]) or "no message"
