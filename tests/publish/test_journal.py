"""The publish journal and `heal`: whatever happens to a publish, the next one restores
files on disk = catalog = feed = page, and nothing published is lost or stranded (#18)."""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import functools
import os
import shutil
import signal
import traceback
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from lxml import html
from PIL import Image

from bulletin.errors import PublishError
from bulletin.models import Episode
from bulletin.publish import catalog, heal, publish, update
from bulletin.publish.journal import JOURNAL_NAME
from bulletin.publish.settings import PublishSettings, ShowSettings
from bulletin.workfolder import OWNER_LOCK, WORK_PREFIX

from .conftest import T0, MakeEpisode, clock

SETTINGS = PublishSettings()


@pytest.fixture(scope="module")
def cheap_show(tmp_path_factory: pytest.TempPathFactory, show: ShowSettings) -> ShowSettings:
    """A configured cover: drawing the generated one costs seconds, and this test publishes
    a hundred times."""
    cover = tmp_path_factory.mktemp("cover") / "cover.png"
    Image.new("RGB", (1400, 1400), "navy").save(cover)
    return dataclasses.replace(show, cover=cover)


def check_invariant(out: Path, show: ShowSettings) -> tuple[Episode, ...]:
    """Files on disk = catalog = feed = page, no journal, no temporary, no work folder."""
    episodes = catalog.load(out)
    listed = {f.name: f.size_bytes for e in episodes for f in e.files}
    on_disk = {p.name for p in out.iterdir() if update.EPISODE_FILE.fullmatch(p.name)
               and not p.name.startswith("cover-")}
    assert on_disk == set(listed), "files on disk differ from the catalog"
    for name, size in listed.items():
        assert (out / name).stat().st_size == size
    leftovers = [p.name for p in out.iterdir()
                 if p.name.endswith(".tmp") or p.name.startswith(WORK_PREFIX)
                 or p.name == JOURNAL_NAME]
    assert not leftovers, leftovers
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.id for e in feed.entries] == [e.guid for e in episodes]
    assert [e.enclosures[0].href.rsplit("/", 1)[1] for e in feed.entries] == \
        [e.file("mp3").name for e in episodes]
    page = html.fromstring((out / "index.html").read_bytes())
    assert page.xpath("//li[contains(@class, 'episode')]/@id") == [e.slug for e in episodes]
    return episodes


def staged_episode(out: Path, make_episode: MakeEpisode, slug: str, **kw: object
                   ) -> tuple[Episode, Path]:
    """An episode's files in a build's work folder (no owner lock yet), as a build leaves them."""
    work = out / f"{WORK_PREFIX}{slug}"
    return make_episode(work / "stage", slug, **kw), work / "stage"


