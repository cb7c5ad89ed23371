"""Google Translate's voice: online, rate-limited, ≤100 characters a request.

Google reads each request as a phrase of its own, so where a sentence is cut decides how it
sounds: sentences are cut into clauses of about `CLAUSE_CHARS` (`normalize.clauses`: after a
danda or comma, before a conjunction, never inside a number's words), and the pieces meet
with a comma's pause after punctuation and a breath's where no mark was. A sentence's pieces
are requested in parallel, never more than `voice.max_requests` at once per engine.

gTTS builds the request (`gTTS.get_bodies`, its public API); this module sends it with one
requests session (keep-alive, TLS verified, the environment's proxies) to `BASE_URL_ENV` or
Google's host, so tests and mirrors can stand in. 429, 5xx and read timeouts are retried with
exponential backoff and jitter within a number of attempts and a time budget; a host that
cannot be reached fails at once (`voice_script` probes it before anything is spoken).
"""

from __future__ import annotations

import base64
import binascii
import concurrent.futures as cf
import logging
import os
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from ...charclasses import PAUSE_CHARS
from ...errors import AudioError, EngineUnavailable, HostUnreachable, SynthesisError
from ...ffmpeg import decode_to_pcm
from ...models import Pcm
from ...normalize.clauses import clauses
from ..engine import EngineInfo
from ..pcm import join
from ..reach import Endpoint
from ..reach import probe as probe_endpoint
from ..settings import VoiceSettings

log = logging.getLogger(__name__)

LANG = "hi"
MAX_CHARS = 100  # Google's limit per request
CLAUSE_CHARS = 60  # pieces aim at this length: a phrase a newsreader says in one breath
BARE_JOIN_MS = 30  # pause where a clause was cut without a mark (before और, कि, …)
SAMPLE_RATE_HZ = 24_000  # what Google sends
CONNECT_TIMEOUT_S = 3.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT_S = 20.0  # one backoff wait never exceeds this
TRIM_VERSION = 2  # bump when the cutting, trimming or joining of Google's pieces changes
BASE_URL_ENV = "BULLETIN_GTTS_URL"  # e.g. http://127.0.0.1:8765 (tests, a mirror)
RPC_PATH = "/_/TranslateWebserverUi/data/batchexecute"
_AUDIO = re.compile(r'jQ1olc","\[\\"(.*)\\"]')  # the base64 MP3 in Google's answer


def base_url(settings: VoiceSettings) -> str:
    return (os.environ.get(BASE_URL_ENV) or f"https://translate.google.{settings.tld}").rstrip("/")


def endpoint(settings: VoiceSettings) -> str:
    """The URL this engine talks to: `voice_script` probes it before synthesis."""
    return base_url(settings)


