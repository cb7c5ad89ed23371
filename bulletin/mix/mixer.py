"""Clips + jingles + pauses → a master WAV at the target loudness, with its chapters and cues.

Memory stays flat however long the bulletin is; the programme is only ever on disk or in
one block at a time:

  A  every clip is trimmed, resampled and appended to `voice.wav` (16-bit, see
     `VOICE_SCALE`) in the work folder, and the voice's loudness is measured there
     (BS.1770, ffmpeg ebur128);
  B  the voice (levelled to the target) and the jingles (levelled `JINGLE_LU` below it, and
     cached between builds) are mixed block by block, and each 64-sample frame's peak and
     K-weighted energy kept (`LimitModel`): on that 1/64 of the audio the limiter and the
     gating are modelled for any gain, so the gain that brings the limited mix to the
     target is solved in milliseconds, where each guess once cost a full render;
  C  the blocks are rendered with that gain through a 4×-oversampled true-peak limiter and
     streamed into ffmpeg, which writes `master.wav`, measures it and, on the other core,
     encodes the episode's MP3 (`master.mp3`, `MP3_OFFSET_LU` louder to make up what the
     encoder loses), all in the same pass: the export only verifies and tags that MP3.
     When the model missed by more than `TOLERANCE_LU`, its error is learnt and C repeats
     (at most `MAX_WRITES` times; on the examples it never has).

The limiter's ceiling sits `ENCODER_MARGIN_DB` below the true-peak target because MP3
encoding adds overshoot; export verifies the decoded MP3.
"""

from __future__ import annotations

import logging
import wave
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import AudioError
from ..models import Chapter, Cue, Mix, Voicing
from . import ducking
from .chapters import fit_chapters
from .clips import prepare_clip
from .jingles import JingleSource, check_jingles, levelled, sources
from .limiter import FRAME, TruePeakLimiter, gain_reduction
from .loudness import (
    SILENCE_LUFS,
    KWeighting,
    Loudness,
    gain_to,
    gated_lufs,
    measure_file,
    write_and_measure,
)
from .settings import AudioSettings
from .timeline import Layout, PauseSamples, lay_out

log = logging.getLogger(__name__)

JINGLE_LU = -2.0  # jingles sit this far below the voice: present, never louder than speech
BED_LU = -3.0  # the bed on its own, before ducking (so ≈ 21 LU under the voice while it speaks)
ENCODER_MARGIN_DB = 0.5  # limiter ceiling under the true-peak target: MP3 overshoot room
TOLERANCE_LU = 0.2
MAX_WRITES = 3
SOLVE_STEPS = 8
BLOCK_S = 10.0
VOICE_FILE = "voice.wav"
# The voice file is 16-bit with 6 dB of headroom (resampling can overshoot a full-scale
# clip): half the disk of float32, its noise floor ~92 dB down, far below the master's own.
VOICE_SCALE = 0.5
MASTER_FILE = "master.wav"
ENCODED_FILE = "master.mp3"
# The decoded CBR MP3 of a master measures this much quieter than the master (libmp3lame,
# speech with jingles, 96 kbps: −0.4 LU on every example); its encode adds it back.
MP3_OFFSET_LU = -0.4


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
    """A sentence inside the voice file, read only when its block is rendered."""

    file: wave.Wave_read
    offset: int
    gain: float

    def read(self, lo: int, hi: int) -> np.ndarray:
        self.file.setpos(self.offset + lo)
        pcm = np.frombuffer(self.file.readframes(hi - lo), dtype="<i2")
        return pcm * np.float32(self.gain / 32768)


class Renderer:
    """Sums the pieces that overlap any sample range; silence outside the programme."""

    def __init__(
        self, length: int, rate: int, pieces: Sequence[tuple[int, int, Source]]
    ) -> None:
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

    def blocks(self, block: int, gain: float = 1.0, context: int = 0) -> Iterator[np.ndarray]:
        """Consecutive blocks covering the programme, each with `context` samples either side."""
        for a in range(0, self.length, block):
            b = min(a + block, self.length)
            yield self.render(a - context, b + context) * np.float32(gain)


