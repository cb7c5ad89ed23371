"""espeak-ng in-process: the shared library and data the `espeakng-loader` wheel ships.

Three users: the espeak engine speaks with it, the normalizer asks its English voice for the
phonemes of a Latin word it has never seen, and phoneme-input engines (Kokoro) ask its Hindi
voice for IPA:

    phonemize("digital", "en", ipa=True)   # 'dˈɪdʒɪtəl'
    library().speak("नमस्ते", voice="hi", rate_wpm=140, pitch=50)  # int16 samples

The C library keeps one global state (voice, parameters, callback) and is not thread-safe, so
a process has exactly one `Library` (`library()`, loaded on first use: importing this module
costs nothing), and every call holds its lock. Parallel synthesis therefore uses processes,
each initializing its own library.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from .errors import EngineUnavailable, SynthesisError

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE = 1
_PARAM_PITCH = 3
_EE_OK = 0
_PHONEMES_IPA = 0x02
_PHONEMES_SEPARATOR_SHIFT = 8  # bits 8-23 of phonememode: a character between phonemes

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class Library:
    """The process's one espeak-ng instance, with the state C keeps globally."""

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

    @contextlib.contextmanager
    def _callback_errors_kept(self) -> Iterator[list[BaseException]]:
        """Keep what our callback raises, which ctypes would print and swallow.

        A signal handler (the CLI's stop signals) that fires while C calls us back raises
        there; swallowed, the build would go on as if nothing had happened. ctypes reports
        such an exception to `sys.unraisablehook`: for the length of one synthesis (the lock
        is held) the hook keeps ours for `speak` to raise again and passes on the rest.
        """
        kept: list[BaseException] = []
        previous = sys.unraisablehook

        def hook(unraisable: sys.UnraisableHookArgs) -> None:
            if unraisable.object == self._on_audio and unraisable.exc_value is not None:
                kept.append(unraisable.exc_value)
            else:
                previous(unraisable)

        sys.unraisablehook = hook
        try:
            yield kept
        finally:
            sys.unraisablehook = previous

    def _use_voice(self, voice: str) -> None:
        """Switch the global voice (the lock is held): speech and phonemes share it."""
        if voice != self._voice:
            if self._lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                self._voice = None
                raise SynthesisError(
                    f"espeak-ng has no voice `{voice}`: use `hi` or `hi+VARIANT` "
                    "(see `bulletin voices list`)"
                )
            self._voice = voice

    def speak(self, text: str, *, voice: str, rate_wpm: int, pitch: int) -> bytes:
        """Native-endian int16 samples of `text` spoken by `voice`."""
        with self._lock, self._callback_errors_kept() as raised:
            self._use_voice(voice)
            self._lib.espeak_SetParameter(_PARAM_RATE, rate_wpm, 0)
            self._lib.espeak_SetParameter(_PARAM_PITCH, pitch, 0)
            self._chunks = []
            data = text.encode("utf-8")
            err = self._lib.espeak_Synth(
                data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            if raised:
                raise raised[0]
            if err != _EE_OK:
                raise SynthesisError(
                    f"espeak-ng failed to speak a sentence (error {err}): {text[:60]!r}"
                )
            return b"".join(self._chunks)

    def phonemize(self, text: str, voice: str, *, ipa: bool, separator: str = "") -> str:
        """The phonemes `voice` would say for `text`: IPA, or espeak's ASCII phoneme names.

        Words are separated by spaces, clauses (espeak stops at `,` `.` …) too; `separator`
        (one character) goes between the phonemes of a word when given.
        """
        mode = (_PHONEMES_IPA if ipa else 0) | (ord(separator) << _PHONEMES_SEPARATOR_SHIFT
                                                 if separator else 0)
        clauses: list[str] = []
        with self._lock:
            self._use_voice(voice)
            data = text.encode("utf-8")  # held: espeak walks a pointer through these bytes
            pointer = ctypes.pointer(ctypes.c_char_p(data))
            while pointer.contents.value:  # espeak advances it clause by clause, then NULL
                phonemes = self._lib.espeak_TextToPhonemes(pointer, _CHARS_UTF8, mode)
                if phonemes:
                    clauses.append(phonemes.decode("utf-8").strip())
        return " ".join(c for c in clauses if c)


@functools.cache
def library() -> Library:
    """Load and initialize the bundled library once per process (the C state is global).

    Raises EngineUnavailable when the wheel's library or data cannot be loaded."""
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
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [
        ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int,
    ]
    rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data_path).encode(), 0)
    if rate <= 0:
        raise EngineUnavailable(
            f"espeak-ng failed to initialize with its data in {data_path}: "
            "reinstall espeakng-loader"
        )
    version = (lib.espeak_Info(None) or b"?").decode()
    return Library(lib, data_path, rate, version)


def phonemize(text: str, voice: str, *, ipa: bool, separator: str = "") -> str:
    """`library().phonemize(…)`: the phonemes of `text` in `voice` (`en`, `hi`, …)."""
    return library().phonemize(text, voice, ipa=ipa, separator=separator)


def variants(data_path: Path) -> set[str]:
    """Voice variants shipped with the data (`f3`, `m1`, `klatt`, …): the `voices/!v` files."""
    folder = data_path / "voices" / "!v"
    return {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
