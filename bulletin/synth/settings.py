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
    join_pause_ms: int = 120  # gTTS: silence left where two ≤100-char chunks of a sentence meet
    retries: int = 4  # gTTS: further attempts of a request after 429, 5xx or a timeout
    retry_backoff_s: float = 0.5  # gTTS: first wait; doubles per attempt, with jitter
    retry_budget_s: float = 60.0  # gTTS: give up on a request after this long in total
    timeout_s: float = 15.0  # gTTS: read timeout per request (connecting gets 3 s)
