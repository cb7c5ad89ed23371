"""Clips + jingles + pauses → the episode MP3 at the target loudness, with chapters and cues.

Memory stays flat however long the bulletin is: the programme is only ever on disk or in
one block at a time.

  A  every clip is trimmed, resampled and appended to `voice.s16` (raw 16-bit, see
     `VOICE_SCALE`) in the work folder;
  B  the programme is laid out and cut into stretches at silences that end a segment or a
     paragraph (`stretches.py`). A stretch is levelled and encoded on its own, as R128
     levels programme items: its voice is brought to the target from its own loudness
     (BS.1770 block powers), the jingles sit `JINGLE_LU` below it (levelled once and
     cached), the bed is ducked under the first segment; a frame model of the limiter and
     the meter (`LimitModel`, 1/64 of the audio) solves the gain that puts the limited mix
     on target in milliseconds;
  C  each stretch is rendered through the 4×-oversampled true-peak limiter into ffmpeg,
     which measures it (ebur128) and encodes it `MP3_OFFSET_LU` louder to make up what the
     encoder loses. A miss of more than `TOLERANCE_LU` is learnt and the stretch encoded
     again (at most `MAX_WRITES` times; on the examples it never is). Stretches are encoded
     side by side, one ffmpeg a core, and kept in the cache by their content
     (`encoded.py`): an edited article re-encodes only the stretch it changed, and an
     unchanged stretch is never rendered at all;
  D  the stretches' frames are joined into one MP3 (`mp3join.py`); with `settings.wav` the
     limited stretches are also written to a master WAV.

The limiter's ceiling sits `ENCODER_MARGIN_DB` below the true-peak target because MP3
encoding adds overshoot; the tests measure the decoded MP3 on worst cases.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import ctypes
import ctypes.util
import functools
import hashlib
import logging
import os
import shutil
import sys
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from .. import ffmpeg
from ..errors import AudioError
from ..models import Chapter, Cue, Mix, Voicing
from . import ducking, mp3join
from .chapters import fit_chapters
from .clips import Speech, prepare_clip
from .encoded import EncodedStretch, StretchCache
from .jingles import JingleSource, check_jingles, levelled, sources
from .limiter import (
    FRAME,
    TruePeakLimiter,
    boundaries,
    frame_interpolator,
    frame_peaks,
    ramp,
    ramp_power,
)
from .loudness import SILENCE_LUFS, block_powers, gain_to, gated_lufs, parse_ebur128
from .settings import AudioSettings
from .stretches import Span, cut
from .timeline import Layout, PauseSamples, lay_out

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

JINGLE_LU = -2.0  # jingles sit this far below the voice: present, never louder than speech
BED_LU = -3.0  # the bed on its own, before ducking (so ≈ 21 LU under the voice while it speaks)
ENCODER_MARGIN_DB = 0.8  # limiter ceiling under the true-peak target: MP3 overshoot room
TOLERANCE_LU = 0.2
MAX_WRITES = 3
SOLVE_STEPS = 8
MAX_GAIN = 2.0  # the programme gain (+6 dB) the limiter's screened peaks hold up to at first
BLOCK_S = 10.0
VOICE_FILE = "voice.s16"
# The voice file is 16-bit with 6 dB of headroom (resampling can overshoot a full-scale
# clip): half the disk of float32, its noise floor ~92 dB down, far below the master's own.
VOICE_SCALE = 0.5
MASTER_FILE = "master.wav"
ENCODED_FILE = "master.mp3"
STRETCH_FOLDER = "stretches"  # in the work folder: each stretch's MP3 until they are joined
# The decoded CBR MP3 of a master measures this much quieter than the master (libmp3lame,
# speech with jingles, 96 kbps: −0.4 LU on every example); its encode adds it back.
MP3_OFFSET_LU = -0.4
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # <malloc.h>
KEEP_BYTES = 256 << 20
MIXER_FORMAT = "bulletin-stretch-v2"  # bump when the same inputs would sound different


class Source(Protocol):
    def read(self, lo: int, hi: int) -> np.ndarray:
        """Samples [lo, hi) of this piece, float32."""
        ...


@dataclass(frozen=True)
class InMemory:
    samples: np.ndarray

    def read(self, lo: int, hi: int) -> np.ndarray:
        return self.samples[lo:hi]


@dataclass(frozen=True)
class VoiceSpan:
    """A sentence inside the voice file, read only when its block is rendered (with
    `os.pread`: stretches are rendered side by side from the one open file)."""

    fd: int  # the voice file, raw int16
    offset: int
    gain: float

    def read(self, lo: int, hi: int) -> np.ndarray:
        pcm = np.frombuffer(os.pread(self.fd, 2 * (hi - lo), 2 * (self.offset + lo)), "<i2")
        return pcm * np.float32(self.gain / (32768 * VOICE_SCALE))


@dataclass(frozen=True)
class Piece:
    """What the renderer places, and what identifies its sound for the stretch cache."""

    start: int
    length: int
    source: Source
    digest: bytes
    powers: np.ndarray | None = None  # a sentence's loudness (`block_powers`); None: music

    @property
    def voice(self) -> bool:
        return self.powers is not None


class Renderer:
    """Sums the pieces that overlap any sample range; silence outside the programme."""

    def __init__(self, length: int, rate: int, pieces: Sequence[tuple[int, int, Source]]) -> None:
        self.length = length
        self.rate = rate
        self.pieces = sorted(pieces, key=lambda p: p[0])
        self.starts = np.array([p[0] for p in self.pieces], dtype=np.int64)
        self.ends = np.array([p[0] + p[1] for p in self.pieces], dtype=np.int64)

    def render(self, a: int, b: int) -> np.ndarray:
        out = np.zeros(b - a, dtype=np.float32)
        for i in np.flatnonzero((self.starts < b) & (self.ends > a)):
            start, length, source = self.pieces[i]
            lo, hi = max(a, start), min(b, start + length)
            out[lo - a : hi - a] += source.read(lo - start, hi - start)
        return out

    def blocks(self, block: int, context: int = 0) -> Iterator[np.ndarray]:
        """Consecutive blocks covering the programme, each with `context` samples either side."""
        for a in range(0, self.length, block):
            b = min(a + block, self.length)
            yield self.render(a - context, b + context)


def mix_episode(
    voicing: Voicing, settings: AudioSettings, workdir: Path, *, cache_dir: Path | None = None,
    consume_clips: bool = False, progress: Callable[[int, int], None] | None = None,
) -> Mix:
    """Mix the voicing with jingles and pauses into `workdir/master.mp3`; see the module doc.

    Scratch space stays near one 16-bit copy of the programme: with `consume_clips` (a
    build, which needs them no more) the sentence clips are deleted once they are in the
    voice file, and the voice file once the stretches are encoded.

    With a `cache_dir`, the levelled jingles and the encoded stretches are kept there
    between builds. `progress(done, total)` counts seconds of programme encoded (or found
    in the cache)."""
    if not any(seg.paragraphs for seg in voicing.segments):
        raise AudioError("nothing to mix: the voicing has no sentences")
    rate = settings.sample_rate_hz
    workdir.mkdir(parents=True, exist_ok=True)
    _keep_freed_memory()
    # Checked again: a caller may skip the build's early check, and an unchecked empty bed
    # would make ffmpeg loop forever.
    check_jingles(settings)
    jingle_sources = sources(settings)

    voice_path = workdir / VOICE_FILE
    prepared = _prepare_voice(voicing, rate, voice_path)
    lengths = prepared.lengths
    if consume_clips:
        for seg in voicing.segments:
            for clip in (c for paragraph in seg.paragraphs for c in paragraph):
                clip.path.unlink(missing_ok=True)  # a repeated sentence shares one file
    level = settings.loudness_lufs + JINGLE_LU
    jingles = {role: levelled(jingle_sources[role], rate, level, cache_dir)
               for role in ("intro", "sting", "outro")}
    layout, spans = cut(
        _layout(voicing, lengths, {r: len(j) for r, j in jingles.items()}, settings),
        *_ends(voicing), rate, bed="bed" in jingle_sources,
    )

    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    jingle_digests = {r: hashlib.sha256(j.tobytes()).digest() for r, j in jingles.items()}
    master = workdir / MASTER_FILE if settings.wav else None
    with open(voice_path, "rb") as voice:
        pieces = [Piece(p.start, p.length, VoiceSpan(voice.fileno(), int(offset), 1.0), digest,
                        powers=powers)
                  for p, offset, digest, powers in zip(
                      layout.sentences, offsets, prepared.digests, prepared.powers, strict=True)]
        pieces += [Piece(p.start, p.length, InMemory(jingles[p.role]), jingle_digests[p.role])
                   for p in layout.jingles]
        if "bed" in jingle_sources:
            pieces.append(_bed(jingle_sources["bed"], layout, rate,
                               settings.loudness_lufs + BED_LU))
        encoded = _encode_stretches(spans, pieces, settings, workdir, cache_dir, master,
                                    progress or _no_progress)
    voice_path.unlink()
    mp3 = workdir / ENCODED_FILE
    mp3join.join([e.stretch for e in encoded], mp3)
    shutil.rmtree(workdir / STRETCH_FOLDER)

    return Mix(
        master=master,
        encoded=mp3,
        sample_rate_hz=rate,
        duration_ms=_ms(layout.length, rate),
        chapters=fit_chapters([
            Chapter(seg.segment.title, _ms(a, rate), _ms(b, rate))
            for seg, (a, b) in zip(voicing.segments, layout.chapters, strict=True)
        ]),
        cues=tuple(
            Cue(sentence.written, _ms(p.start, rate), _ms(p.end, rate))
            for sentence, p in zip(
                (s for seg in voicing.segments for s in seg.segment.sentences),
                layout.sentences,
                strict=True,
            )
        ),
        loudness_lufs=_overall_lufs(encoded, spans),
    )


@functools.cache
def _keep_freed_memory() -> None:
    """Have glibc's malloc keep the blocks numpy frees for the next ones, instead of
    returning each to the kernel and faulting fresh zeroed pages in for the next (a mix
    makes and drops megabyte temporaries per block: ~0.2 s of kernel time a build). The
    resident size is the mix's peak either way."""
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return
    for option in (M_MMAP_THRESHOLD, M_TRIM_THRESHOLD):
        mallopt(option, KEEP_BYTES)


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)


