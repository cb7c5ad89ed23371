"""Piper voice files: where they live, and fetching one from the piper-voices repository.

A voice is `<lang>_<REGION>-<name>-<quality>` (`hi_IN-pratham-medium`): an ONNX model, its
JSON config and a MODEL_CARD (the licence). The repository's `voices.json` lists each file
with its size and MD5; a download streams to `*.part`, is checked against both, and only
then renamed, so a voice folder never holds half a model. The library never prints: a caller
that wants a progress bar passes a `progress(bytes_done, bytes_total)` callback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ..errors import SynthesisError
from .download import get

log = logging.getLogger(__name__)

BASE_URL_ENV = "BULLETIN_PIPER_VOICES_URL"
BASE_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/main"
HINDI_VOICES = ("hi_IN-pratham-medium", "hi_IN-priyamvada-medium", "hi_IN-rohan-medium")
_NAME = re.compile(r"^[a-z]{2,3}_[A-Z]{2}-\w+-\w+$")  # lang_REGION-name-quality


def voices_dir() -> Path:
    """Downloaded voices: the user data folder (honours XDG_DATA_HOME on Linux)."""
    return platformdirs.user_data_path("bulletin") / "piper-voices"


def installed_voices(folder: Path | None = None) -> list[str]:
    """Names of the complete voices (model and config) in `folder`."""
    folder = folder or voices_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.onnx") if p.with_suffix(".onnx.json").is_file())


def model_path(name: str, folder: Path | None = None) -> Path:
    return (folder or voices_dir()) / f"{name}.onnx"


@dataclass(frozen=True)
class _RemoteFile:
    path: str  # relative to the base URL
    size_bytes: int
    md5: str


def download_voice(name: str, *, folder: Path | None = None, base_url: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Path:
    """Fetch voice `name` into `folder` (default `voices_dir()`); returns the model's path.

    Files already present with the right checksum are kept. `progress(done, total)` counts
    the bytes of the files still to fetch: called once with 0, then after each block.
    Raises SynthesisError.
    """
    import requests

    if not _NAME.match(name):
        raise SynthesisError(
            f"`{name}` is not a Piper voice name (like {HINDI_VOICES[0]}): check the spelling"
        )
    folder = folder or voices_dir()
    base = (base_url or os.environ.get(BASE_URL_ENV) or BASE_URL).rstrip("/")
    folder.mkdir(parents=True, exist_ok=True)
    with requests.Session() as session:
        missing = []
        for remote in _listing(session, base, name):
            dest = folder / Path(remote.path).name
            if remote.path.endswith("MODEL_CARD"):
                dest = folder / f"{name}.MODEL_CARD"
            if dest.is_file() and _md5(dest) == remote.md5:
                log.info("%s: already downloaded", dest.name)
            else:
                missing.append((remote, dest))
        total = sum(remote.size_bytes for remote, _ in missing)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        advance(0)
        for remote, dest in missing:
            _fetch(session, f"{base}/{remote.path}", dest, remote, advance)
    return model_path(name, folder)


def _listing(session: object, base: str, name: str) -> list[_RemoteFile]:
    """The files of voice `name` with their sizes and checksums, from `voices.json`."""
    url = f"{base}/voices.json"
    try:
        voices = json.loads(get(session, url, mirror_env=BASE_URL_ENV).content)
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError: a login page, a proxy's error
        raise SynthesisError(
            f"{url} is not the piper-voices listing (not JSON: {e}): check ${BASE_URL_ENV}"
        ) from None
    entry = voices.get(name) if isinstance(voices, dict) else None
    if entry is None:
        hindi = ", ".join(HINDI_VOICES)
        raise SynthesisError(f"the piper-voices repository has no voice `{name}` (Hindi: {hindi})")
    try:
        return [_RemoteFile(path, int(info["size_bytes"]), str(info["md5_digest"]))
                for path, info in entry["files"].items()]
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise SynthesisError(
            f"voices.json lists `{name}` without sizes and checksums ({e!r}): "
            f"check ${BASE_URL_ENV}"
        ) from None


def _fetch(session: object, url: str, dest: Path, remote: _RemoteFile,
           advance: Callable[[int], None]) -> None:
    import requests

    part = dest.with_name(dest.name + ".part")
    md5 = hashlib.md5()
    size = 0
    response = get(session, url, mirror_env=BASE_URL_ENV, stream=True)
    try:
        with open(part, "wb") as f:
            try:
                for block in response.iter_content(1 << 16):
                    f.write(block)
                    md5.update(block)
                    size += len(block)
                    advance(len(block))
            except requests.RequestException as e:  # connection dropped or stalled mid-file
                raise SynthesisError(
                    f"download of {dest.name} broke off after {size} of {remote.size_bytes} "
                    f"bytes ({type(e).__name__}): check the network and run the download again"
                ) from None
            f.flush()
            os.fsync(f.fileno())
        if size != remote.size_bytes or md5.hexdigest() != remote.md5:
            raise SynthesisError(
                f"{dest.name}: downloaded file is damaged ({size} bytes, MD5 {md5.hexdigest()}; "
                f"expected {remote.size_bytes} bytes, MD5 {remote.md5}): run the download again"
            )
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        response.close()


def _md5(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "md5").hexdigest()
