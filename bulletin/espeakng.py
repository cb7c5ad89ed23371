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

Speech must not depend on what the process said before, nor on when it ran (published MP3s
are named by their content), but the wave generator carries state from one utterance to the
next in C statics that no API resets (the pitch flutter's phase, the cycle count that paces
roughness, the gain control, the breath filters' memory), and `espeak_Initialize` seeds the
breath noise of variants like `f3` from the clock. Initializing again leaves the statics
inside functions alone, so `speak` unloads the library and loads it again before every
sentence but the first, and seeds the noise: each sentence is spoken as by a new process,
at any time. The voice itself is untouched (its pitch flutter starts where a new process's
would).
"""

from __future__ import annotations

import _ctypes
import contextlib
import ctypes
import functools
import os
import re
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
_NOISE_SEED = 1  # any constant: the same noise in every sentence, on every machine

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class Library:
    """The process's one espeak-ng instance, with the state C keeps globally."""

    def __init__(self, lib: ctypes.CDLL, lib_path: Path, data_path: Path, sample_rate_hz: int,
                 version: str):
        self.data_path = data_path
        self.sample_rate_hz = sample_rate_hz
        self.version = version
        self._lib = lib
        self._lib_path = lib_path
        self._lock = threading.Lock()
        self._voice: str | None = None
        self._voice_files: dict[str, str] = {}
        self._fresh = True  # nothing said or phonemized since the library was loaded
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

    def _reload(self) -> None:
        """Unload the library and load it again (the lock is held): every C static as new.

        Costs about half a millisecond. Raises SynthesisError when the library stayed loaded:
        something else in the process holds it, and its state would carry over."""
        self._lib.espeak_Terminate()
        _ctypes.dlclose(self._lib._handle)
        unloaded = not _resident(self._lib_path)
        self._lib = _open(self._lib_path, self.data_path)[0]  # usable again, whatever happened
        self._lib.espeak_SetSynthCallback(self._callback)
        self._voice = None
        if not unloaded:
            raise SynthesisError(
                f"libespeak-ng ({self._lib_path}) stays loaded after bulletin unloads it, so its "
                "state would carry from sentence to sentence and the audio would not be "
                "reproducible: load espeak-ng in this process only through bulletin.espeakng"
            )

    def _use_voice(self, voice: str) -> None:
        """Switch the global voice (the lock is held): speech and phonemes share it."""
        if voice != self._voice:
            if voice not in self._voice_files:
                self._voice_files[voice] = voice_file(self.data_path, voice)
            if self._lib.espeak_SetVoiceByName(self._voice_files[voice].encode()) != _EE_OK:
                self._voice = None
                raise SynthesisError(
                    f"espeak-ng has no voice `{voice}`: use `hi` or `hi+VARIANT` "
                    "(see `bulletin voices list`)"
                )
            self._voice = voice

    def speak(self, text: str, *, voice: str, rate_wpm: int, pitch: int) -> bytes:
        """Native-endian int16 samples of `text` spoken by `voice`: the same samples for the
        same arguments, whatever the process said before."""
        with self._lock, self._callback_errors_kept() as raised:
            if not self._fresh:
                self._reload()
            self._fresh = False
            self._use_voice(voice)
            self._lib.espeak_ng_SetRandSeed(_NOISE_SEED)
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
            self._fresh = False
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

        lib_path = Path(espeakng_loader.get_library_path())
        data_path = Path(espeakng_loader.get_data_path())
        lib, rate = _open(lib_path, data_path)
    except (ImportError, OSError) as e:
        raise EngineUnavailable(
            f"espeak-ng library cannot be loaded ({e}): reinstall bulletin so that "
            "espeakng-loader is present"
        ) from None
    version = (lib.espeak_Info(None) or b"?").decode()
    return Library(lib, lib_path, data_path, rate, version)


def _open(lib_path: Path, data_path: Path) -> tuple[ctypes.CDLL, int]:
    """Load the shared library and initialize it; its sample rate with it.

    Raises OSError when it cannot be loaded, EngineUnavailable when it fails to initialize."""
    lib = ctypes.CDLL(str(lib_path))
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
    lib.espeak_ng_SetRandSeed.restype = None
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
    return lib, rate


def _resident(lib_path: Path) -> bool:
    """Whether the shared library is still loaded in this process (asked without loading it)."""
    try:
        probe = ctypes.CDLL(str(lib_path), mode=os.RTLD_NOLOAD)
    except OSError:
        return False
    _ctypes.dlclose(probe._handle)  # the probe counted as one more user
    return True


def phonemize(text: str, voice: str, *, ipa: bool, separator: str = "") -> str:
    """`library().phonemize(…)`: the phonemes of `text` in `voice` (`en`, `hi`, …)."""
    return library().phonemize(text, voice, ipa=ipa, separator=separator)


def voice_file(data_path: Path, voice: str) -> str:
    """`voice` as the file espeak loads directly: `hi+f3` → `inc/hi+f3`, `en` → `gmw/en`.

    Given a language code, espeak_SetVoiceByName reads every voice file to find it (1.2 ms,
    four times the rest of a reload, and the list it makes leaks when the library is
    unloaded); given the file's path under `lang/`, it loads that file alone. Anything else
    (no such file, or several) is returned as written, for espeak to look up."""
    language, plus, variant = voice.partition("+")
    name = language.lower()  # espeak lowercases the name before it looks for the file
    found = ([p for p in (data_path / "lang").rglob(name) if p.is_file()]
             if re.fullmatch(r"[a-z0-9-]+", name) else [])
    if len(found) != 1:
        return voice
    return f"{found[0].relative_to(data_path / 'lang').as_posix()}{plus}{variant}"


def variants(data_path: Path) -> set[str]:
    """Voice variants shipped with the data (`f3`, `m1`, `klatt`, …): the `voices/!v` files."""
    folder = data_path / "voices" / "!v"
    return {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
