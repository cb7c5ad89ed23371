"""Settings of the voice engines (`voice:` in bulletin.yaml)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceSettings:
    engine: str = "espeak"
    fallback: str | None = None  # the whole bulletin is re-spoken by it if `engine` fails
    voice: str | None = None  # engine-specific voice name (or a Piper .onnx path)
    rate_wpm: int = 140  # espeak: slower is more intelligible (see docs/voices)
    pitch: int = 50  # espeak: 0-100
    tld: str = "co.in"  # gTTS: Google host
    slow: bool = False  # gTTS
    jobs: int = 2  # parallel synthesis
    cache: bool = True
    cache_max_mb: int = 500