def mix_episode(
    voicing: Voicing, settings: AudioSettings, workdir: Path, *, cache_dir: Path | None = None,
    consume_clips: bool = False, progress: Callable[[int, int], None] | None = None,
) -> Mix:
    """Mix the voicing with jingles and pauses into `workdir/master.wav`; see the module doc.

    Scratch space stays near the size of the master: with `consume_clips` (a build, which
    needs them no more) the sentence clips are deleted once they are in the voice file, and
    the voice file is deleted once the master is written.

    With a `cache_dir`, the levelled jingles are kept there between builds. `progress(done,
    total)` counts seconds of programme through passes B and C (total: twice its length)."""
    if not any(seg.paragraphs for seg in voicing.segments):
        raise AudioError("nothing to mix: the voicing has no sentences")
    rate, target = settings.sample_rate_hz, settings.loudness_lufs
    workdir.mkdir(parents=True, exist_ok=True)
    # Checked again: a caller may skip the build's early check, and an unchecked empty bed
    # would make ffmpeg loop forever.
    check_jingles(settings)
    jingle_sources = sources(settings)

    voice_path = workdir / VOICE_FILE
    lengths = _prepare_voice(voicing, rate, voice_path)
    if consume_clips:
        for seg in voicing.segments:
            for clip in (c for paragraph in seg.paragraphs for c in paragraph):
                clip.path.unlink(missing_ok=True)  # a repeated sentence shares one file
    voice_lufs = measure_file(voice_path).integrated_lufs
    if voice_lufs <= SILENCE_LUFS:
        raise AudioError("the voice is silent: every sentence clip measured below -70 LUFS")
    jingles = {
        role: levelled(jingle_sources[role], rate, target + JINGLE_LU, cache_dir)
        for role in ("intro", "sting", "outro")
    }
    layout = _layout(voicing, lengths, {r: len(j) for r, j in jingles.items()}, settings)

    with wave.open(str(voice_path), "rb") as voice:
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        voice_gain = 10 ** ((target - voice_lufs) / 20)
        pieces: list[tuple[int, int, Source]] = [
            (p.start, p.length, VoiceSpan(voice, int(offset), voice_gain))
            for p, offset in zip(layout.sentences, offsets, strict=True)
        ]
        pieces += [(p.start, p.length, InMemory(jingles[p.role])) for p in layout.jingles]
        if "bed" in jingle_sources:
            pieces.append(_bed(jingle_sources["bed"], layout, rate, target + BED_LU))
        renderer = Renderer(layout.length, rate, pieces)
        master = workdir / MASTER_FILE
        final = _level(renderer, master, rate, settings, progress or _no_progress)
    voice_path.unlink()

    return Mix(
        master=master,
        encoded=master.with_name(ENCODED_FILE),
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
        loudness_lufs=final.integrated_lufs,
        true_peak_dbtp=final.true_peak_dbtp,
    )


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)


def _prepare_voice(voicing: Voicing, rate: int, path: Path) -> list[int]:
    """Pass A: every clip trimmed and resampled, appended to `path`; returns their lengths."""
    lengths = []
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for segment in voicing.segments:
            for paragraph in segment.paragraphs:
                for clip in paragraph:
                    speech = prepare_clip(clip, rate) * np.float32(VOICE_SCALE * 32768)
                    out.writeframes(np.clip(np.round(speech), -32768, 32767).astype("<i2"))
                    lengths.append(len(speech))
    return lengths


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


def _bed(
    source: JingleSource, layout: Layout, rate: int, level_lufs: float
) -> tuple[int, int, Source]:
    """The bed from 0 to `layout.bed_end`, levelled, ducked under the first segment's speech."""
    speech = [(p.start, p.end) for p in layout.first_segment]
    fade_from = speech[-1][1] if speech else layout.jingles[0].end
    music = gain_to(source.render(rate, layout.bed_end / rate), rate, level_lufs)
    music = np.resize(music, layout.bed_end)  # a decoded file may be a few samples short
    envelope = ducking.bed_gain(layout.bed_end, speech, fade_from, rate)
    return 0, layout.bed_end, InMemory(music * envelope)


def _no_progress(done: int, total: int) -> None:
    pass


