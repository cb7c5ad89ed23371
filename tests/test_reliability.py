"""#18 end to end: the CLI heals the folder, degrades without a cache, names the right disk,
and leaves nothing behind when it is stopped by a signal or killed."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from bulletin import files
from bulletin.cli import main
from bulletin.publish import catalog
from bulletin.workfolder import WORK_PREFIX

GOOD = "सरकार ने नई योजना शुरू की\n\nनई दिल्ली,\nसरकार ने आज 25 शहरों के लिए ₹1,200 करोड़ की योजना शुरू की।\n"
# Long enough that a build is still voicing when the test signals it.
LONG = GOOD + "".join(f"\nयोजना के {n} वें चरण में {n * 7} गाँवों को सड़क से जोड़ा जाएगा।\n"
                      for n in range(1, 40))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build, made once: tests work on copies of it."""
    root = tmp_path_factory.mktemp("built")
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run(cmd("-q", "build", "good.txt", "-o", "out"), cwd=root, env=env(root),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def workspace(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "bulletin", *args]


def env(root: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(root / "cache")}


def build(*args: str) -> tuple[int, str]:
    result = CliRunner(mix_stderr=False).invoke(main, ["build", *args, "-o", "out"])
    return result.exit_code, result.stderr


def visible(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()
            and not p.name.startswith(".")}


def feed_guids(out: Path) -> list[str]:
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    return [e.id for e in feed.entries]


def test_an_up_to_date_build_repairs_a_stale_feed_and_page(workspace: Path):
    """Defect 2: the catalog was written, the feed and page were not."""
    out = workspace / "out"
    (out / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel>'
                                  "<title>old</title></channel></rss>")
    (out / "index.html").unlink()
    (out / ".index.html.abc123.tmp").write_text("half a page")
    code, err = build("good.txt")
    assert code == 0 and "up to date" in err
    assert feed_guids(out) == [e.guid for e in catalog.load(out)]
    assert (out / "index.html").is_file()
    assert not list(out.glob(".*.tmp"))


def test_building_another_article_removes_stranded_files(workspace: Path):
    """Defect 1: files a failed publish moved in, which feed and catalog never listed."""
    out = workspace / "out"
    (episode,) = catalog.load(out)  # the file is named after the article, whatever its name
    (mp3,) = (out / f.name for f in episode.files if f.name.endswith(".mp3"))
    stranded = [out / "atka-0123456789.mp3", out / "atka-0123456789.vtt"]
    for path in stranded:
        shutil.copy(mp3, path)
    code, err = build("good.txt")
    assert code == 0, err
    assert not any(p.exists() for p in stranded)
    assert mp3.exists()


@pytest.mark.slow  # two builds, about 4 s each
@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_cache_builds_with_one_warning(
        workspace: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        failure: int):
    real = files.staged
    cache = workspace / "cache"

    def full_or_read_only(dest: Path, **kw: bool):  # the cache's disk only, every writer
        if dest.is_relative_to(cache):
            raise OSError(failure, os.strerror(failure), str(dest))
        return real(dest, **kw)

    monkeypatch.setattr(files, "staged", full_or_read_only)
    (workspace / "other.txt").write_text(GOOD.replace("25", "35"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="bulletin"):
        code, err = build("other.txt")
    assert code == 0, err
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "\n" not in warnings[0], warnings
    assert str(workspace / "cache") in warnings[0] and os.strerror(failure) in warnings[0]
    assert len(feed_guids(workspace / "out")) == 2


@pytest.mark.slow  # one build, about 3 s
def test_a_full_output_disk_names_the_output_folder(
        workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """Defect 3: the message named a cache file."""
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("bulletin.files.os.fsync", full)
    before = visible(workspace / "out")
    (workspace / "other.txt").write_text(GOOD.replace("25", "45"), encoding="utf-8")
    code, err = build("other.txt")
    assert code != 0 and err.count("\n") == 1, err
    assert "No space left on device" in err and f"out/{WORK_PREFIX}" in err
    assert "cache" not in err
    assert visible(workspace / "out") == before
    assert not list((workspace / "out").glob(f"{WORK_PREFIX}*"))


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (children, grandchildren: forkserver workers, ffmpeg)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def wait_gone(pids: set[int], timeout_s: float = 10) -> bool:
    """True when none of `pids` runs any more (a zombie left for init to reap is gone)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        running = set()
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                running.add(pid)
        if not running:
            return True
        time.sleep(0.05)
    return False


def test_ffmpeg_dies_with_its_parent(tmp_path: Path):
    """An ffmpeg child used to outlive its killed parent by seconds (here: 60 s)."""
    out = tmp_path / "long.wav"  # to a file, silently: no broken pipe would stop it
    script = ("from bulletin.ffmpeg import run_ffmpeg\n"
              "run_ffmpeg(['-nostats', '-re', '-f', 'lavfi', '-i', 'anullsrc=d=60', "
              f"'-y', {str(out)!r}])\n")
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not (family := {pid for pid in descendants(proc.pid) if b"anullsrc" in cmdline(pid)}):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    try:
        assert wait_gone(family, timeout_s=5)
    finally:
        for pid in family:  # on failure, do not leave it running for a minute
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _ctrl_c_as_in_a_terminal() -> None:
    """A suite started in the background (`cmd &`, nohup) hands its children SIGINT ignored,
    and Python then keeps it ignored, as it should; the build under test gets it back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_long_build(root: Path) -> tuple[subprocess.Popen[str], Path]:
    """A build of a long article, returned once its work folder exists."""
    (root / "long.txt").write_text(LONG, encoding="utf-8")
    out = root / "out"
    proc = subprocess.Popen(cmd("build", "long.txt", "-o", "out"), cwd=root, env=env(root),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_ctrl_c_as_in_a_terminal)
    deadline = time.monotonic() + 60
    while len(list(out.glob(f"{WORK_PREFIX}*/sentence-*.wav"))) < 3:  # voicing, workers up
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return proc, out


@pytest.mark.slow  # three builds stopped early, about 2 s each
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_build_leaves_nothing_behind(workspace: Path, sig: signal.Signals):
    before = visible(workspace / "out")
    proc, out = start_long_build(workspace)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig, err
    assert err.strip().splitlines() == [
        f"bulletin: interrupted by {sig.name}; the episode being built was not published"]
    assert not list(out.glob(f"{WORK_PREFIX}*"))
    assert visible(out) == before


@pytest.mark.slow  # one build killed, one up-to-date build: about 3 s
def test_the_work_folder_of_a_killed_build_is_swept_by_the_next_build(workspace: Path):
    proc, out = start_long_build(workspace)
    family = descendants(proc.pid)
    proc.kill()
    proc.communicate(timeout=30)  # every pipe closed: nothing it started still runs
    assert wait_gone(family), "processes outlived the killed build"
    assert list(out.glob(f"{WORK_PREFIX}*")), "kill -9 leaves its work folder"
    code, err = build("good.txt")
    assert code == 0 and "up to date" in err
    assert not list(out.glob(f"{WORK_PREFIX}*"))
