"""Speak the intelligibility tool's sentences with one bulletin voice, ready for its scorer.

    python scripts/voices_cer.py OUT --engine kokoro --voice jm_kumo --speed 0.9
    $INTEL_HOME/venv/bin/python ../shared/tools/intelligibility/score.py OUT OUT/refs.tsv

Writes OUT/NN.wav (one sentence each, the engine's own audio) and OUT/refs.tsv. The
sentences are read from the tool's folder, never copied into this repository.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bulletin.synth import VoiceSettings, load_engine
from bulletin.synth.pcm import wav_bytes

TOOL = Path(__file__).resolve().parents[2] / "shared" / "tools" / "intelligibility"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--engine", default="kokoro")
    parser.add_argument("--voice")
    parser.add_argument("--speed", type=float, default=VoiceSettings.speed)
    parser.add_argument("--rate-wpm", type=int, default=VoiceSettings.rate_wpm)
    parser.add_argument("--sentences", type=Path, default=TOOL / "sentences_hi.txt")
    parser.add_argument("-n", type=int, default=20, help="how many sentences (from the top)")
    args = parser.parse_args()
    settings = VoiceSettings(engine=args.engine, fallback=None, voice=args.voice,
                             speed=args.speed, rate_wpm=args.rate_wpm, jobs=1)
    engine = load_engine(args.engine, settings)
    lines = [s for s in args.sentences.read_text("utf-8").splitlines() if s.strip()][: args.n]
    args.out.mkdir(parents=True, exist_ok=True)
    refs = []
    audio_s = 0.0
    started = time.perf_counter()
    for number, sentence in enumerate(lines, 1):
        pcm = engine.synthesize(sentence)
        audio_s += pcm.duration_s
        name = f"{number:02d}.wav"
        (args.out / name).write_bytes(wav_bytes(pcm))
        refs.append(f"{name}\t{sentence}\n")
    (args.out / "refs.tsv").write_text("".join(refs), "utf-8")
    wall = time.perf_counter() - started
    print(f"{engine.name} {engine.voice}: {len(lines)} sentences, {audio_s:.1f} s of audio in "
          f"{wall:.1f} s ({audio_s / wall:.2f}× real time) → {args.out}")


if __name__ == "__main__":
    main()
