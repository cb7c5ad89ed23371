"""The catalog under change: replace, remove, retention, concurrency, covers, bad input."""

from __future__ import annotations

import dataclasses
import errno
import io
import json
import multiprocessing
import os
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from bulletin.errors import ConfigError, PublishError
from bulletin.models import Episode
from bulletin.publish import catalog, cover, publish
from bulletin.publish.settings import PublishSettings, ShowSettings

from .conftest import T0, MakeEpisode, clock


def enclosures(out: Path) -> list[str]:
    return etree.parse(str(out / "feed.xml")).xpath("//item/enclosure/@url")


def names(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")}


def test_new_slug_adds_and_find_reads_it(tmp_path: Path, make_episode: MakeEpisode,
                                          show: ShowSettings, settings: PublishSettings):
    assert catalog.find(tmp_path, "a") is None  # no catalog yet
    ep = make_episode(tmp_path, "a")
    (result,) = publish(tmp_path, show, settings, add=ep, clock=clock)
    assert result == ep
    assert catalog.find(tmp_path, "a") == ep
    assert catalog.find(tmp_path, "b") is None
    assert {"feed.xml", "index.html"} <= names(tmp_path)


def test_replace_keeps_guid_and_date_and_swaps_files(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings):
    first = make_episode(tmp_path, "story", version="1", published=T0)
    publish(tmp_path, show, settings, add=first, clock=clock)
    old_url, = enclosures(tmp_path)
    fixed = dataclasses.replace(
        make_episode(tmp_path, "story", version="2", published=T0 + timedelta(hours=5),
                     title="सुधार"), guid="urn:other")
    (after,) = publish(tmp_path, show, settings, add=fixed, clock=clock)
    assert after.guid == first.guid and after.published == first.published
    assert after.title == "सुधार" and after.files == fixed.files
    new_url, = enclosures(tmp_path)
    assert new_url != old_url
    for f in first.files:
        assert not (tmp_path / f.name).exists()
    for f in fixed.files:
        assert (tmp_path / f.name).exists()
    guids = etree.parse(str(tmp_path / "feed.xml")).xpath("//item/guid/text()")
    assert guids == [first.guid]


def test_identical_rebuild_keeps_its_files(tmp_path: Path, make_episode: MakeEpisode,
                                           show: ShowSettings, settings: PublishSettings):
    ep = make_episode(tmp_path, "same")
    publish(tmp_path, show, settings, add=ep, clock=clock)
    publish(tmp_path, show, settings, add=make_episode(tmp_path, "same"), clock=clock)
    assert all((tmp_path / f.name).exists() for f in ep.files)


def test_remove_by_slug_or_guid_deletes_files(tmp_path: Path, make_episode: MakeEpisode,
                                              show: ShowSettings, settings: PublishSettings):
    a, b, c = (make_episode(tmp_path, s, published=T0 + timedelta(days=i))
               for i, s in enumerate("abc"))
    for ep in (a, b, c):
        publish(tmp_path, show, settings, add=ep, clock=clock)
    left = publish(tmp_path, show, settings, remove=("a", c.guid), clock=clock)
    assert left == (b,)
    assert not any((tmp_path / f.name).exists() for f in a.files + c.files)
    assert len(enclosures(tmp_path)) == 1


def test_unknown_id_changes_nothing(tmp_path: Path, make_episode: MakeEpisode,
                                    show: ShowSettings, settings: PublishSettings):
    publish(tmp_path, show, settings, add=make_episode(tmp_path, "a"), clock=clock)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with pytest.raises(PublishError, match="no episode 'nope'"):
        publish(tmp_path, show, settings, remove=("a", "nope"), clock=clock)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_retention_prunes_oldest_with_files(tmp_path: Path, make_episode: MakeEpisode,
                                            show: ShowSettings):
    keep2 = PublishSettings(max_episodes=2)
    eps = [make_episode(tmp_path, f"e{i}", published=T0 + timedelta(days=i)) for i in range(4)]
    for ep in eps:
        result = publish(tmp_path, show, keep2, add=ep, clock=clock)
    assert [e.slug for e in result] == ["e3", "e2"]
    for old in eps[:2]:
        assert not any((tmp_path / f.name).exists() for f in old.files)
    assert len(enclosures(tmp_path)) == 2


def test_files_other_episodes_reference_are_never_deleted(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings):
    a = make_episode(tmp_path, "a")
    b = make_episode(tmp_path, "b", published=T0 + timedelta(days=1))
    b = dataclasses.replace(b, files=(*b.files, a.file("vtt")))  # shares a's transcript
    publish(tmp_path, show, settings, add=a, clock=clock)
    publish(tmp_path, show, settings, add=b, clock=clock)
    publish(tmp_path, show, settings, remove=("a",), clock=clock)
    assert (tmp_path / a.file("vtt").name).exists()
    assert not (tmp_path / a.file("mp3").name).exists()


@pytest.mark.parametrize("damage", ["missing", "size", "unsafe", "no-mp3", "image"])
def test_bad_episode_is_refused_before_anything_changes(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings,
        damage: str):
    ep = make_episode(tmp_path, "bad")
    mp3 = ep.file("mp3")
    if damage == "missing":
        (tmp_path / mp3.name).unlink()
    elif damage == "size":
        ep = dataclasses.replace(ep, files=(dataclasses.replace(mp3, size_bytes=1),))
    elif damage == "unsafe":
        ep = dataclasses.replace(ep, files=(dataclasses.replace(mp3, name="../x.mp3"),))
    elif damage == "no-mp3":
        ep = dataclasses.replace(ep, files=ep.files[1:])
    else:
        ep = dataclasses.replace(ep, image="photo.webp")
    with pytest.raises(PublishError):
        publish(tmp_path, show, settings, add=ep, clock=clock)
    assert not (tmp_path / "feed.xml").exists() and not (tmp_path / ".catalog.json").exists()


def test_duplicate_guid_for_another_slug_is_refused(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings):
    publish(tmp_path, show, settings, add=make_episode(tmp_path, "a"), clock=clock)
    twin = dataclasses.replace(make_episode(tmp_path, "b"), guid="urn:bulletin:a")
    with pytest.raises(PublishError, match="guid"):
        publish(tmp_path, show, settings, add=twin, clock=clock)


@pytest.mark.parametrize("content", [
    "{not json", json.dumps({"format": "other", "version": 1, "episodes": []}),
    "PATH_ESCAPE",
])
def test_damaged_or_tampered_catalog_is_a_clear_error(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings,
        content: str):
    ep = make_episode(tmp_path, "a")
    publish(tmp_path, show, settings, add=ep, clock=clock)
    if content == "PATH_ESCAPE":  # a catalog that would make us delete outside the folder
        data = json.loads((tmp_path / ".catalog.json").read_text())
        data["episodes"][0]["files"][0]["name"] = "../../victim.mp3"
        content = json.dumps(data)
    (tmp_path / ".catalog.json").write_text(content)
    with pytest.raises(PublishError, match="damaged"):
        publish(tmp_path, show, settings, remove=("a",), clock=clock)
    with pytest.raises(PublishError, match="damaged"):
        catalog.find(tmp_path, "a")


def test_max_episodes_below_one_is_a_config_error(tmp_path: Path, show: ShowSettings):
    with pytest.raises(ConfigError):
        publish(tmp_path, show, PublishSettings(max_episodes=0), clock=clock)


def test_unwritable_folder_is_a_publish_error(tmp_path: Path, show: ShowSettings,
                                              settings: PublishSettings):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(PublishError, match="cannot update"):
        publish(blocker / "out", show, settings, clock=clock)


# ---------------------------------------------------------------- cover


def png(tmp_path: Path, size: tuple[int, int], mode: str = "RGB", fmt: str = "PNG") -> Path:
    path = tmp_path / f"cover-in.{fmt.lower()}"
    Image.new(mode, size, "red" if mode != "L" else 128).save(path, format=fmt)
    return path


def test_configured_cover_is_copied_and_a_new_one_replaces_it(
        tmp_path: Path, show: ShowSettings, settings: PublishSettings):
    out = tmp_path / "out"
    publish(out, show, settings, clock=clock)
    (generated,) = [n for n in names(out) if n.startswith("cover-")]
    jpg = png(tmp_path, (1500, 1500), fmt="JPEG")
    publish(out, dataclasses.replace(show, cover=jpg), settings, clock=clock)
    (copied,) = [n for n in names(out) if n.startswith("cover-")]
    assert copied != generated and copied.endswith(".jpg")
    assert (out / copied).read_bytes() == jpg.read_bytes()
    href = etree.parse(str(out / "feed.xml")).xpath("//channel/*[local-name()='image']/@href")
    assert href == [show.base_url + copied]


def test_generated_cover_is_deterministic(tmp_path: Path, show: ShowSettings,
                                          settings: PublishSettings):
    publish(tmp_path / "a", show, settings, clock=clock)
    publish(tmp_path / "b", show, settings, clock=clock)
    assert names(tmp_path / "a") == names(tmp_path / "b")
    (name,) = [n for n in names(tmp_path / "a") if n.startswith("cover-")]
    with Image.open(io.BytesIO((tmp_path / "a" / name).read_bytes())) as im:
        assert (im.format, im.size, im.mode) == ("PNG", (1400, 1400), "RGB")


def test_generated_cover_is_drawn_once_into_the_cache(
        tmp_path: Path, show: ShowSettings, settings: PublishSettings,
        monkeypatch: pytest.MonkeyPatch):
    """The cache gives back the very bytes drawing would, and a hit draws nothing."""
    cache = tmp_path / "cache"

    def cover_of(out: Path) -> str:
        (name,) = [n for n in names(out) if n.startswith("cover-")]
        return name

    publish(tmp_path / "drawn", show, settings, clock=clock)
    publish(tmp_path / "stored", show, settings, clock=clock, cache_dir=cache)
    (entry,) = (cache / cover.CACHE_SUBDIR).iterdir()
    drawn = cover.generate_cover(show.title)
    assert entry.read_bytes() == drawn

    def no_drawing(title: str) -> bytes:
        raise AssertionError("a cached cover was drawn again")

    with monkeypatch.context() as patch:
        patch.setattr(cover, "generate_cover", no_drawing)
        publish(tmp_path / "read", show, settings, clock=clock, cache_dir=cache)
    assert cover_of(tmp_path / "drawn") == cover_of(tmp_path / "stored") == cover_of(
        tmp_path / "read")

    entry.write_bytes(drawn[: len(drawn) // 2])  # cut short (a full disk): drawn again
    assert cover.show_artwork(show, cache).data == drawn
    assert entry.read_bytes() == drawn
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert cover.show_artwork(show, blocker).data == drawn  # an unusable cache costs time only


@pytest.mark.parametrize(("size", "mode", "fmt", "match"), [
    ((1200, 1200), "RGB", "PNG", "square between"),
    ((1400, 1500), "RGB", "PNG", "square between"),
    ((3200, 3200), "RGB", "PNG", "square between"),
    ((1400, 1400), "RGBA", "PNG", "RGB"),
    ((1400, 1400), "L", "JPEG", "RGB"),
    ((1400, 1400), "RGB", "GIF", "PNG or JPEG"),
])
def test_unfit_cover_is_a_config_error(tmp_path: Path, show: ShowSettings,
                                       settings: PublishSettings, size, mode, fmt, match):
    show = dataclasses.replace(show, cover=png(tmp_path, size, mode, fmt))
    with pytest.raises(ConfigError, match=match):
        publish(tmp_path / "out", show, settings, clock=clock)


def test_missing_or_garbage_cover_is_a_config_error(tmp_path: Path, show: ShowSettings,
                                                    settings: PublishSettings):
    with pytest.raises(ConfigError, match="cannot read"):
        publish(tmp_path, dataclasses.replace(show, cover=tmp_path / "nope.png"), settings,
                clock=clock)
    (tmp_path / "junk.png").write_bytes(b"not an image")
    with pytest.raises(ConfigError, match="not a readable image"):
        publish(tmp_path, dataclasses.replace(show, cover=tmp_path / "junk.png"), settings,
                clock=clock)


# ---------------------------------------------------------------- concurrency

PROCESSES = 6


def _publish_in_child(out: str, show: ShowSettings, episodes: list[Episode], barrier) -> None:
    barrier.wait()
    for ep in episodes:
        publish(Path(out), show, PublishSettings(), add=ep, clock=clock)


def test_concurrent_publishers_all_land_exactly_once(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings):
    per_process = 2
    batches = [[make_episode(tmp_path, f"p{p}-e{i}", published=T0 + timedelta(minutes=p * 10 + i))
                for i in range(per_process)] for p in range(PROCESSES)]
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    procs = [ctx.Process(target=_publish_in_child, args=(str(tmp_path), show, batch, barrier))
             for batch in batches]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * PROCESSES
    slugs = sorted(e.slug for e in catalog.load(tmp_path))
    assert slugs == sorted(ep.slug for batch in batches for ep in batch)
    guids = etree.parse(str(tmp_path / "feed.xml")).xpath("//item/guid/text()")
    assert sorted(guids) == sorted({ep.guid for batch in batches for ep in batch})
    page = (tmp_path / "index.html").read_text()
    assert page.count("<audio ") == PROCESSES * per_process
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_full_disk_keeps_the_previous_feed(tmp_path: Path, make_episode: MakeEpisode,
                                           show: ShowSettings, settings: PublishSettings,
                                           monkeypatch: pytest.MonkeyPatch):
    publish(tmp_path, show, settings, add=make_episode(tmp_path, "a"), clock=clock)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    new = make_episode(tmp_path, "b", published=T0 + timedelta(days=1))
    before.update({f.name: (tmp_path / f.name).read_bytes() for f in new.files})

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "feed.xml"))

    monkeypatch.setattr("bulletin.publish.update.write_bytes_atomic", full)
    with pytest.raises(PublishError, match="No space left on device"):
        publish(tmp_path, show, settings, add=new, clock=clock)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    # The catalog (the source of truth) already has b; the feed and page are the old ones,
    # whose files all exist; the journal says what is left to do. The next publish does it.
    hidden = {".catalog.json", ".publish-journal.json"}
    assert {k: v for k, v in after.items() if k not in hidden} == \
        {k: v for k, v in before.items() if k not in hidden}
    assert (tmp_path / ".publish-journal.json").exists()
    monkeypatch.undo()
    publish(tmp_path, show, settings, clock=clock)
    assert len(enclosures(tmp_path)) == 2
    assert not (tmp_path / ".publish-journal.json").exists()


def test_staged_files_are_moved_in_under_the_lock(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings):
    """A build leaves its files in a private folder; publishing takes them in, and only then
    does the feed list them."""
    out, stage = tmp_path / "out", tmp_path / "out" / ".bulletin-work-x" / "stage"
    ep = make_episode(stage, "staged")
    publish(out, show, settings, add=ep, staged_in=stage, clock=clock)
    for f in ep.files:
        assert (out / f.name).stat().st_size == f.size_bytes
        assert not (stage / f.name).exists()
    assert enclosures(out) == [f"{show.base_url}{ep.file('mp3').name}"]


def test_missing_staged_file_publishes_nothing(
        tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings, settings: PublishSettings):
    out, stage = tmp_path / "out", tmp_path / "stage"
    publish(out, show, settings, add=make_episode(out, "first"), clock=clock)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    ep = make_episode(stage, "second")
    (stage / ep.file("vtt").name).unlink()
    with pytest.raises(PublishError, match="is missing"):
        publish(out, show, settings, add=ep, staged_in=stage, clock=clock)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_catalog_of_0_1_reads_its_article_hash(tmp_path: Path, make_episode: MakeEpisode,
                                                 show: ShowSettings, settings: PublishSettings):
    """0.1 called the parsed article's hash `source_sha256`; such catalogs still load."""
    publish(tmp_path, show, settings, add=make_episode(tmp_path, "a"), clock=clock)
    data = json.loads((tmp_path / ".catalog.json").read_text())
    record = data["episodes"][0]
    record["source_sha256"] = record.pop("article_sha256")
    (tmp_path / ".catalog.json").write_text(json.dumps(data))
    assert catalog.find(tmp_path, "a").article_sha256 == "0" * 64
