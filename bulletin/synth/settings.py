"""Settings of the voice engines (`voice:` in bulletin.yaml), checked when they are made.

Engine names are checked against the registry's names (no engine is imported), so a typo
is a config error before the article is even read, not a synthesis failure minutes later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from ..setting import InvalidSetting, check_fields, setting
from .engine import engine_names, is_engine_name

# `com`, `co.in`: Google's host is translate.google.<tld>
_TLD = re.compile(r"[a-z]{2,63}(?:\.[a-z]{2,63})*")


@dataclass(frozen=True)
class VoiceSettings:
    SECTION: ClassVar[str] = "voice"

    engine: str = setting("gtts", shapes=True)  # the most natural voice, where the network serves
    # the whole bulletin is re-spoken by it if `engine` fails or its host does not answer; an
    # episode the fallback voiced is up to date only while the engine still cannot speak, so
    # the fallback's name does not shape an up-to-date episode
    fallback: str | None = setting("espeak", shapes=False)
    voice: str | None = setting(None, shapes=True)  # engine-specific (or a Piper .onnx path)
    rate_wpm: int = setting(140, shapes=True, low=80, high=450)  # espeak: what espeak-ng accepts
    pitch: int = setting(50, shapes=True, low=0, high=100)  # espeak
    tld: str = setting("co.in", shapes=True)  # gTTS: Google host
    slow: bool = setting(False, shapes=True)  # gTTS
    jobs: int = setting(2, shapes=False, low=1, high=64)  # parallel synthesis
    cache: bool = setting(True, shapes=False)
    cache_max_mb: int = setting(500, shapes=False, low=0)  # 0: keep only this build's clips
    # gTTS: pause where two clauses of a sentence meet after `,` or `।`
    join_pause_ms: int = setting(120, shapes=True, low=0, high=2000)
    # gTTS: requests in flight at once (polite to a free service)
    max_requests: int = setting(4, shapes=False, low=1, high=16)
    speed: float = setting(0.9, shapes=True, low=0.5, high=2.0)  # Kokoro: speaking speed
    # gTTS: further attempts of a request after 429, 5xx or a timeout
    retries: int = setting(4, shapes=False, low=0, high=20)
    # gTTS: first wait; doubles per attempt, with jitter
    retry_backoff_s: float = setting(0.5, shapes=False, low=0.0, high=60.0)
    retry_budget_s: float = setting(60.0, shapes=False, low=0.0)  # gTTS: give up after this long
    # gTTS: read timeout per request (connecting gets 3 s)
    timeout_s: float = setting(15.0, shapes=False, low=0.1, high=600.0)

    def __post_init__(self) -> None:
        check_fields(self)
        for name in ("engine", "fallback"):
            value = getattr(self, name)
            if value is not None and not is_engine_name(value):
                raise InvalidSetting(self, name, f"is `{value}`, not a voice engine "
                                                 f"(known: {', '.join(engine_names())})")
        if not _TLD.fullmatch(self.tld):
            raise InvalidSetting(self, "tld", f"is {self.tld!r}: use a Google domain ending "
                                              "such as co.in or com")
