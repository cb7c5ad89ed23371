"""Build speed against its physical floor, per example article and for a 60-minute bulletin.

For each article, in one run (so the ratios hold on a busy machine):
  floor      the bundled ffmpeg encoding that episode's own master to the same MP3 settings
             (the master is recovered by decoding the published MP3: same length, rate and
             sound, so the same encoding work);
  first      `bulletin build` on a machine that never built: every cache empty (the jingles
             are composed and the show's cover drawn, once per machine and settings);
  cold       a new article: its sentences and stretches in no cache, the output folder
             empty (the show's jingles and cover cached, as after any first build);
  edited     the middle sentence changed, the rest from the caches, into the same folder;
  unchanged  the edited article built again: "up to date";
each as seconds and as a ratio to the floor, plus the peak RSS of the cold build. Then the
start-up time of `bulletin --help` and `bulletin clean --lines -`. The offline espeak voice
speaks everything (`examples/defence-talks.txt` carries the hard cases of real copy).

    python scripts/bench.py [--minutes 60] [ARTICLE ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).with_name("bulletin")
GOALS = {"cold": 1.5, "edited": 1.2}  # × floor; unchanged: ≤ 10% of cold; RSS ≤ 300 MB


SEED = REPO.parent / "shared" / "seed"  # the article the project was specified from, if here


def articles(argv: list[str]) -> list[Path]:
    """The given articles, else the examples and (where the shared folder is) the seed."""
    if argv:
        return [Path(a) for a in argv]
    found = sorted(p for p in (REPO / "examples").iterdir()
                   if p.suffix in {".txt", ".md", ".html"})
    return found + (sorted(SEED.glob("*.txt")) if SEED.is_dir() else [])


def long_article(minutes: float, folder: Path) -> Path:
    """A plain-text bulletin of about `minutes` of espeak speech, every sentence distinct,
    made of the examples' own sentences in sub-headed sections."""
    sentences = []
    for path in (REPO / "examples").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() + "।" for s in text.replace("\n", " ").split("।") if len(s) > 40]
    rng = random.Random(13)
    chars_per_minute = 625  # espeak's Hindi at its default rate (87 k characters: 139 min)
    lines, n = ["साठ मिनट का समाचार बुलेटिन", ""], 0
    while sum(map(len, lines)) < minutes * chars_per_minute:
        lines += [f"खंड {n // 12 + 1}", ""] if n % 12 == 0 else []
        lines += [" ".join(f"{rng.choice(sentences)[:-1]}, क्रम {n}{i}।" for i in range(3)), ""]
        n += 3
    path = folder / "sixty-minutes.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one command in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"bench: {' '.join(map(str, args))} failed:\n{err}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def edit_one_sentence(article: Path, dest: Path) -> Path:
    """The article with its middle sentence changed by one word (before its full stop): an
    edit mid-article, so everything after it moves."""
    text = article.read_text(encoding="utf-8")
    ends = [i for i, c in enumerate(text) if c in "।?!" or (c == "." and text[i + 1 : i + 2]
                                                            in (" ", "\n", ""))]
    if not ends:
        raise SystemExit(f"bench: {article} has no sentence end to edit before")
    cut = ends[len(ends) // 2]
    dest.write_text(text[:cut] + " भी" + text[cut:], encoding="utf-8")
    return dest


def floor(mp3: Path, folder: Path) -> float:
    """Seconds the bundled ffmpeg takes to encode this episode's master to its MP3 settings."""
    from bulletin import ffmpeg
    from bulletin.mix.settings import AudioSettings

    settings = AudioSettings()
    master = folder / "master.wav"
    ffmpeg.run_ffmpeg(["-y", "-i", str(mp3), "-c:a", "pcm_s16le", "-ac", "1",
                       "-ar", str(settings.sample_rate_hz), str(master)])
    started = time.perf_counter()
    ffmpeg.run_ffmpeg(["-y", "-i", str(master), *settings.mp3_args(), str(folder / "floor.mp3")])
    return time.perf_counter() - started


def bench(article: Path, folder: Path) -> dict[str, float]:
    from bulletin.mix.encoded import SUBDIR as STRETCHES
    from bulletin.synth.cache import SUBDIR as SEGMENTS

    env = environment(XDG_CACHE_HOME=str(folder / "cache"))
    out = folder / "out"
    build = [str(EXE), "-q", "build", "--engine", "espeak"]
    first, _ = run([*build, "-o", str(folder / "first"), str(article)], env)
    for subdir in (SEGMENTS, STRETCHES):  # the article's own; the show's jingles and cover stay
        shutil.rmtree(folder / "cache" / "bulletin" / subdir)
    build += ["-o", str(out)]
    cold, rss = run([*build, str(article)], env)
    listing = subprocess.run([str(EXE), "episodes", "list", str(out), "--json"],
                             capture_output=True, text=True, check=True, env=env)
    [episode] = json.loads(listing.stdout)
    mp3 = out / next(f["name"] for f in episode["files"] if f["kind"] == "mp3")
    base = floor(mp3, folder)
    # the edited copy keeps the file name, so it is the same episode (slug) rebuilt
    edited_path = edit_one_sentence(article, folder / "edited" / article.name)
    edited, _ = run([*build, str(edited_path)], env)
    unchanged, _ = run([*build, str(edited_path)], env)
    return {"audio_s": episode["duration_ms"] / 1000, "floor": base, "first": first,
            "cold": cold, "edited": edited, "unchanged": unchanged, "rss_mb": rss}


def environment(**extra: str) -> dict[str, str]:
    """This environment, with Python writing bytecode as on any installation (a sandbox's
    PYTHONDONTWRITEBYTECODE would have every run compile bulletin again)."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_up(folder: Path) -> None:
    """One small build first, so that every module's bytecode is written before timing."""
    folder.mkdir()
    (folder / "a.txt").write_text("शीर्षक\n\nयह एक छोटा लेख है।\n", encoding="utf-8")
    run([str(EXE), "-q", "build", "--engine", "espeak", "-o", str(folder / "out"),
         str(folder / "a.txt")], environment(XDG_CACHE_HOME=str(folder / "cache")))


def startup(argv: list[str], stdin: str | None = None, repeat: int = 5) -> float:
    env = environment()
    return statistics.median(run([str(EXE), *argv], env, stdin)[0] for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*")
    parser.add_argument("--minutes", type=float, default=60.0,
                        help="length of the long synthetic bulletin (0: none)")
    args = parser.parse_args()
    print(f"{'article':<24}{'audio':>8}{'floor':>8}{'first':>14}{'cold':>14}{'edited':>14}"
          f"{'unchanged':>16}{'RSS':>8}", flush=True)
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        warm_up(Path(tmp) / "warm-up")
        todo = articles(args.articles)
        if args.minutes:
            todo.append(long_article(args.minutes, Path(tmp)))
        for i, article in enumerate(todo):
            folder = Path(tmp) / str(i)
            (folder / "edited").mkdir(parents=True)
            r = bench(article, folder)
            f = r["floor"]
            print(f"{article.name:<24}{r['audio_s']:>7.0f}s{f:>7.2f}s"
                  f"{r['first']:>7.2f}s {r['first'] / f:>4.2f}×"
                  f"{r['cold']:>7.2f}s {r['cold'] / f:>4.2f}×"
                  f"{r['edited']:>7.2f}s {r['edited'] / f:>4.2f}×"
                  f"{r['unchanged']:>7.2f}s {100 * r['unchanged'] / r['cold']:>4.0f}%c"
                  f"{r['rss_mb']:>6.0f}MB", flush=True)
            ok &= (r["cold"] <= GOALS["cold"] * f and r["edited"] <= GOALS["edited"] * f
                   and r["unchanged"] <= 0.1 * r["cold"] and r["rss_mb"] <= 300)
    line = "सरकार ने 25 शहरों के लिए योजना शुरू की\n"
    print(f"start-up: `bulletin --help` {startup(['--help']):.2f} s, "
          f"`bulletin clean --lines -` {startup(['clean', '--lines', '-'], line):.2f} s "
          "(goal ≤ 0.3 s)")
    print(f"goals (cold ≤ {GOALS['cold']}×, edited ≤ {GOALS['edited']}× floor, unchanged ≤ 10% "
          f"of cold, RSS ≤ 300 MB): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
