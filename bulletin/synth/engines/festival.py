"""Festival's Hindi diphone voice (`hindi_NSK_diphone`), where the OS provides it.

Not on PyPI: Debian's `festival` and `festvox-hi-nsk` packages. The voice defines no
intonation method and the default English voice is usually absent, so `text2wave` is told
both with `-eval`. Each call starts festival (about 0.3 s): threads overlap those starts.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from ... import process
from ...errors import EngineUnavailable, SynthesisError
from ...models import Pcm
from ..engine import EngineInfo
from ..pcm import read_wav
from ..settings import VoiceSettings

log = logging.getLogger(__name__)

VOICE = "hindi_NSK_diphone"
VOICE_DIRS = (Path("/usr/share/festival/voices"), Path("/usr/local/share/festival/voices"),
              Path("/usr/lib/festival/voices"))
INSTALL_HINT = "install festival and festvox-hi-nsk (apt install festival festvox-hi-nsk)"
SETUP = (f"(voice_{VOICE})", "(Parameter.set 'Int_Method 'General)",
         "(set! int_general_params (list (list 'targ_func hindi_NSK_targ_func1)))")
TIMEOUT_S = 60


@dataclass(frozen=True)
class FestivalEngine:
    name: ClassVar[str] = "festival"
    languages: ClassVar[tuple[str, ...]] = ("hi",)
    max_chars: ClassVar[int | None] = None
    parallel: ClassVar[Literal["threads", "processes"]] = "threads"  # one program per call

    voice: str
    text2wave: str

    @property
    def cache_key(self) -> str:
        return f"festival|{self.voice}|{' '.join(SETUP)}"

    def synthesize(self, text: str) -> Pcm:
        with tempfile.TemporaryDirectory(prefix="bulletin-festival-") as tmp:
            source, out = Path(tmp) / "in.txt", Path(tmp) / "out.wav"
            source.write_text(text, encoding="utf-8")
            argv = [self.text2wave, *(a for s in SETUP for a in ("-eval", s)),
                    "-o", str(out), str(source)]
            process.run(argv, error=SynthesisError, name="festival's text2wave",
                        timeout_s=TIMEOUT_S, hint=f"; check that {VOICE} is installed "
                                                  f"({INSTALL_HINT})")
            if not out.is_file():
                raise SynthesisError(f"festival wrote nothing: check that {VOICE} is installed "
                                     f"({INSTALL_HINT})")
            try:
                return read_wav(out)
            except (wave.Error, EOFError) as e:
                raise SynthesisError(
                    f"festival wrote an unreadable WAV ({e or 'truncated'}): check that "
                    f"{VOICE} is installed and intact ({INSTALL_HINT})"
                ) from None


def detect(which: Callable[[str], str | None] = shutil.which,
           voice_dirs: tuple[Path, ...] = VOICE_DIRS) -> str:
    """The path of text2wave when festival and its Hindi voice are here; raises if not."""
    festival, text2wave = which("festival"), which("text2wave")
    if not festival or not text2wave:
        raise EngineUnavailable(f"festival is not installed: {INSTALL_HINT}")
    if not any(d.is_dir() for root in voice_dirs for d in root.glob(f"*/{VOICE}")):
        raise EngineUnavailable(
            f"festival is installed but its Hindi voice {VOICE} is not: "
            "apt install festvox-hi-nsk"
        )
    return text2wave


def load(settings: VoiceSettings) -> FestivalEngine:
    if settings.voice not in (None, VOICE):
        raise SynthesisError(f"festival speaks Hindi only with {VOICE}: unset voice.voice")
    return FestivalEngine(voice=VOICE, text2wave=detect())


def probe() -> EngineInfo:
    try:
        text2wave = detect()
    except EngineUnavailable as e:
        return EngineInfo("festival", usable=False, detail=str(e))
    return EngineInfo("festival", usable=True, voices=(VOICE,),
                      detail=f"{text2wave}, 16 kHz diphone voice")
