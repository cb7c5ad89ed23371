"""The one way bulletin runs ffmpeg: the binary bundled by imageio-ffmpeg (or $BULLETIN_FFMPEG).

No ffprobe and no system ffmpeg anywhere. Every call is an argv list, logged at debug level;
a failure raises AudioError carrying the tail of ffmpeg's stderr. On Linux every ffmpeg is
killed by the kernel when bulletin dies (PR_SET_PDEATHSIG), so a killed build leaves no
ffmpeg writing into a folder that is being swept.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .errors import AudioError

log = logging.getLogger(__name__)

ENV_OVERRIDE = "BULLETIN_FFMPEG"
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
    argv = _argv("error", args)
    try:
        proc = subprocess.run(argv, input=input_bytes, capture_output=True, check=False,
                              preexec_fn=_die_with_parent())
    except OSError as e:
        raise AudioError(f"cannot start ffmpeg ({argv[0]}): {e.strerror}") from None
    if proc.returncode != 0:
        raise AudioError(f"ffmpeg failed (exit {proc.returncode}): {_tail(proc.stderr)}")
    return proc.stdout


def run_ffmpeg_report(args: list[str], *, stdin_chunks: Iterable[bytes] | None = None) -> str:
    """Run ffmpeg at loglevel info and return its stderr, where analysis filters (ebur128) report.

    `stdin_chunks` are streamed to ffmpeg's stdin (`-i pipe:0`), so a long programme can be
    measured while it is rendered, without holding it in memory or writing it to disk.
    """
    argv = _argv("info", ["-nostats", *args])
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: ffmpeg can never block on it
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL if stdin_chunks is None else subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=err,
                preexec_fn=_die_with_parent(),
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


def _die_with_parent() -> Callable[[], None] | None:
    """What the child runs before exec: ask the kernel for SIGKILL when we die (Linux).

    It only calls a C function looked up beforehand, the one thing that is safe between
    fork and exec in a threaded program. Every ffmpeg is waited for by the thread that
    started it, so that thread (whose exit would also fire the signal) outlives it.
    """
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # we died before the request took effect
            os._exit(1)

    return arm


@functools.cache
def _prctl() -> Callable[[int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _argv(loglevel: str, args: Sequence[str]) -> list[str]:
    argv = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", loglevel, *args]
    log.debug("run: %s", " ".join(argv))
    return argv


def _tail(stderr: bytes, lines: int = 3) -> str:
    text = stderr.decode("utf-8", "replace").strip().splitlines()
    return " | ".join(text[-lines:]) or "no message"