@dataclass(frozen=True)
class _Voice:
    """Pass A's account of each sentence, in reading order."""

    lengths: list[int]
    digests: list[bytes]  # of its samples: what the stretch cache knows it by
    powers: list[np.ndarray]  # its loudness, as `block_powers`


def _prepare_voice(voicing: Voicing, rate: int, path: Path) -> _Voice:
    """Pass A: every clip trimmed, measured and resampled (on every core: numpy and soxr
    release the GIL), appended to `path` in reading order."""
    clips = [c for segment in voicing.segments for paragraph in segment.paragraphs
             for c in paragraph]
    voice = _Voice([], [], [])
    workers = os.cpu_count() or 1
    with open(path, "wb") as out, cf.ThreadPoolExecutor(workers) as pool:
        prepared = _in_order(pool, lambda clip: _pcm(prepare_clip(clip, rate)), clips,
                             ahead=2 * workers)
        for pcm, digest, powers in prepared:
            out.write(pcm)
            voice.lengths.append(len(pcm) // 2)
            voice.digests.append(digest)
            voice.powers.append(powers)
    return voice


def _in_order(pool: cf.Executor, fn: Callable[[T], R], items: Sequence[T], *, ahead: int
              ) -> Iterator[R]:
    """`fn` over `items` on the pool, the results in order, at most `ahead` of them computed
    before they are taken (an hour of prepared voice never sits in memory)."""
    pending: collections.deque[cf.Future[R]] = collections.deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) > ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _pcm(speech: Speech) -> tuple[bytes, bytes, np.ndarray]:
    """A prepared sentence as the voice file holds it (16-bit, `VOICE_SCALE`), its digest
    (hashed here, on the pool, like the rest of the preparation) and its loudness."""
    scaled = speech.samples * np.float32(VOICE_SCALE * 32768)
    pcm = np.clip(np.round(scaled), -32768, 32767).astype("<i2").tobytes()
    return pcm, hashlib.sha256(pcm).digest(), speech.powers


