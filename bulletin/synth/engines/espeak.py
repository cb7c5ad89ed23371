"""espeak-ng in-process: the shared library and data the `espeakng-loader` wheel ships.

The C library keeps one global synthesizer (voice, parameters, callback) and is not
thread-safe, so a process has exactly one `_Library`, and every call holds its lock. Parallel
synthesis therefore uses processes, each initializing its own library (`parallel`).
"""

from __future__ import annotations

import array
import ctypes
import functools
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

from ...errors import EngineUnavailable, SynthesisError
from ...models import Pcm
from ..engine import EngineInfo
from ..settings import VoiceSettings

DEFAULT_VOICE = "hi"
RATE_RANGE = (80, 450)  # words per minute espeak-ng accepts
PITCH_RANGE = (0, 100)

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE = 1
_PARAM_PITCH = 3
_EE_OK = 0

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Library:
    """The process's one espeak-ng synthesizer, with the state C keeps globally."""

    def __init__(self, lib: ctypes.CDLL, data_path: Path, sample_rate_hz: int, version: str):
        self.data_path = data_path
        self.sample_rate_hz = sample_rate_hz
        self.version = version
        self._lib = lib
        self._lock = threading.Lock()
        self._voice: str | None = None
        self._chunks: list[bytes] = []
        self._callback = _SYNTH_CALLBACK(self._on_audio)  # C keeps only the pointer: hold it
        lib.espeak_SetSynthCallback(self._callback)

    def _on_audio(self, wav: ctypes._Pointer, numsamples: int, _events: int) -> int:
        if numsamples > 0:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0  # 0 = go on synthesizing

    def speak(self, text: str, *, voice: str, rate_wpm: int, pitch: int) -> bytes:
        """Native-endian int16 samples of `text` spoken by `voice`."""
        with self._lock:
            if voice != self._voice:
                if self._lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                    raise SynthesisError(
                        f"espeak-ng has no voice `{voice}`: set voice.voice to `hi` or "
                        "`hi+VARIANT` (see `bulletin voices list`)"
                    )
                self._voice = voice
            self._lib.espeak_SetParameter(_PARAM_RATE, rate_wpm, 0)
            self._lib.espeak_SetParameter(_PARAM_PITCH, pitch, 0)
            self._chunks = []
            data = text.encode("utf-8")
            err = self._lib.espeak_Synth(
                data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            if err != _EE_OK:
                raise SynthesisError(
                    f"espeak-ng failed to speak a sentence (error {err}): {text[:60]!r}"
                )
            return b"".join(self._chunks)


@functools.cache
def _library() -> _Library:
    """Load and initialize the bundled library once per process (the C state is global)."""
    try:
        import espeakng_loader

        lib_path = espeakng_loader.get_library_path()
        data_path = Path(espeakng_loader.get_data_path())
        lib = ctypes.CDLL(str(lib_path))
    except (ImportError, OSError) as e:
        raise EngineUnavailable(
            f"espeak-ng library cannot be loaded ({e}): reinstall bulletin so that "
            "espeakng-loader is present"
        ) from None
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
        ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
    ]
    rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data_path).encode(), 0)
    if rate <= 0:
        raise EngineUnavailable(
            f"espeak-ng failed to initialize with its data in {data_path}: "
            "reinstall espeakng-loader"
        )
    version = (lib.espeak_Info(None) or b"?").decode()
    return _Library(lib, data_path, rate, version)


@dataclass(frozen=True)
class EspeakEngine:
    """A Hindi espeak-ng voice (`hi`, or `hi+f3` for a variant) at a rate and pitch."""

    name: ClassVar[str] = "espeak"
    max_chars: ClassVar[int | None] = None
    parallel: ClassVar[Literal["threads", "processes"]] = "processes"

    voice: str
    rate_wpm: int
    pitch: int
    library: _Library = field(repr=False, compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The voice's language (`hi` for `hi+f3`): `voice: en` is not a Hindi voice."""
        return (self.voice.partition("+")[0],)

    @property
    def cache_key(self) -> str:
        lib = self.library
        return f"espeak-ng {lib.version}|{self.voice}|{self.rate_wpm}wpm|pitch {self.pitch}"

    def synthesize(self, text: str) -> Pcm:
        data = self.library.speak(text, voice=self.voice, rate_wpm=self.rate_wpm, pitch=self.pitch)
        if sys.byteorder == "big":  # the callback hands over native int16; Pcm is little-endian
            data = _swap16(data)
        return Pcm(data, self.library.sample_rate_hz)


def _swap16(data: bytes) -> bytes:
    a = array.array("h", data)
    a.byteswap()
    return a.tobytes()


def load(settings: VoiceSettings) -> EspeakEngine:
    """Check the settings, load the library and return the voice; raises SynthesisError."""
    voice = settings.voice or DEFAULT_VOICE
    _check_range("voice.rate_wpm", settings.rate_wpm, RATE_RANGE)
    _check_range("voice.pitch", settings.pitch, PITCH_RANGE)
    library = _library()
    language, _, variant = voice.partition("+")
    if variant and variant not in variants(library.data_path):
        raise SynthesisError(
            f"espeak-ng has no voice variant `{variant}` (voice.voice: {voice}): "
            f"use one of {', '.join(sorted(variants(library.data_path))[:12])}, …"
        )
    return EspeakEngine(voice=f"{language}+{variant}" if variant else language,
                        rate_wpm=settings.rate_wpm, pitch=settings.pitch, library=library)


def probe() -> EngineInfo:
    try:
        library = _library()
    except EngineUnavailable as e:
        return EngineInfo("espeak", usable=False, detail=str(e))
    # the plain female and male variants (f1…, m1…) first: the ones a newsroom would pick
    names = sorted(variants(library.data_path),
                   key=lambda v: (not re.fullmatch(r"[fm]\d", v), v.lower()))
    return EngineInfo(
        "espeak",
        usable=True,
        detail=f"espeak-ng {library.version}, embedded; voice `hi`, variants as `hi+NAME`",
        voices=(DEFAULT_VOICE, *(f"{DEFAULT_VOICE}+{v}" for v in names)),
    )


def variants(data_path: Path) -> set[str]:
    """Voice variants shipped with the data (`f3`, `m1`, `klatt`, …): the `voices/!v` files."""
    folder = data_path / "voices" / "!v"
    return {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()


def _check_range(key: str, value: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise SynthesisError(f"{key} is {value}, outside {low}–{high}: fix it in bulletin.yaml")
