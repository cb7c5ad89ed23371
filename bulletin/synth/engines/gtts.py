"""Google Translate's voice through gTTS: online, rate-limited, ≤100 characters a request.

gTTS's own splitter knows no danda and cuts Hindi at spaces, so each sentence is cut with
the normalizer's `chunk` (sentence end, then comma, then space) and every piece goes to gTTS
alone, with its pre-processors off. Requests that hit 429, 5xx or a read timeout are retried
with exponential backoff and jitter, within a number of attempts and a time budget; a host
that cannot be reached at all fails at once, so the fallback voice starts without delay.
Each piece's MP3 is decoded by the bundled ffmpeg and the silence Google pads it with is
trimmed, so the pieces of a sentence meet with a short, fixed pause.
"""

from __future__ import annotations

import logging
import random
import socket
import time
from dataclasses import dataclass
from typing import ClassVar, Literal

from ...errors import AudioError, EngineUnavailable, SynthesisError
from ...ffmpeg import decode_to_pcm
from ...models import Pcm
from ...normalize import chunk
from ..engine import EngineInfo
from ..pcm import join
from ..settings import VoiceSettings

log = logging.getLogger(__name__)

LANG = "hi"
MAX_CHARS = 100  # Google's limit per request
SAMPLE_RATE_HZ = 24_000  # what Google sends
CONNECT_TIMEOUT_S = 3.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT_S = 20.0  # one backoff wait never exceeds this
TRIM_VERSION = 1  # bump when the trimming of Google's padding changes


@dataclass(frozen=True)
class GttsEngine:
    """Google's Hindi voice on host translate.google.<tld>."""

    name: ClassVar[str] = "gtts"
    languages: ClassVar[tuple[str, ...]] = (LANG,)
    max_chars: ClassVar[int | None] = MAX_CHARS
    parallel: ClassVar[Literal["threads", "processes"]] = "threads"  # waits on the network

    tld: str
    slow: bool
    join_pause_ms: int
    retries: int
    backoff_s: float
    budget_s: float
    timeout_s: float
    version: str

    @property
    def voice(self) -> str:
        return f"{LANG} (translate.google.{self.tld}{', slow' if self.slow else ''})"

    @property
    def cache_key(self) -> str:
        return (f"gtts {self.version}|{LANG}|{self.tld}|slow={self.slow}|"
                f"join={self.join_pause_ms}ms|trim v{TRIM_VERSION}")

    def synthesize(self, text: str) -> Pcm:
        pieces = [p for p in chunk(text, MAX_CHARS) if any(c.isalnum() for c in p)]
        if not pieces:
            return Pcm(b"", SAMPLE_RATE_HZ)
        return join([self._decode(self._fetch(p)) for p in pieces], gap_ms=self.join_pause_ms)

    def _decode(self, mp3: bytes) -> Pcm:
        """Google's answer as PCM; an answer that is not audio is this engine's failure."""
        try:
            data = decode_to_pcm(mp3, sample_rate_hz=SAMPLE_RATE_HZ)
        except AudioError as e:
            raise SynthesisError(
                f"Google TTS sent {len(mp3)} bytes that are not audio ({e}): try again later "
                "or use --engine espeak"
            ) from e
        if not data:
            raise SynthesisError(
                f"Google TTS sent {len(mp3)} bytes without any audio: try again later "
                "or use --engine espeak"
            )
        return Pcm(data, SAMPLE_RATE_HZ)

    def _fetch(self, piece: str) -> bytes:
        """The MP3 of one ≤100-character piece, retrying what is worth retrying."""
        from gtts import gTTS, gTTSError

        tts = gTTS(piece, tld=self.tld, lang=LANG, slow=self.slow, lang_check=False,
                   pre_processor_funcs=[], tokenizer_func=lambda t: [t],
                   timeout=(CONNECT_TIMEOUT_S, self.timeout_s))
        deadline = time.monotonic() + self.budget_s
        attempts = 0
        while True:
            try:
                return b"".join(tts.stream())
            except gTTSError as e:
                failure = _classify(e)
            attempts += 1
            if failure.unreachable:
                raise EngineUnavailable(
                    f"Google TTS cannot be reached (translate.google.{self.tld}: "
                    f"{failure.what}): check the network or use --engine espeak"
                )
            wait = min(MAX_WAIT_S, self.backoff_s * 2 ** (attempts - 1)) * random.uniform(0.5, 1.5)
            wait = max(wait, failure.retry_after_s)
            if (not failure.retryable or attempts > self.retries
                    or time.monotonic() + wait > deadline):
                tries = f" after {attempts} attempts" if failure.retryable else ""
                raise SynthesisError(
                    f"Google TTS failed{tries} ({failure.what}): try again later or "
                    "use --engine espeak"
                )
            log.info("Google TTS: %s; retry %d in %.1f s", failure.what, attempts, wait)
            time.sleep(wait)