def _ends(voicing: Voicing) -> tuple[list[int], list[int]]:
    """Indices (in reading order) of the last sentence of each paragraph and each segment."""
    paragraph_ends, segment_ends, n = [], [], 0
    for seg in voicing.segments:
        for paragraph in seg.paragraphs:
            n += len(paragraph)
            paragraph_ends.append(n - 1)
        if seg.paragraphs:
            segment_ends.append(n - 1)
    return paragraph_ends, segment_ends


def _layout(
    voicing: Voicing, lengths: list[int], jingle_lengths: dict[str, int], settings: AudioSettings
) -> Layout:
    rate, p = settings.sample_rate_hz, settings.pauses
    remaining = iter(lengths)
    segments = [
        (seg.segment.kind, [[next(remaining) for _ in paragraph] for paragraph in seg.paragraphs])
        for seg in voicing.segments
    ]
    pauses = PauseSamples(
        *(round(ms * rate / 1000) for ms in
          (p.after_headline_ms, p.sentence_ms, p.paragraph_ms, p.around_sting_ms))
    )
    return lay_out(segments, jingle_lengths, pauses)


def _bed(source: JingleSource, layout: Layout, rate: int, level_lufs: float) -> Piece:
    """The bed from 0 to `layout.bed_end`, levelled, ducked under the first segment's speech."""
    speech = [(p.start, p.end) for p in layout.first_segment]
    fade_from = speech[-1][1] if speech else layout.jingles[0].end
    music = gain_to(source.render(rate, layout.bed_end / rate), rate, level_lufs)
    music = np.resize(music, layout.bed_end)  # a decoded file may be a few samples short
    envelope = ducking.bed_gain(layout.bed_end, speech, fade_from, rate)
    bed = (music * envelope).astype(np.float32)
    return Piece(0, layout.bed_end, InMemory(bed), hashlib.sha256(bed.tobytes()).digest())