def lock(work: Path) -> int:
    """Own `work` as a build does: an flock on its owner lock, held while the fd is open."""
    fd = os.open(work / OWNER_LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def files_of(out: Path, episode: Episode) -> bool:
    return all((out / f.name).is_file() for f in episode.files)


# ---------------------------------------------------------------- fault injection


class Faults:
    """Counts the file-system steps of a publish in the output folder (each rename: a move,
    the journal, catalog, feed and page; each unlink: a deleted file, the journal cleared)
    and fails step `at` with ENOSPC or a kill -9."""

    def __init__(self, out: Path, at: int = -1, fault: str = "") -> None:
        self.out, self.at, self.fault, self.steps = out, at, fault, 0
        self.real_replace, self.real_unlink = os.replace, os.unlink

    def _step(self, target: object, can_fill_disk: bool) -> None:
        path = Path(os.fsdecode(target))  # type: ignore[arg-type]
        if path.parent != self.out or path.name.endswith((".lock", ".tmp")):
            return
        if self.steps == self.at:
            if self.fault == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            if can_fill_disk:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        self.steps += 1

    def replace(self, src: object, dst: object, **kw: object) -> None:
        self._step(dst, can_fill_disk=True)
        self.real_replace(src, dst, **kw)  # type: ignore[arg-type]

    def unlink(self, path: object, **kw: object) -> None:
        self._step(path, can_fill_disk=False)
        self.real_unlink(path, **kw)  # type: ignore[arg-type]

    def install(self) -> None:
        os.replace, os.unlink = self.replace, self.unlink  # type: ignore[assignment]


def in_child(job: Callable[[], None]) -> int:
    """Run `job` in a forked child (a kill -9 there is a real one); its exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns into pytest
        code = 0
        try:
            job()
        except BaseException:
            traceback.print_exc()
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def build_and_publish(out: Path, show: ShowSettings, episode: Episode, stage: Path,
                      faults: Faults | None) -> None:
    """What `bulletin build` does around publish: own the work folder, publish, discard it."""
    work = stage.parent
    owner = lock(work)
    if faults is not None:
        faults.install()
    try:
        publish(out, show, SETTINGS, add=episode, staged_in=stage, clock=clock)
    except PublishError as e:
        assert "No space left on device" in str(e) and str(out) in str(e)
    finally:  # a kill -9 never gets here, so the work folder stays behind, unowned
        os.replace, os.unlink = Faults(out).real_replace, Faults(out).real_unlink
        shutil.rmtree(work)
        os.close(owner)


def count_steps(tmp: Path, make_episode: MakeEpisode, show: ShowSettings, scenario: str) -> int:
    out = scenario_folder(tmp / "count", make_episode, show)
    episode, stage = scenario_episode(out, make_episode, scenario)
    faults = Faults(out)
    faults.install()
    try:
        publish(out, show, SETTINGS, add=episode, staged_in=stage, clock=clock)
    finally:
        os.replace, os.unlink = faults.real_replace, faults.real_unlink
    return faults.steps


def scenario_folder(out: Path, make_episode: MakeEpisode, show: ShowSettings) -> Path:
    """An output folder that already publishes two episodes."""
    for i, slug in enumerate(("purana", "doosra")):
        ep, stage = staged_episode(out, make_episode, slug, published=T0 + timedelta(hours=i))
        publish(out, show, SETTINGS, add=ep, staged_in=stage, clock=clock)
        shutil.rmtree(stage.parent)
    return out


def scenario_episode(out: Path, make_episode: MakeEpisode, scenario: str
                     ) -> tuple[Episode, Path]:
    if scenario == "add":  # a new story
        return staged_episode(out, make_episode, "naya", published=T0 + timedelta(days=1))
    # a corrected story: new files replace the old ones, which are deleted last
    return staged_episode(out, make_episode, "purana", version="2", title="सुधार")


@pytest.mark.slow  # 44 faulty publishes and their repairs: 5-15 s
@pytest.mark.parametrize("scenario", ["add", "replace"])
def test_every_step_of_a_publish_survives_enospc_and_kill(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings, scenario: str):
    show = cheap_show
    steps = count_steps(tmp_path, make_episode, show, scenario)
    # journal, 4 moves, catalog, feed, page, (4 old files deleted), journal cleared
    assert steps == {"add": 9, "replace": 13}[scenario]
    cases = 0
    template = scenario_folder(tmp_path / "template", make_episode, show)
    for at in range(steps):
        for fault in ("enospc", "kill"):
            out = tmp_path / f"{at}-{fault}"
            shutil.copytree(template, out)
            before = {e.slug: e for e in catalog.load(out)}
            episode, stage = scenario_episode(out, make_episode, scenario)
            job = functools.partial(build_and_publish, out, show, episode, stage,
                                    Faults(out, at, fault))
            status = in_child(job)
            assert status == (-signal.SIGKILL if fault == "kill" else 0), (at, fault)
            # the next build of any article: one that is up to date (heal), or another story
            if at % 2:
                heal(out, show, clock=clock)
            else:
                other, other_stage = staged_episode(out, make_episode, f"agla-{at}",
                                                    published=T0 + timedelta(days=2))
                publish(out, show, SETTINGS, add=other, staged_in=other_stage, clock=clock)
                heal(out, show, clock=clock)  # the build's own folder is its to discard
                shutil.rmtree(other_stage.parent)
                heal(out, show, clock=clock)
            after = {e.slug: e for e in check_invariant(out, show)}
            # nothing lost: every story published before is still there, with its files
            assert set(before) <= set(after), (at, fault)
            new = after.get(episode.slug)
            if new is not None and new.files == episode.files:
                assert files_of(out, episode)  # the publish was finished
            else:  # or undone: the old version (if any) is intact
                assert new == before.get(episode.slug), (at, fault)
            cases += 1
    assert cases == 2 * steps


def test_journal_is_written_before_anything_moves(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings,
        monkeypatch: pytest.MonkeyPatch):
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    episode, stage = staged_episode(out, make_episode, "naya")
    seen = []
    real = os.replace

    def spy(src: object, dst: object, **kw: object) -> None:
        seen.append((Path(os.fsdecode(dst)).name, (out / JOURNAL_NAME).exists()))  # type: ignore[arg-type]
        real(src, dst, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    publish(out, cheap_show, SETTINGS, add=episode, staged_in=stage, clock=clock)
    moves = [has_journal for name, has_journal in seen if name in {f.name for f in episode.files}]
    assert moves and all(moves)
    assert not (out / JOURNAL_NAME).exists()


# ---------------------------------------------------------------- heal


def test_heal_rewrites_a_stale_feed_and_page(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings):
    """Defect 2: the catalog was written, the feed and page were not (ENOSPC or a kill)."""
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    old_feed, old_page = (out / "feed.xml").read_bytes(), (out / "index.html").read_bytes()
    episode, stage = staged_episode(out, make_episode, "naya", published=T0 + timedelta(days=1))
    publish(out, cheap_show, SETTINGS, add=episode, staged_in=stage, clock=clock)
    shutil.rmtree(stage.parent)
    (out / "feed.xml").write_bytes(old_feed)  # as if the writes after the catalog failed
    (out / "index.html").write_bytes(old_page)
    (out / ".index.html.x1y2.tmp").write_text("half a page")
    heal(out, cheap_show, clock=clock)
    assert [e.slug for e in check_invariant(out, cheap_show)] == ["naya", "doosra", "purana"]


def test_heal_leaves_a_sound_folder_untouched(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings):
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    heal(out, cheap_show, clock=clock)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_heal_follows_changed_show_settings(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings):
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    moved = dataclasses.replace(cheap_show, base_url="https://news.example.org/podcast/")
    heal(out, moved, clock=clock)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert all(e.enclosures[0].href.startswith(moved.base_url) for e in feed.entries)


def test_heal_removes_unlisted_episode_files_but_nothing_else(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings):
    """Defect 1: files a failed publish (of bulletin 0.1) moved in, which the feed never listed."""
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    stranded = make_episode(out, "atka", published=T0 + timedelta(days=3))
    (out / "notes.txt").write_text("the desk's own file")
    (out / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    heal(out, cheap_show, clock=clock)
    assert not any((out / f.name).exists() for f in stranded.files)
    assert (out / "notes.txt").exists() and (out / "photo.jpg").exists()
    check_invariant(out, cheap_show)


def test_work_folder_of_a_dead_build_is_swept_a_live_ones_kept(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings):
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    live, dead = out / f"{WORK_PREFIX}live", out / f"{WORK_PREFIX}dead"
    for work in (live, dead):
        (work / "stage").mkdir(parents=True)
        (work / "voice.f32").write_bytes(bytes(1000))
    owner = lock(live)

    def die_holding_the_lock() -> None:
        lock(dead)  # the child exits without unlocking: the kernel drops its lock

    try:
        assert in_child(die_holding_the_lock) == 0
        heal(out, cheap_show, clock=clock)
        assert live.is_dir() and not dead.exists()
    finally:
        os.close(owner)


def test_a_damaged_journal_is_a_clear_error(
        tmp_path: Path, make_episode: MakeEpisode, cheap_show: ShowSettings):
    out = scenario_folder(tmp_path / "out", make_episode, cheap_show)
    (out / JOURNAL_NAME).write_text('{"format": "bulletin-publish-journal", "version": 1, '
                                    '"staged_in": null, "moves": ["../../etc/passwd"], '
                                    '"episodes": [], "delete": []}')
    with pytest.raises(PublishError, match="journal is damaged"):
        heal(out, cheap_show, clock=clock)


def test_heal_of_an_empty_folder_writes_nothing(tmp_path: Path, cheap_show: ShowSettings):
    heal(tmp_path, cheap_show, clock=clock)
    assert list(tmp_path.iterdir()) == []


def test_a_dead_build_in_a_folder_never_published_to_is_swept(
        tmp_path: Path, cheap_show: ShowSettings):
    """The very first build was killed: no catalog yet, but its work folder must still go."""
    dead = tmp_path / f"{WORK_PREFIX}first"
    dead.mkdir()

    def die_holding_the_lock() -> None:
        lock(dead)

    assert in_child(die_holding_the_lock) == 0
    heal(tmp_path, cheap_show, clock=clock)
    assert not dead.exists() and not (tmp_path / "feed.xml").exists()
