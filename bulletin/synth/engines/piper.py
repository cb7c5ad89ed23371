"""Piper neural voices (optional extra `bulletin[piper]`), offline once a voice is downloaded.

`voice:` is a voice name found in the voices folder (`bulletin voices download NAME`) or a
path to a local `.onnx` model with its `.onnx.json` beside it. Piper phonemizes with its own
copy of espeak-ng, whose C state is global, so calls on one voice are serialized; the ONNX
runtime already spreads one inference over the cores.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, ClassVar, Literal

from ...errors import EngineUnavailable, SynthesisError
from ...models import Pcm
from ..engine import EngineInfo
from ..piper_voices import HINDI_VOICES, installed_voices, model_path, voices_dir
from ..settings import VoiceSettings

INSTALL_HINT = "pip install 'bulletin[piper]'"


@dataclass(frozen=True)
class PiperEngine:
    name: ClassVar[str] = "piper"
    max_chars: ClassVar[int | None] = None
    parallel: ClassVar[Literal["threads", "processes"]] = "threads"

    voice: str
    languages: tuple[str, ...]
    model_key: str  # version, model size and modification time: a new model, new cache entries
    piper_voice: Any = field(repr=False, compare=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def cache_key(self) -> str:
        return self.model_key

    def synthesize(self, text: str) -> Pcm:
        with self.lock:
            try:
                chunks = list(self.piper_voice.synthesize(text))
            except Exception as e:  # onnxruntime and phonemizer errors: let the fallback speak
                raise SynthesisError(
                    f"Piper voice {self.voice} failed on a sentence: {type(e).__name__}: {e}"
                ) from e
        if not chunks:
            return Pcm(b"", self.piper_voice.config.sample_rate)
        return Pcm(b"".join(c.audio_int16_bytes for c in chunks), chunks[0].sample_rate)


def resolve_model(voice: str | None, folder: Path | None = None) -> Path:
    """The .onnx file for `voice:` (a name in the voices folder or a path); raises if absent."""
    folder = folder or voices_dir()
    if voice is None:
        hindi = [v for v in installed_voices(folder) if v.startswith("hi_")]
        if not hindi:
            raise EngineUnavailable(
                f"no Piper Hindi voice in {folder}: run `bulletin voices download "
                f"{HINDI_VOICES[0]}` or set voice.voice to a .onnx file"
            )
        return model_path(hindi[0], folder)
    path = Path(voice).expanduser() if voice.endswith(".onnx") else model_path(voice, folder)
    if not path.is_file():
        raise EngineUnavailable(
            f"Piper voice `{voice}` not found ({path}): run `bulletin voices download NAME` "
            "or give the path of a .onnx file"
        )
    if not path.with_suffix(".onnx.json").is_file():
        raise EngineUnavailable(f"{path}: its config {path.name}.json is missing beside it")
    return path


def load(settings: VoiceSettings, *, folder: Path | None = None) -> PiperEngine:
    """Load the ONNX model of `settings.voice`; raises EngineUnavailable."""
    try:
        from piper import PiperVoice
    except ImportError:
        raise EngineUnavailable(f"Piper is not installed: {INSTALL_HINT}") from None
    path = resolve_model(settings.voice, folder)
    try:
        piper_voice = PiperVoice.load(path)
    except Exception as e:  # onnxruntime and JSON errors of a foreign model, as one line
        raise SynthesisError(
            f"cannot load Piper voice {path} ({type(e).__name__}: {e}): download it again"
        ) from e
    stat = path.stat()
    return PiperEngine(
        voice=path.stem,
        languages=(piper_voice.config.espeak_voice,),
        model_key=f"piper {version('piper-tts')}|{path.stem}|{stat.st_size}|{stat.st_mtime_ns}",
        piper_voice=piper_voice,
    )


def probe() -> EngineInfo:
    try:
        piper_version = version("piper-tts")
    except PackageNotFoundError:
        return EngineInfo("piper", usable=False, detail=f"not installed: {INSTALL_HINT}")
    voices = tuple(installed_voices())
    if not voices:
        return EngineInfo(
            "piper", usable=False,
            detail=f"piper-tts {piper_version}, but no voice in {voices_dir()}: run "
                   f"`bulletin voices download {HINDI_VOICES[0]}`",
        )
    return EngineInfo("piper", usable=True, voices=voices,
                      detail=f"piper-tts {piper_version}, voices in {voices_dir()}")
