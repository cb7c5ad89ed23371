"""The one way bulletin runs an external program (ffmpeg, festival's text2wave).

Every call is an argv list (no shell), logged at debug level, with its output captured; a
program that cannot start, runs too long or exits non-zero raises the caller's error class
carrying the tail of its stderr. On Linux every child is killed by the kernel when bulletin
dies (PR_SET_PDEATHSIG), so a killed build leaves no program writing into a folder that is
being swept.
"""

from __future__ import annotations

import contextlib
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
from typing import IO

from .errors import BulletinError

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PIPE_BYTES = 1 << 20  # Linux's default cap for an unprivileged pipe


def run(argv: Sequence[str], *, error: type[BulletinError], name: str,
        input_bytes: bytes | None = None, timeout_s: float | None = None,
        hint: str = "") -> bytes:
    """Run `argv` and return its stdout; `hint` (`"; check …"`) ends every failure message."""
    log.debug("run: %s", " ".join(argv))
    try:
        proc = subprocess.run(list(argv), input=input_bytes, capture_output=True, check=False,
                              timeout=timeout_s, preexec_fn=_die_with_parent())
    except OSError as e:
        raise error(f"cannot start {name} ({argv[0]}): {e.strerror}{hint}") from None
    except subprocess.TimeoutExpired:
        raise error(f"{name} did not finish within {timeout_s:g} s{hint}") from None
    if proc.returncode != 0:
        raise error(f"{name} failed (exit {proc.returncode}): {tail(proc.stderr)}{hint}")
    return proc.stdout


def run_feeding(argv: Sequence[str], *, error: type[BulletinError], name: str,
                stdin_chunks: Iterable[bytes] | None = None) -> bytes:
    """Run `argv` with `stdin_chunks` streamed to its stdin; return its stderr (where
    analysis programs report). stdout is discarded."""
    log.debug("run: %s", " ".join(argv))
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: the child can never block on it
        try:
            proc = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL if stdin_chunks is None else subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=err,
                preexec_fn=_die_with_parent(),
            )
        except OSError as e:
            raise error(f"cannot start {name} ({argv[0]}): {e.strerror}") from None
        try:
            if proc.stdin is not None:
                _widen(proc.stdin)
                with proc.stdin:
                    for chunk in stdin_chunks or ():
                        proc.stdin.write(chunk)
        except BrokenPipeError:
            pass  # the program stopped reading: its exit status and stderr say why
        finally:
            returncode = proc.wait()
        err.seek(0)
        stderr = err.read()
    if returncode != 0:
        raise error(f"{name} failed (exit {returncode}): {tail(stderr)}")
    return stderr


def _widen(pipe: IO[bytes]) -> None:
    """Give the pipe to the child a megabyte of buffer (Linux; 64 kB otherwise), so the
    feeder can prepare the next stretch of input while the child works through the last."""
    if sys.platform.startswith("linux"):
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def tail(stderr: bytes, lines: int = 3) -> str:
    """The last lines of a program's stderr, joined into one line."""
    text = stderr.decode("utf-8", "replace").strip().splitlines()
    return " | ".join(text[-lines:]) or "no message"


def _die_with_parent() -> Callable[[], None] | None:
    """What the child runs before exec: ask the kernel for SIGKILL when we die (Linux).

    It only calls a C function looked up beforehand, the one thing that is safe between
    fork and exec in a threaded program. Every child is waited for by the thread that
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