def _reported(
    blocks: Iterable[np.ndarray], progress: Callable[[int, int], None], start_s: int,
    total_s: int, rate: int,
) -> Iterator[np.ndarray]:
    """The blocks, reporting the seconds passed (after `start_s`) as each is handed on."""
    done = 0
    for block in blocks:
        yield block
        done += len(block)
        progress(min(total_s, start_s - (-done // rate)), total_s)


def _level(
    renderer: Renderer, master: Path, rate: int, settings: AudioSettings,
    progress: Callable[[int, int], None],
) -> Loudness:
    """Passes B and C: find the gain that puts the limited mix on target; write the master."""
    target, block = settings.loudness_lufs, FRAME * round(BLOCK_S * rate / FRAME)
    ceiling = settings.true_peak_dbtp - ENCODER_MARGIN_DB
    length_s = -(-renderer.length // rate)
    progress(0, 2 * length_s)
    model = LimitModel.measure(
        renderer, block, ceiling, lambda done, _: progress(done, 2 * length_s)
    )
    bias = 0.0  # the model's error, learnt from a written master
    gain_db = model.solve(target)
    for _ in range(MAX_WRITES):
        limited = _limited(renderer, block, gain_db, ceiling)
        final = write_and_measure(
            _reported(limited, progress, length_s, 2 * length_s, rate), rate, master,
            encode=(master.with_name(ENCODED_FILE), -MP3_OFFSET_LU, settings.mp3_args()),
        )
        log.debug("master at %+.2f dB gain: %s (model %.2f LUFS)", gain_db, final,
                  model.loudness(gain_db))
        if abs(target - final.integrated_lufs) <= TOLERANCE_LU:
            break
        bias = final.integrated_lufs - model.loudness(gain_db)
        gain_db = model.solve(target - bias)
    return final


@dataclass(frozen=True)
class LimitModel:
    """The programme at gain 1 as seen by the limiter and the meter, per `FRAME` samples: its
    peak and its K-weighted energy. Limiting and gating that (1/64 of the audio) predicts the
    loudness of the limited mix at any gain in milliseconds, so the gain is solved without
    rendering the programme again. K(x·g) ≈ K(x)·g because the limiter's gain moves slowly."""

    peaks: np.ndarray
    energy: np.ndarray
    rate: int
    ceiling_dbtp: float

    @classmethod
    def measure(
        cls, renderer: Renderer, block: int, ceiling_dbtp: float,
        progress: Callable[[int, int], None] = _no_progress,
    ) -> LimitModel:
        """Pass B: render the programme once at gain 1 (sample peaks: the model's detector)."""
        weighting = KWeighting(renderer.rate)
        peaks, energy = [], []
        total_s = -(-renderer.length // renderer.rate)
        blocks = _reported(renderer.blocks(block), progress, 0, total_s, renderer.rate)
        for samples in blocks:
            frames = -(-len(samples) // FRAME)
            padded = np.zeros(frames * FRAME, np.float32)
            padded[: len(samples)] = samples
            peaks.append(np.abs(padded).reshape(frames, FRAME).max(axis=1))
            padded[: len(samples)] = weighting(samples)
            energy.append(np.square(padded).reshape(frames, FRAME).sum(axis=1))
        return cls(np.concatenate(peaks), np.concatenate(energy), renderer.rate, ceiling_dbtp)

    def loudness(self, gain_db: float) -> float:
        """Integrated loudness of the limited programme at `gain_db` (LUFS)."""
        limiter = TruePeakLimiter(self.rate / FRAME, self.ceiling_dbtp)
        gain = 10 ** (gain_db / 20)
        allowed = np.minimum(1.0, limiter.ceiling / np.maximum(self.peaks * gain, 1e-12))
        reduction = gain_reduction(allowed, limiter.window, limiter.log_release)
        energy = self.energy * np.square(gain * (1.0 - reduction))
        step = self.rate / 10 / FRAME  # frames per 100 ms
        starts = np.unique(np.round(np.arange(0, len(energy), step)).astype(np.int64))
        starts = starts[starts < len(energy)]  # the last start may round up to the end
        counts = np.diff(np.append(starts, len(energy)))
        return gated_lufs(np.add.reduceat(energy, starts) / (counts * FRAME))

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


def _limited(
    renderer: Renderer, block: int, gain_db: float, ceiling_dbtp: float
) -> Iterator[np.ndarray]:
    """The programme with `gain_db`, through a fresh true-peak limiter, block by block."""
    limiter = TruePeakLimiter(renderer.rate, ceiling_dbtp)
    for extended in renderer.blocks(block, 10 ** (gain_db / 20), limiter.context):
        yield limiter.process(extended)
