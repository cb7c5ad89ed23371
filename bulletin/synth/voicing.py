"""`voice_script`: every sentence of a Script spoken by ONE engine, one WAV clip each.

A newsroom cannot air a bulletin that changes voice halfway: if the primary engine fails on
any sentence (after its own retries), the whole script is spoken again by the fallback.
Sentences come from the segment cache when they can; the rest are synthesized concurrently,
in threads for engines that wait on the network and in a per-call process pool for engines
whose C library holds global state. The library never prints: a caller that wants a progress
bar passes a `progress(done, total)` callback.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import functools
import logging
import multiprocessing
import os
import re
import select
import threading
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import HostUnreachable, SynthesisError
from ..files import link_or_copy
from ..models import Clip, Pcm, Script, VoicedSegment, Voicing
from .cache import SegmentCache
from .engine import Engine, engine_endpoint, load_engine
from .pcm import clip_of, is_silent, wav_bytes
from .reach import Reachability
from .settings import VoiceSettings

log = logging.getLogger(__name__)

MB = 1 << 20
POOL_WORTH_S = 1.0  # start worker processes only for more single-core work than this
HINDI = ("hi", "hin")  # ISO 639-1 and 639-2 codes; regions and scripts may follow (hi-IN, hi_IN)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _Spoken:
    clips: tuple[Clip, ...]
    from_cache: int  # sentences whose clip came from the segment cache
    synthesized: int  # engine calls: distinct texts spoken (a repeated sentence counts once)


def voice_script(
    script: Script,
    settings: VoiceSettings,
    *,
    workdir: Path,
    cache_dir: Path | None,
    progress: Progress | None = None,
    reach: Reachability | None = None,
) -> Voicing:
    """Speak every sentence's `spoken` text into `workdir`; raises SynthesisError.

    With `settings.cache` and a `cache_dir`, clips are hard links (or copies) of cache
    entries, so a concurrent build's eviction never pulls a clip from under the mixer.

    An online primary engine's host is probed first (through `reach`, which its owner, a
    batch or a worker, keeps across builds); if it does not answer, the fallback speaks at
    once. `progress(done, total)` is called with 0 when an engine starts (again with 0 when the
    fallback starts over) and after each sentence whose clip is ready, `total` being the
    script's sentence count. In the result, `from_cache` counts sentences found in the cache
    and `synthesized` counts engine calls: the distinct texts spoken, so a sentence said
    twice counts once (both counts are of the engine that spoke the bulletin).
    """
    texts = [s.spoken for seg in script.segments for s in seg.sentences]
    cache = (
        SegmentCache(cache_dir, max_bytes=settings.cache_max_mb * MB)
        if settings.cache and cache_dir is not None
        else None
    )
    workdir.mkdir(parents=True, exist_ok=True)
    report = progress or _no_progress
    reach = reach or Reachability(clock=time.monotonic)
    url = engine_endpoint(settings.engine, settings)
    unreachable = reach.unreachable(url) if url else None
    fallback_reason = error = None
    if unreachable:
        fallback_reason = f"{settings.engine} unreachable: {unreachable}"
        error = HostUnreachable(f"{fallback_reason}: check the network")
    else:
        try:
            engine = load_engine(settings.engine, settings)
            spoken = _speak(engine, settings, texts, workdir, cache, report)
        except SynthesisError as e:
            if isinstance(e, HostUnreachable) and url:
                reach.mark_unreachable(url, str(e))  # the batch's next builds skip it at once
            fallback_reason, error = f"{settings.engine} failed: {e}", e
    if error is not None:
        if not settings.fallback or settings.fallback == settings.engine:
            if settings.engine == "espeak":
                raise error
            raise type(error)(
                f"{error} (no fallback voice: set voice.fallback: espeak or pass "
                "--fallback espeak)"
            ) from error
        # the caller reports the fallback from Voicing.fallback_reason: info, not a warning
        log.info("%s; the whole bulletin is spoken by %s instead", fallback_reason,
                 settings.fallback)
        # the primary's voice name means nothing to the fallback: it speaks its default voice
        settings = dataclasses.replace(
            settings, engine=settings.fallback, fallback=None, voice=None
        )
        try:
            engine = load_engine(settings.engine, settings)
            spoken = _speak(engine, settings, texts, workdir, cache, report)
        except SynthesisError as fallback_error:
            # both causes matter: the primary's is usually the one to fix
            raise SynthesisError(
                f"{settings.engine} (fallback) failed: {fallback_error}; after {fallback_reason}"
            ) from fallback_error
    clips = iter(spoken.clips)
    segments = tuple(
        VoicedSegment(seg, tuple(tuple(next(clips) for _ in para) for para in seg.paragraphs))
        for seg in script.segments
    )
    return Voicing(
        engine=settings.engine,
        voice=engine.voice,
        segments=segments,
        from_cache=spoken.from_cache,
        synthesized=spoken.synthesized,
        fallback_reason=fallback_reason,
    )


def _no_progress(done: int, total: int) -> None:
    pass


def _speak(
    engine: Engine,
    settings: VoiceSettings,
    texts: list[str],
    workdir: Path,
    cache: SegmentCache | None,
    progress: Progress,
) -> _Spoken:
    _check_hindi(engine)
    total = len(texts)
    progress(0, total)
    outs = [workdir / f"sentence-{i:04d}.wav" for i in range(total)]
    keys = [SegmentCache.key(engine.cache_key, t) for t in texts]
    clips: dict[int, Clip] = {}
    if cache is not None:
        for i, key in enumerate(keys):
            hit = cache.get(key)
            if hit is not None and _place(hit, outs[i]):
                with contextlib.suppress(wave.Error, EOFError):  # torn entry: a miss
                    clips[i] = clip_of(outs[i])
                    progress(len(clips), total)
    from_cache = len(clips)
    todo: dict[str, list[int]] = {}  # a text said twice is synthesized once
    for i, text in enumerate(texts):
        if i not in clips:
            todo.setdefault(text, []).append(i)
    with contextlib.closing(_synthesize_all(engine, settings, list(todo))) as results:
        for text, pcm in results:
            _check(engine, text, pcm)
            first, *rest = todo[text]
            # the cache entry can be evicted by a concurrent build before it is linked; then
            # write the clip here, replacing whatever is there (a hard link into the cache,
            # perhaps to the primary engine's clip of this sentence)
            entry = cache.put(keys[first], pcm) if cache is not None else None
            if entry is None or not _place(entry, outs[first]):
                outs[first].unlink(missing_ok=True)
                outs[first].write_bytes(wav_bytes(pcm))  # build scratch: no fsync needed
            for i in [first, *rest]:
                if i != first:
                    _place(outs[first], outs[i])  # our own file: it cannot vanish
                clips[i] = clip_of(outs[i])
                progress(len(clips), total)
    if cache is not None:
        cache.evict(keep=set(keys))
    return _Spoken(tuple(clips[i] for i in range(total)), from_cache, len(todo))


def _check_hindi(engine: Engine) -> None:
    """A voice for another language reads Devanagari as gibberish or not at all: refuse it."""
    if not any(re.split(r"[-_]", lang.lower(), maxsplit=1)[0] in HINDI
               for lang in engine.languages):
        raise SynthesisError(
            f"{engine.name} voice `{engine.voice}` speaks {', '.join(engine.languages) or '?'}, "
            "not Hindi: set voice.voice to a Hindi voice (`bulletin voices list` names them)"
        )


def _check(engine: Engine, text: str, pcm: Pcm) -> None:
    """An engine that returns silence for words has failed, even if it raised nothing."""
    if any(c.isalpha() for c in text) and is_silent(pcm):
        raise SynthesisError(
            f"{engine.name} returned silence for a sentence: {text[:60]!r}; "
            "check the voice (`bulletin voices list`)"
        )


def _synthesize_all(
    engine: Engine, settings: VoiceSettings, texts: list[str]
) -> Iterator[tuple[str, Pcm]]:
    """(text, audio) as they finish; the first failure cancels the rest and propagates."""
    if not texts:
        return
    processes = False
    if engine.parallel == "processes" and settings.jobs > 1 and len(texts) > 1:
        # worker processes cost a fraction of a second to start: time one sentence here
        # and start them only if the rest would take longer than that on one core
        started = time.perf_counter()
        first = engine.synthesize(texts[0])
        processes = (time.perf_counter() - started) * (len(texts) - 1) > POOL_WORTH_S
        yield texts[0], first
        texts = texts[1:]
    with _executor(engine, settings, len(texts), processes=processes) as (pool, call):
        futures = {pool.submit(call, text): text for text in texts}
        try:
            for future in cf.as_completed(futures):
                yield futures[future], future.result()
        finally:
            for future in futures:
                future.cancel()


@contextlib.contextmanager
def _executor(
    engine: Engine, settings: VoiceSettings, n: int, *, processes: bool
) -> Iterator[tuple[cf.Executor, Callable[[str], Pcm]]]:
    """Worker processes each loading their own engine, or threads sharing `engine`."""
    workers = max(1, min(settings.jobs, n))
    if processes:
        pool: cf.Executor = cf.ProcessPoolExecutor(
            workers, mp_context=_mp_context(), initializer=_exit_with, initargs=(os.getpid(),)
        )
        call: Callable[[str], Pcm] = functools.partial(
            _synthesize_in_worker, settings.engine, settings
        )
    else:
        if engine.parallel == "processes":
            workers = 1  # one synthesizer per process: threads would only queue on its lock
        pool = cf.ThreadPoolExecutor(workers, thread_name_prefix=f"voice-{engine.name}")
        call = _stop_after_failure(engine.synthesize)
    try:
        yield pool, call
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (POSIX): a fork of this threaded process could copy a
    held lock; spawn elsewhere (Windows has neither fork nor forkserver)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _exit_with(build_pid: int) -> None:
    """In each worker: exit as soon as the build process dies (kill -9 included).

    forkserver workers are not the build's children, and each holds pipes that keep the
    others and the server waiting, so without this they would outlive a killed build for ever.
    """
    threading.Thread(target=_wait_for_exit, args=(build_pid,), daemon=True).start()


def _wait_for_exit(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)  # Linux 5.3+: readable when the process ends
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
    else:
        while _alive(pid):
            time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process now has it: ours is gone, but be safe
    return True


def _stop_after_failure(synthesize: Callable[[str], Pcm]) -> Callable[[str], Pcm]:
    """After one failure the other threads start nothing new: the bulletin is lost for this
    engine, and more requests to a rate-limited service only make the next build wait.
    They raise that first failure again, so whichever finishes first reports the cause."""
    first_failure: list[BaseException] = []

    def call(text: str) -> Pcm:
        if first_failure:
            raise first_failure[0]
        try:
            return synthesize(text)
        except BaseException as e:
            first_failure.append(e)
            raise

    return call


def _synthesize_in_worker(name: str, settings: VoiceSettings, text: str) -> Pcm:
    return _worker_engine(name, settings).synthesize(text)


@functools.cache
def _worker_engine(name: str, settings: VoiceSettings) -> Engine:
    """One engine per worker process, loaded on its first sentence."""
    return load_engine(name, settings)


def _place(src: Path, dest: Path) -> bool:
    """Put `src` at `dest` as a hard link (a copy across file systems); False if src vanished."""
    tmp = dest.with_name(f".{dest.name}.link")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        link_or_copy(src, tmp)
    except FileNotFoundError:  # evicted by another build between get() and here
        return False
    os.replace(tmp, dest)
    return True

