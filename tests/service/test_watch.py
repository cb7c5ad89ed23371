"""The hot folder: complete files only, each built once, outcomes sorted into done/ and failed/.

Cost: about 22 one-second builds on 2 worker processes (~12 s on an idle machine).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bulletin.publish import catalog
from bulletin.service.submit import Service
from bulletin.service.watch import DONE, FAILED, PROCESSING, Inbox

from .conftest import Workers, make_service, write_config

pytestmark = pytest.mark.slow


@dataclass
class HotFolder:
    folder: Path
    service: Service

    def inbox(self) -> Inbox:
        """A fresh watcher, as after a restart: it remembers nothing but the folders."""
        return Inbox(self.folder, self.service, self.service.config.service.watch_settle_s)


@pytest.fixture(scope="module")
def hot(tmp_path_factory: pytest.TempPathFactory, jingle: Path, cover: Path) -> Iterator[HotFolder]:
    root = tmp_path_factory.mktemp("watch")
    config = write_config(root, jingle, cover)
    out = root / "out"
    workers = Workers(out, config, "embedded", jobs=2)
    try:
        yield HotFolder(root / "inbox", make_service(out, config, "embedded"))
    finally:
        workers.stop()


def scan_until(inbox: Inbox, done: Callable[[], bool], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "the inbox did not settle in time"
        inbox.scan()
        time.sleep(0.1)


def test_a_binary_file_lands_in_failed_with_its_reason(hot: HotFolder):
    inbox = hot.inbox()
    (hot.folder / "garbage.txt").write_bytes(b"PK\x03\x04" + bytes(300))  # a zip, renamed
    (hot.folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" * 100)
    failed = hot.folder / FAILED
    scan_until(inbox, lambda: (failed / "photo.jpg").exists() and (failed / "garbage.txt").exists(),
               timeout_s=10)
    assert "ZIP archive" in (failed / "garbage.txt.error.txt").read_text("utf-8")
    assert "not an article file" in (failed / "photo.jpg.error.txt").read_text("utf-8")
    assert not list((hot.folder / PROCESSING).iterdir())


def test_a_slowly_written_file_is_built_once_after_it_is_complete(hot: HotFolder):
    inbox = hot.inbox()
    path = hot.folder / "slow-story.txt"
    pieces = ["धीमी ख़बर\n\n", "पहला वाक्य आया। ", "दूसरा वाक्य आया। ", "आख़िरी वाक्य आया।\n"]
    for piece in pieces:  # each pause is shorter than the settle time
        with path.open("a", encoding="utf-8") as f:
            f.write(piece)
        for _ in range(3):
            inbox.scan()
            assert path.exists(), "taken before it was complete"
            time.sleep(0.1)
    done = hot.folder / DONE / "slow-story.txt"
    scan_until(inbox, done.exists, timeout_s=300)
    assert done.read_text("utf-8") == "".join(pieces)
    jobs = [j for j in hot.service.store.all() if j.article_id == "slow-story"]
    assert len(jobs) == 1 and jobs[0].attempts == 1
    (episode,) = [e for e in catalog.load(hot.service.out_dir) if e.slug == "slow-story"]
    assert episode.description.endswith("आख़िरी वाक्य आया।")


def test_twenty_files_at_once_make_twenty_episodes_across_a_restart(hot: HotFolder):
    names = [f"drop-{n}.txt" for n in range(20)]
    for n, name in enumerate(names):
        (hot.folder / name).write_text(f"ख़बर {n}\n\nआज {n} लोग आए।\n", encoding="utf-8")
    first = hot.inbox()
    scan_until(first, lambda: not any((hot.folder / n).exists() for n in names), timeout_s=20)
    second = hot.inbox()  # the watcher restarts while the jobs run: nothing is submitted twice
    scan_until(second, lambda: all((hot.folder / DONE / n).exists() for n in names), timeout_s=600)
    slugs = [e.slug for e in catalog.load(hot.service.out_dir)]
    assert sorted(s for s in slugs if s.startswith("drop-")) == sorted(n[:-4] for n in names)
    jobs = [j for j in hot.service.store.all() if j.article_id.startswith("drop-")]
    assert len(jobs) == 20 and all(j.state == "done" and j.attempts == 1 for j in jobs)
    assert not list((hot.folder / PROCESSING).iterdir())
    (hot.folder / names[0]).write_text("ख़बर 0\n\nआज 0 लोग आए।\n", encoding="utf-8")
    scan_until(second, lambda: (hot.folder / DONE / "drop-0-2.txt").exists(), timeout_s=20)
    assert len([j for j in hot.service.store.all() if j.article_id == "drop-0"]) == 1
