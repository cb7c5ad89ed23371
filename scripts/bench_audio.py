"""Mix + export time and peak memory for 5-, 20- and 60-minute bulletins.

The bulletins are synthetic: speech-like clips (testkit.audio) at 22,050 Hz with
uneven padding, reused from a pool, laid out as a headline and sub-headed sections of
3–6 s sentences; the default jingles; MP3 plus the 48 kHz WAV and cue sheet. Each size runs
in its own process, so its peak RSS is its own. (ffmpeg's children are not counted: their
rusage would include the fork of this process; ffmpeg itself streams and stays small.)
Prints one line per figure.

    python scripts/bench_audio.py [MINUTES ...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import _checkout  # noqa: F401  (puts testkit/ on sys.path)

SIZES_MIN = (5, 20, 60)
RSS_LIMIT_MB = 300


def one(minutes: float, folder: Path) -> dict[str, float]:
    """Build one bulletin in this process and measure it."""
    from bulletin.export import Tags, export_episode
    from bulletin.mix import mix_episode
    from bulletin.mix.settings import AudioSettings
    from testkit.audio import bulletin_shape, ebur128, make_voicing

    voicing = make_voicing(folder / "clips", bulletin_shape(minutes), distinct=12)
    settings = AudioSettings(wav=True)
    start = time.perf_counter()
    mix = mix_episode(voicing, settings, folder / "work")
    mixed = time.perf_counter()
    tags = Tags("बेंचमार्क", "bulletin", "bench", datetime(2025, 1, 1))
    files = export_episode(mix, tags, settings, folder / "out", "bench")
    done = time.perf_counter()
    mp3 = folder / "out" / next(f.name for f in files if f.kind == "mp3")
    measured = ebur128(mp3, true_peak=True)  # the decoded MP3, as a listener gets it
    return {
        "audio_min": mix.duration_ms / 60_000,
        "mix_s": mixed - start,
        "export_s": done - mixed,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loudness_lufs": measured.integrated_lufs,
        "true_peak_dbtp": measured.true_peak_dbtp or 0.0,
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        print(json.dumps(one(float(argv[1]), Path(argv[2]))))
        return 0
    worst = 0.0
    for minutes in [float(a) for a in argv] or SIZES_MIN:
        with tempfile.TemporaryDirectory(prefix="bench-audio-") as tmp:
            proc = subprocess.run(
                [sys.executable, __file__, "--one", str(minutes), tmp],
                capture_output=True, text=True, check=False,
            )
        if proc.returncode != 0:
            print(f"{minutes:g} min: FAILED\n{proc.stderr}", file=sys.stderr)
            return 1
        r = json.loads(proc.stdout)
        label = f"{minutes:g} min bulletin ({r['audio_min']:.1f} min of audio)"
        print(f"{label}: mix {r['mix_s']:.1f} s")
        print(f"{label}: export {r['export_s']:.1f} s (MP3 + 48 kHz WAV + sidecars)")
        print(f"{label}: mix+export {r['mix_s'] + r['export_s']:.1f} s, "
              f"{r['audio_min'] * 60 / (r['mix_s'] + r['export_s']):.0f}× real time")
        print(f"{label}: peak RSS {r['rss_mb']:.0f} MB")
        print(f"{label}: MP3 {r['loudness_lufs']:.1f} LUFS, {r['true_peak_dbtp']:.1f} dBTP")
        worst = max(worst, r["rss_mb"])
    print(f"peak RSS over all sizes: {worst:.0f} MB (limit {RSS_LIMIT_MB} MB)")
    return 0 if worst < RSS_LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
