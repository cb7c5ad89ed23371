"""`bulletin doctor`: is this installation able to build and publish a bulletin?

Each check is a small function returning a `Check`; required checks failing means builds
will fail, optional ones (other engines) only limit the choice of voice, warnings
(placeholder show settings) mean the feed works only on this machine. Checking changes
nothing: no folder is created, no file written.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import BulletinError
from .ffmpeg import ffmpeg_exe, run_ffmpeg
from .mix import check_jingles
from .synth import available_engines, load_engine


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True
    warning: bool = False  # not ok, but builds work: shown as WARN


def run_checks(config: Config, out_dir: Path, cache_dir: Path) -> list[Check]:
    """Every check, in the order a build needs them."""
    checks: list[Callable[[], Check]] = [
        _python,
        _ffmpeg,
        lambda: _espeak_hindi(config),
        lambda: _jingles(config),
        lambda: _writable("output folder", out_dir),
        lambda: _writable("cache folder", cache_dir),
        lambda: _show(config),
    ]
    results = [check() for check in checks]
    results += [
        Check(f"engine {info.name}", info.usable, info.detail, required=info.name == "espeak")
        for info in available_engines()
    ]
    return results


def _python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", sys.version_info >= (3, 11), f"{version} ({sys.executable})")


def _ffmpeg() -> Check:
    """The bundled ffmpeg runs and can encode MP3 (libmp3lame)."""
    try:
        first = run_ffmpeg(["-version"]).decode("utf-8", "replace").splitlines()[0]
        mp3 = run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=0.2",
                          "-c:a", "libmp3lame", "-b:a", "96k", "-f", "mp3", "pipe:1"])
    except BulletinError as e:
        return Check("ffmpeg", False, str(e))
    version = first.split(" Copyright")[0]
    return Check("ffmpeg", len(mp3) > 0, f"{version} ({ffmpeg_exe()}), MP3 ok")


def _espeak_hindi(config: Config) -> Check:
    """The embedded voice speaks Hindi: the engine every offline build can rely on."""
    try:
        engine = load_engine("espeak", dataclasses.replace(config.voice, engine="espeak"))
        pcm = engine.synthesize("नमस्ते, यह जाँच है।")
    except BulletinError as e:
        return Check("espeak-ng Hindi", False, str(e))
    detail = f"voice {engine.voice}, {pcm.duration_s:.1f} s of speech at {pcm.sample_rate_hz} Hz"
    return Check("espeak-ng Hindi", pcm.duration_s > 0.3, detail)


def _jingles(config: Config) -> Check:
    try:
        check_jingles(config.audio)
    except BulletinError as e:
        return Check("jingles", False, str(e))
    return Check("jingles", True, "configured files decode (others are generated)")


def _writable(name: str, folder: Path) -> Check:
    """The folder, or the nearest folder above it that a build would create it in, is writable."""
    existing = next((p for p in (folder, *folder.absolute().parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        return Check(name, False, f"{folder}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        return Check(name, False, f"{folder}: {existing} is not writable")
    detail = str(folder) if existing == folder else f"{folder} (a build creates it)"
    return Check(name, True, detail)


def _show(config: Config) -> Check:
    """Settings still at their placeholders make a feed that works only on this machine."""
    show = config.show
    problems = show.placeholders()
    defaults = type(show)()
    problems += [f"`show.{key}` is still `{getattr(show, key)}`" for key in ("author", "owner_name")
                 if getattr(show, key) == getattr(defaults, key)]
    if not problems:
        return Check("show settings", True, f"{show.base_url}, {show.owner_email}")
    return Check("show settings", False, "; ".join(problems), required=False, warning=True)