@dataclass(frozen=True)
class GttsEngine:
    """Google's Hindi voice at `url`."""

    name: ClassVar[str] = "gtts"
    languages: ClassVar[tuple[str, ...]] = (LANG,)
    max_chars: ClassVar[int | None] = MAX_CHARS
    parallel: ClassVar[Literal["threads", "processes"]] = "threads"  # waits on the network

    url: str
    tld: str
    slow: bool
    join_pause_ms: int
    retries: int
    backoff_s: float
    budget_s: float
    timeout_s: float
    max_requests: int
    version: str
    session: Any = field(repr=False, compare=False)  # requests.Session, shared by the threads
    in_flight: threading.BoundedSemaphore = field(repr=False, compare=False)

    @property
    def voice(self) -> str:
        return f"{LANG} (translate.google.{self.tld}{', slow' if self.slow else ''})"

    @property
    def cache_key(self) -> str:
        return (f"gtts {self.version}|{LANG}|{self.tld}|slow={self.slow}|"
                f"join={self.join_pause_ms}ms|cut {CLAUSE_CHARS}|trim v{TRIM_VERSION}")

    def synthesize(self, text: str) -> Pcm:
        pieces = [p for p in clauses(text, target=CLAUSE_CHARS, max_chars=MAX_CHARS)
                  if any(c.isalnum() for c in p)]
        if not pieces:
            return Pcm(b"", SAMPLE_RATE_HZ)
        if len(pieces) == 1:
            mp3s = [self._fetch(pieces[0])]
        else:
            lost = threading.Event()  # one piece lost is the sentence lost: ask for no more

            def fetch(piece: str) -> bytes:
                if lost.is_set():
                    raise cf.CancelledError
                try:
                    return self._fetch(piece)
                except BaseException:
                    lost.set()
                    raise

            with cf.ThreadPoolExecutor(min(len(pieces), self.max_requests),
                                       thread_name_prefix="gtts-piece") as pool:
                futures = [pool.submit(fetch, p) for p in pieces]
                errors = [f.exception() for f in futures]
            first = next((e for e in errors if e and not isinstance(e, cf.CancelledError)), None)
            if first is not None:
                raise first
            mp3s = [f.result() for f in futures]
        gaps = [self.join_pause_ms if p[-1] in PAUSE_CHARS else BARE_JOIN_MS
                for p in pieces[:-1]]
        return join([self._decode(m) for m in mp3s], gaps_ms=gaps)

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
        from gtts import gTTS

        body = gTTS(piece, lang=LANG, slow=self.slow, lang_check=False, pre_processor_funcs=[],
                    tokenizer_func=lambda t: [t]).get_bodies()[0]
        deadline = time.monotonic() + self.budget_s
        attempts = 0
        while True:
            with self.in_flight:
                failure = self._attempt(body)
            if isinstance(failure, bytes):
                return failure
            attempts += 1
            if failure.unreachable:
                raise HostUnreachable(
                    f"Google TTS cannot be reached ({self.url}: {failure.what}): check the "
                    "network or use --engine espeak"
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

    def _attempt(self, body: str) -> bytes | _Failure:
        """One request: the MP3, or what went wrong."""
        import requests
        from gtts import gTTS

        try:
            response = self.session.post(f"{self.url}{RPC_PATH}", data=body,
                                         headers=gTTS.GOOGLE_TTS_HEADERS,
                                         timeout=(CONNECT_TIMEOUT_S, self.timeout_s))
        except requests.RequestException as e:
            return _classify(e)
        if response.status_code != 200:
            status = response.status_code
            return _Failure(f"HTTP {status} {response.reason or ''}".strip(),
                            retryable=status in RETRY_STATUS,
                            retry_after_s=_retry_after_s(response.headers.get("Retry-After")))
        for line in response.text.splitlines():
            found = _AUDIO.search(line)
            if found:
                try:
                    return base64.b64decode(found[1], validate=True)
                except binascii.Error:
                    break
        # 200 without audio: Google changed its answer, or something else answered
        return _Failure(f"no audio in a {len(response.content)}-byte answer", retryable=False)


@dataclass(frozen=True)
class _Failure:
    what: str
    retryable: bool
    retry_after_s: float = 0.0
    unreachable: bool = False  # no connection at all: retrying only delays the fallback


def _classify(error: Exception) -> _Failure:
    """Sort a request error: the host is unreachable, or retry (timeouts, resets)."""
    import requests
    import urllib3

    reason = getattr(error.args[0] if error.args else None, "reason", None)
    if isinstance(error, requests.ConnectTimeout | requests.exceptions.ProxyError) or (
        isinstance(error, requests.ConnectionError)
        and isinstance(reason, urllib3.exceptions.NewConnectionError)
    ):
        return _Failure(type(reason or error).__name__, retryable=False, unreachable=True)
    return _Failure(type(reason or error).__name__, retryable=True)  # read timeout, reset, …


def _retry_after_s(header: str | None) -> float:
    try:
        return min(MAX_WAIT_S, float(header)) if header else 0.0
    except ValueError:  # an HTTP date: the backoff is a fine approximation
        return 0.0


def load(settings: VoiceSettings) -> GttsEngine:
    """No network I/O (settings are checked at load; `voice_script` probes the host first)."""
    try:
        import gtts
        import requests
    except ImportError:
        raise EngineUnavailable("gTTS is not installed: pip install gTTS") from None
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_maxsize=settings.max_requests)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return GttsEngine(url=base_url(settings), tld=settings.tld, slow=settings.slow,
                      join_pause_ms=settings.join_pause_ms, retries=settings.retries,
                      backoff_s=settings.retry_backoff_s, budget_s=settings.retry_budget_s,
                      timeout_s=settings.timeout_s, max_requests=settings.max_requests,
                      version=gtts.__version__, session=session,
                      in_flight=threading.BoundedSemaphore(settings.max_requests))


def probe(settings: VoiceSettings | None = None) -> EngineInfo:
    """Installed, and does Google's host answer right now (2 s at most)?"""
    try:
        import gtts
    except ImportError:
        return EngineInfo("gtts", usable=False, detail="gTTS is not installed: pip install gTTS",
                          offline=False)
    url = base_url(settings or VoiceSettings())
    reason = probe_endpoint(Endpoint.of(url))
    if reason is not None:
        return EngineInfo("gtts", usable=False, offline=False, voices=(LANG,),
                          detail=f"Google TTS cannot be reached ({reason}): check the network "
                                 "or use --engine espeak")
    return EngineInfo("gtts", usable=True, offline=False, voices=(LANG,),
                      detail=f"gTTS {gtts.__version__}, online via {url}")