def _no_progress(done: int, total: int) -> None:
    pass


def _encode_stretches(
    spans: Sequence[Span], pieces: Sequence[Piece], settings: AudioSettings, workdir: Path,
    cache_dir: Path | None, master: Path | None, progress: Callable[[int, int], None],
) -> list[EncodedStretch]:
    """Every stretch encoded (or found in the cache), side by side; with `master`, the
    limited programme written there too."""
    rate = settings.sample_rate_hz
    cache = StretchCache(cache_dir) if cache_dir is not None else None
    jobs = [_Job(span, [p for p in pieces if span.start <= p.start < span.end], settings)
            for span in spans]
    total_s, done = -(-spans[-1].end // rate), 0
    progress(0, total_s)
    results: dict[int, EncodedStretch] = {}
    todo = []
    folder = workdir / STRETCH_FOLDER
    folder.mkdir(exist_ok=True)
    for i, job in enumerate(jobs):
        hit = cache.get(job.key, folder / f"{i:04d}.mp3") if cache is not None else None
        if hit is not None:
            results[i] = hit
            done += job.span.end - job.span.start
            progress(done // rate, total_s)
        else:
            todo.append(i)
    pcm = {i: folder / f"{i:04d}.f32" for i in range(len(jobs))} if master else {}
    workers = max(1, min(len(todo), os.cpu_count() or 1))
    longest_first = sorted(todo, key=lambda i: jobs[i].span.start - jobs[i].span.end)
    with cf.ThreadPoolExecutor(workers, thread_name_prefix="encode") as pool:
        # longest first: the cores finish together, not one waiting on a long last stretch
        futures = {pool.submit(jobs[i].encode, folder / f"{i:04d}.mp3", pcm.get(i)): i
                   for i in longest_first}
        for future in cf.as_completed(futures):
            i = futures[future]
            results[i] = future.result()
            if cache is not None:
                cache.put(jobs[i].key, results[i])
            done += jobs[i].span.end - jobs[i].span.start
            progress(min(total_s, done // rate), total_s)
    if cache is not None:
        cache.evict(keep={job.key for job in jobs})  # once a build, like the segment cache
    if master is not None:
        for i in results.keys() - set(todo):  # cached: rendered, not encoded
            jobs[i].write_pcm(results[i], pcm[i])
        _write_master(master, [pcm[i] for i in range(len(jobs))], rate)
    progress(total_s, total_s)
    return [results[i] for i in range(len(jobs))]


@dataclass
class _Job:
    """One stretch: its pieces (in programme positions) and the settings it is made with."""

    span: Span
    pieces: list[Piece]
    settings: AudioSettings

    @functools.cached_property
    def key(self) -> str:
        """Everything the stretch's bytes depend on, hashed: its pieces' sounds and places,
        its length, the settings and mixer that shape it, the encoder."""
        s = self.settings
        h = hashlib.sha256(
            f"{MIXER_FORMAT}|{ffmpeg.identity()}|{s.sample_rate_hz}|{s.loudness_lufs!r}|"
            f"{s.true_peak_dbtp!r}|{ENCODER_MARGIN_DB!r}|{MP3_OFFSET_LU!r}|{TOLERANCE_LU!r}|"
            f"{' '.join(s.mp3_args())}|{self.span.end - self.span.start}|{self.span.encoded}"
            .encode()
        )
        for p in self.pieces:
            h.update(f"|{p.start - self.span.start}:{p.length}:{p.voice}|".encode())
            h.update(p.digest)
        return h.hexdigest()

    def renderer(self, voice_db: float) -> Renderer:
        gain = 10 ** (voice_db / 20)
        placed: list[tuple[int, int, Source]] = []
        for p in self.pieces:
            source = p.source
            if p.voice:
                assert isinstance(source, VoiceSpan)
                source = VoiceSpan(source.fd, source.offset, gain)
            placed.append((p.start - self.span.start, p.length, source))
        return Renderer(self.span.end - self.span.start, self.settings.sample_rate_hz, placed)

    def voice_db(self) -> float:
        """The gain that brings this stretch's voice to the target loudness."""
        powers = [p.powers for p in self.pieces if p.powers is not None]
        lufs = gated_lufs(np.concatenate(powers)) if powers else SILENCE_LUFS
        if lufs <= SILENCE_LUFS:
            raise AudioError("the voice is silent: a stretch of sentences measured below "
                             "-70 LUFS")
        return self.settings.loudness_lufs - lufs

    def encode(self, dest: Path, pcm: Path | None) -> EncodedStretch:
        """Level, limit and encode the stretch (passes B and C of the module doc)."""
        s, rate, block = self.settings, self.settings.sample_rate_hz, self.block
        target = s.loudness_lufs
        voice_db = self.voice_db()
        renderer = self.renderer(voice_db)
        model = LimitModel.measure(renderer, block, self.limiter())
        bias = 0.0  # the model's error, learnt from an encode
        gain_db = model.solve(target)
        for _ in range(MAX_WRITES):
            model = model.covering(gain_db, renderer, block)
            limited = _limited(renderer, block, gain_db, model)
            lufs = _encode(_kept(limited, self.span.encoded, pcm), rate, dest, s)
            log.debug("stretch at %+.2f dB gain: %.2f LUFS (model %.2f)", gain_db, lufs,
                      model.loudness(gain_db))
            if abs(target - lufs) <= TOLERANCE_LU:
                break
            bias = lufs - model.loudness(gain_db)
            gain_db = model.solve(target - bias)
        stretch = mp3join.read_stretch(dest)
        self._check_frames(stretch)
        return EncodedStretch(dest, stretch, lufs, voice_db, gain_db)

    def write_pcm(self, encoded: EncodedStretch, pcm: Path) -> None:
        """The stretch as `encode` rendered it, from the gains the cache kept."""
        block, renderer = self.block, self.renderer(encoded.voice_db)
        model = LimitModel.measure(renderer, block, self.limiter()).covering(
            encoded.gain_db, renderer, block)
        for _ in _kept(_limited(renderer, block, encoded.gain_db, model), self.span.encoded,
                       pcm):
            pass

    @property
    def block(self) -> int:
        """Samples rendered at a time: about `BLOCK_S`, whole frames."""
        return FRAME * round(BLOCK_S * self.settings.sample_rate_hz / FRAME)

    def limiter(self) -> TruePeakLimiter:
        s = self.settings
        return TruePeakLimiter.at(s.sample_rate_hz, s.true_peak_dbtp - ENCODER_MARGIN_DB)

    def _check_frames(self, stretch: mp3join.Stretch) -> None:
        """A stretch that is not the last must fill whole frames up to its seam; an
        encoder that pads differently would shift everything after it."""
        if self.span.last:
            return
        want = (self.span.end - self.span.start) // mp3join.FRAME_SAMPLES
        if stretch.frames != want:
            raise AudioError(
                f"the MP3 encoder made {stretch.frames} frames of a stretch that needs {want}: "
                "this ffmpeg pads differently from the bundled one (unset $BULLETIN_FFMPEG)"
            )


def _kept(blocks: Iterator[np.ndarray], encoded: int, pcm: Path | None) -> Iterator[np.ndarray]:
    """The first `encoded` samples of the blocks (the encoder's share); with `pcm`, every
    block also appended there (the master WAV's share: the whole stretch)."""
    left = encoded
    with open(pcm, "wb") if pcm is not None else contextlib.nullcontext() as out:
        for block in blocks:
            if out is not None:
                out.write(block.astype("<f4").tobytes())
            if left > 0:
                yield block[:left]
                left -= len(block)


def _encode(blocks: Iterator[np.ndarray], rate: int, dest: Path, settings: AudioSettings) -> float:
    """Encode float32 mono blocks to `dest` with the episode's MP3 settings, `MP3_OFFSET_LU`
    louder, while ffmpeg's ebur128 measures them; return their integrated loudness."""
    graph = (f"asplit[gauge][raw];[gauge]ebur128[done];"
             f"[raw]volume={-MP3_OFFSET_LU:.3f}dB[coded]")
    args = ["-y", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
            "-filter_complex", graph, "-map", "[coded]", *settings.mp3_args(), str(dest),
            "-map", "[done]", "-f", "null", "-"]
    chunks = (np.ascontiguousarray(b, dtype="<f4").tobytes() for b in blocks)
    return parse_ebur128(ffmpeg.run_ffmpeg_report(args, stdin_chunks=chunks)).integrated_lufs


def _write_master(master: Path, parts: Sequence[Path], rate: int) -> None:
    """The limited stretches, in order, as one 16-bit WAV."""
    with wave.open(str(master), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for part in parts:
            samples = np.fromfile(part, dtype="<f4")
            out.writeframes(np.clip(np.round(samples * 32768), -32768, 32767).astype("<i2"))
            part.unlink()


def _overall_lufs(encoded: Sequence[EncodedStretch], spans: Sequence[Span]) -> float:
    """The programme's loudness from its stretches': their mean power, by length (each is
    on target, so the gating they would share changes nothing measurable)."""
    weights = np.array([s.end - s.start for s in spans], dtype=np.float64)
    powers = np.array([10 ** (e.lufs / 10) for e in encoded])
    return float(10 * np.log10(np.sum(weights * powers) / weights.sum()))


@dataclass(frozen=True)
class LimitModel:
    """The programme at gain 1 as the limiter and the meter see it, per `FRAME` samples: its
    true peak and its K-weighted energy. The limiter computes its gain per frame, so running
    it on these (1/64 of the audio) gives the loudness of the limited mix at any gain in
    milliseconds, and the gain is solved without rendering the programme again; the render
    then reuses the peaks."""

    peaks: np.ndarray
    energy: np.ndarray
    rate: int
    limiter: TruePeakLimiter
    max_gain: float  # the peaks hold for the programme up to this gain (see frame_peaks)

    @classmethod
    def measure(cls, renderer: Renderer, block: int, limiter: TruePeakLimiter,
                max_gain: float = MAX_GAIN) -> LimitModel:
        """Render the programme once at gain 1. A frame's K-weighted energy is its own
        energy scaled by the K-weighting's effect on its 100 ms (`block_powers`): the
        spectrum barely changes within 100 ms."""
        rate = renderer.rate
        hop = round(rate / 10)
        interpolator = frame_interpolator()
        peaks, energy = [], []
        for extended in renderer.blocks(block, context=FRAME):
            samples = extended[FRAME:-FRAME]
            peaks.append(frame_peaks(extended, FRAME, limiter.ceiling, max_gain, interpolator))
            frames = -(-len(samples) // FRAME)
            padded = np.zeros(frames * FRAME, np.float32)
            padded[: len(samples)] = samples
            raw = np.square(padded.reshape(frames, FRAME), dtype=np.float64).sum(axis=1)
            starts = np.arange(0, len(samples), hop)
            plain = np.add.reduceat(np.square(samples, dtype=np.float64), starts)
            plain /= np.diff(np.append(starts, len(samples)))
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(plain > 0, block_powers(samples, rate) / plain, 1.0)
            energy.append(raw * ratio[np.arange(frames) * FRAME // hop])
        return cls(np.concatenate(peaks), np.concatenate(energy), rate, limiter, max_gain)

    def loudness(self, gain_db: float) -> float:
        """Integrated loudness of the limited programme at `gain_db` (LUFS)."""
        gain = 10 ** (gain_db / 20)
        power = ramp_power(boundaries(self.limiter.gains(self.peaks, gain)))
        energy = self.energy * (gain * gain) * power
        step = self.rate / 10 / FRAME  # frames per 100 ms
        starts = np.unique(np.round(np.arange(0, len(energy), step)).astype(np.int64))
        starts = starts[starts < len(energy)]  # the last start may round up to the end
        counts = np.diff(np.append(starts, len(energy)))
        return gated_lufs(np.add.reduceat(energy, starts) / (counts * FRAME))

    def covering(self, gain_db: float, renderer: Renderer, block: int) -> LimitModel:
        """This model, or one measured again whose peaks hold up to `gain_db` (+6 dB)."""
        gain = 10 ** (gain_db / 20)
        if gain <= self.max_gain:
            return self
        return LimitModel.measure(renderer, block, self.limiter, max_gain=MAX_GAIN * gain)

    def solve(self, target_lufs: float) -> float:
        """The gain (dB) at which the model meets `target_lufs`, by the secant method."""
        a, la = 0.0, self.loudness(0.0)
        b = a + target_lufs - la
        for _ in range(SOLVE_STEPS):
            lb = self.loudness(b)
            if abs(lb - target_lufs) < 0.01 or lb == la:
                break
            a, la, b = b, lb, b + (target_lufs - lb) * (b - a) / (lb - la)
        return b


def _limited(renderer: Renderer, block: int, gain_db: float, model: LimitModel
             ) -> Iterator[np.ndarray]:
    """The programme at `gain_db`, through the limiter, block by block."""
    gain = 10 ** (gain_db / 20)
    edges = boundaries(model.limiter.gains(model.peaks, gain))
    for a in range(0, renderer.length, block):
        b = min(a + block, renderer.length)
        yield renderer.render(a, b) * np.float32(gain) * ramp(edges, a, b - a)