@dataclass(frozen=True)
class _Failure:
    what: str
    retryable: bool
    retry_after_s: float = 0.0
    unreachable: bool = False  # no connection at all: retrying only delays the fallback


def _classify(error: Exception) -> _Failure:
    """Sort a gTTSError: retry (429, 5xx, timeouts), give up, or the host is unreachable."""
    import requests

    response = getattr(error, "rsp", None)
    if response is not None:
        status = response.status_code
        return _Failure(f"HTTP {status} {response.reason or ''}".strip(),
                        retryable=status in RETRY_STATUS,
                        retry_after_s=_retry_after_s(response.headers.get("Retry-After")))
    cause = error.__context__
    if isinstance(cause, requests.ConnectTimeout | requests.exceptions.ProxyError) or (
        isinstance(cause, requests.ConnectionError) and _refused(cause)
    ):
        return _Failure(_short(cause), retryable=False, unreachable=True)
    if isinstance(cause, requests.RequestException):  # read timeout, connection reset, …
        return _Failure(_short(cause), retryable=True)
    return _Failure(str(error), retryable=False)  # 200 without audio: Google changed


def _refused(error: Exception) -> bool:
    """True when no connection was made at all (DNS failure, refused, no route)."""
    import urllib3

    reason = getattr(error.args[0] if error.args else None, "reason", None)
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


def _retry_after_s(header: str | None) -> float:
    try:
        return min(MAX_WAIT_S, float(header)) if header else 0.0
    except ValueError:  # an HTTP date: the backoff is a fine approximation
        return 0.0


def _short(error: Exception) -> str:
    reason = getattr(error.args[0] if error.args else None, "reason", None)
    return type(reason or error).__name__


def load(settings: VoiceSettings) -> GttsEngine:
    """No network I/O: the first request tells whether Google answers (settings are checked)."""
    try:
        import gtts
    except ImportError:
        raise EngineUnavailable("gTTS is not installed: pip install gTTS") from None
    return GttsEngine(tld=settings.tld, slow=settings.slow, join_pause_ms=settings.join_pause_ms,
                      retries=settings.retries, backoff_s=settings.retry_backoff_s,
                      budget_s=settings.retry_budget_s, timeout_s=settings.timeout_s,
                      version=gtts.__version__)


def probe(tld: str = VoiceSettings.tld) -> EngineInfo:
    """Installed, and is Google's host reachable right now (one TCP connect, 2 s at most)?"""
    try:
        import gtts
    except ImportError:
        return EngineInfo("gtts", usable=False, detail="gTTS is not installed: pip install gTTS",
                          offline=False)
    host = f"translate.google.{tld}"
    try:
        socket.create_connection((host, 443), timeout=2).close()
    except OSError as e:
        return EngineInfo("gtts", usable=False, offline=False, voices=(LANG,),
                          detail=f"Google TTS cannot be reached ({host}: {e.strerror or e}): "
                                 "check the network or use --engine espeak")
    return EngineInfo("gtts", usable=True, offline=False, voices=(LANG,),
                      detail=f"gTTS {gtts.__version__}, online via {host}")
