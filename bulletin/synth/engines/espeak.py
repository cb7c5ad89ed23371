"""The espeak-ng engine: Hindi voices of the embedded library (`bulletin/espeakng.py`).

The library's C state is global and every call holds its lock, so parallel synthesis uses
processes, each initializing its own library (`parallel`).
"""

from __future__ import annotations

import array
import re
import sys
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ... import espeakng
from ...errors import EngineUnavailable, SynthesisError
from ...espeakng import Library
from ...models import Pcm
from ..engine import EngineInfo
from ..settings import VoiceSettings

DEFAULT_VOICE = "hi"
# Bumped when the same text and settings give other samples, so that the segment cache does
# not mix clips of both kinds: 2 = each sentence on a freshly loaded library, noise seeded.
AUDIO_REVISION = 2


@dataclass(frozen=True)
class EspeakEngine:
    """A Hindi espeak-ng voice (`hi`, or `hi+f3` for a variant) at a rate and pitch."""

    name: ClassVar[str] = "espeak"
    max_chars: ClassVar[int | None] = None
    parallel: ClassVar[Literal["threads", "processes"]] = "processes"

    voice: str
    rate_wpm: int
    pitch: int
    library: Library = field(repr=False, compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The voice's language (`hi` for `hi+f3`): `voice: en` is not a Hindi voice."""
        return (self.voice.partition("+")[0],)

    @property
    def cache_key(self) -> str:
        lib = self.library
        return (f"espeak-ng {lib.version} r{AUDIO_REVISION}|{self.voice}|{self.rate_wpm}wpm|"
                f"pitch {self.pitch}")

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
    """Load the library and return the voice (the settings checked their ranges)."""
    voice = settings.voice or DEFAULT_VOICE
    library = espeakng.library()
    language, _, variant = voice.partition("+")
    if variant and variant not in espeakng.variants(library.data_path):
        raise SynthesisError(
            f"espeak-ng has no voice variant `{variant}` (voice.voice: {voice}): "
            f"use one of {', '.join(sorted(espeakng.variants(library.data_path))[:12])}, …"
        )
    return EspeakEngine(voice=f"{language}+{variant}" if variant else language,
                        rate_wpm=settings.rate_wpm, pitch=settings.pitch, library=library)


def probe() -> EngineInfo:
    try:
        library = espeakng.library()
    except EngineUnavailable as e:
        return EngineInfo("espeak", usable=False, detail=str(e))
    # the plain female and male variants (f1…, m1…) first: the ones a newsroom would pick
    names = sorted(espeakng.variants(library.data_path),
                   key=lambda v: (not re.fullmatch(r"[fm]\d", v), v.lower()))
    return EngineInfo(
        "espeak",
        usable=True,
        detail=f"espeak-ng {library.version}, embedded; voice `hi`, variants as `hi+NAME`",
        voices=(DEFAULT_VOICE, *(f"{DEFAULT_VOICE}+{v}" for v in names)),
    )
