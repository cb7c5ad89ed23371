"""Cold builds of each example article (and the seed article when ../shared is present).

For each: wall time, seconds of audio produced per wall second, and the peak RSS of the
`bulletin build` process. "Cold" means an empty synthesis cache and an empty output folder.
Prints one line per figure.

    python scripts/bench.py [ARTICLE ...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def articles(argv: list[str]) -> list[Path]:
    if argv:
        return [Path(a) for a in argv]
    found = sorted(p for p in (REPO / "examples").iterdir() if p.suffix in {".txt", ".md", ".html"})
    seed = REPO.parent / "shared" / "seed" / "putin-visit.txt"
    return [*found, seed] if seed.exists() else found


def cold_build(article: Path) -> tuple[float, float, float]:
    """(wall seconds, audio seconds, peak RSS MB) of one build in a fresh process."""
    exe = Path(sys.executable).with_name("bulletin")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": f"{tmp}/cache"}
        out = Path(tmp) / "out"
        started = time.perf_counter()
        proc = subprocess.Popen([str(exe), "-q", "build", str(article), "-o", str(out)], env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            raise SystemExit(f"bench: build of {article} failed (status {status})")
        listing = subprocess.run([str(exe), "episodes", "list", str(out), "--json"],
                                 capture_output=True, text=True, check=True, env=env)
        [episode] = json.loads(listing.stdout)
        return wall, episode["duration_ms"] / 1000, usage.ru_maxrss / 1024


def main() -> None:
    for article in articles(sys.argv[1:]):
        wall, audio, rss = cold_build(article)
        name = article.name
        print(f"{name}: cold build wall time {wall:.2f} s")
        print(f"{name}: audio produced {audio:.1f} s ({audio / wall:.1f} audio s per wall s)")
        print(f"{name}: peak RSS of the build process {rss:.0f} MB")


if __name__ == "__main__":
    main()
