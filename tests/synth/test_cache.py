"""The segment cache: only edited sentences are spoken again; LRU under a cap; shared safely."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
import sys
import textwrap
import time

import pytest

from bulletin.models import Pcm
from bulletin.synth import SegmentCache, default_cache_dir, voice_script
from bulletin.synth.cache import SUBDIR
from testkit.speech import SENTENCES, make_script

from .conftest import espeak

SETTINGS = espeak(jobs=1)


def clip_paths(v):
    return [c.path for s in v.segments for p in s.paragraphs for c in p]


def test_an_edited_sentence_is_the_only_one_spoken_again(tmp_path, counting):
    original = make_script([list(SENTENCES[1:3]), list(SENTENCES[3:])])
    cold = voice_script(original, SETTINGS, workdir=tmp_path / "a", cache_dir=tmp_path / "c")
    assert (cold.synthesized, cold.from_cache) == (5, 0)

    edited_text = SENTENCES[3].replace("कुछ समय", "लंबे समय")
    edited = make_script([list(SENTENCES[1:3]), [edited_text, SENTENCES[4]]])
    counting.clear()
    warm = voice_script(edited, SETTINGS, workdir=tmp_path / "b", cache_dir=tmp_path / "c")
    assert counting["espeak"].calls == [edited_text]
    assert (warm.synthesized, warm.from_cache) == (1, 4)
    # clips live in the workdir (hard links), not only in the cache
    assert all(p.parent == tmp_path / "b" and p.stat().st_size > 1000 for p in clip_paths(warm))


def test_settings_are_part_of_the_key(tmp_path, counting):
    script = make_script([[SENTENCES[2]]])
    voice_script(script, SETTINGS, workdir=tmp_path / "a", cache_dir=tmp_path / "c")
    faster = espeak(jobs=1, rate_wpm=170)
    v = voice_script(script, faster, workdir=tmp_path / "b", cache_dir=tmp_path / "c")
    assert v.from_cache == 0 and v.synthesized == 2


def test_no_cache_touches_nothing(tmp_path, counting):
    script = make_script([[SENTENCES[2]]])
    off = espeak(jobs=1, cache=False)
    for run in ("a", "b"):
        v = voice_script(script, off, workdir=tmp_path / run, cache_dir=tmp_path / "c")
        assert v.from_cache == 0
    assert not (tmp_path / "c").exists()


def test_eviction_drops_least_recently_used_first_and_respects_the_cap(tmp_path):
    cache = SegmentCache(tmp_path, max_bytes=3 * 48_044)  # three one-second 24 kHz entries
    second = Pcm(b"\1\0" * 24_000, 24_000)
    keys = [SegmentCache.key("test", str(i)) for i in range(5)]
    for age, key in enumerate(keys):
        path = cache.put(key, second)
        os.utime(path, (time.time() - 100 + age, time.time() - 100 + age))
    assert cache.get(keys[0]) is not None  # a hit makes the oldest the newest
    assert cache.evict(keep={keys[1]}) == 2  # keys[1] is in use by this build: spared
    assert [cache.get(k) is not None for k in keys] == [True, True, False, False, True]
    stats = cache.stats()
    assert stats.entries == 3 and stats.size_bytes <= cache.max_bytes
    assert stats.path == tmp_path / SUBDIR
    assert cache.clear() == 3 and cache.stats().entries == 0


def test_a_build_larger_than_the_cap_keeps_its_own_clips(tmp_path):
    tiny = espeak(jobs=1, cache_max_mb=0)
    v = voice_script(make_script([list(SENTENCES)]), tiny, workdir=tmp_path / "w",
                     cache_dir=tmp_path / "c")
    assert all(p.is_file() for p in clip_paths(v))
    assert SegmentCache(tmp_path / "c", max_bytes=0).stats().entries == 5


def test_two_processes_sharing_the_cache_both_succeed(tmp_path):
    program = textwrap.dedent("""
        import sys
        from pathlib import Path
        from bulletin.synth import voice_script
        from testkit.speech import SENTENCES, make_script
        from tests.synth.conftest import espeak
        script = make_script([list(SENTENCES)] * 4)
        v = voice_script(script, espeak(jobs=1, cache_max_mb=1),
                         workdir=Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
        print(len([c for s in v.segments for p in s.paragraphs for c in p if c.path.is_file()]))
    """)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    procs = [
        subprocess.Popen([sys.executable, "-c", program, str(tmp_path / f"w{i}"),
                          str(tmp_path / "c")], cwd=repo, stdout=subprocess.PIPE, text=True)
        for i in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs == ["21", "21"]
    assert SegmentCache(tmp_path / "c", max_bytes=1 << 20).stats().entries == 5


def test_default_cache_dir_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "bulletin"


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_an_unusable_cache_is_one_warning_and_the_voicing_goes_on(
        tmp_path, counting, monkeypatch, caplog, failure):
    """#18: a full or read-only cache costs speed, never the episode."""
    script = make_script([list(SENTENCES[1:3])])
    cache = tmp_path / "c"

    def broken(path, *_args, **_kw):
        raise OSError(failure, os.strerror(failure), str(path))

    monkeypatch.setattr("bulletin.filecache.write_bytes_atomic", broken)
    with caplog.at_level(logging.WARNING, logger="bulletin"):
        v = voice_script(script, SETTINGS, workdir=tmp_path / "w", cache_dir=cache)
    assert v.synthesized == 3 and all(p.stat().st_size > 1000 for p in clip_paths(v))
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert str(cache) in warnings[0] and os.strerror(failure) in warnings[0]
    assert "\n" not in warnings[0]


def test_a_read_only_cache_still_serves_its_entries(tmp_path, counting, monkeypatch):
    script = make_script([list(SENTENCES[1:3])])
    voice_script(script, SETTINGS, workdir=tmp_path / "a", cache_dir=tmp_path / "c")

    def read_only(*_args, **_kw):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("bulletin.filecache.os.utime", read_only)
    v = voice_script(script, SETTINGS, workdir=tmp_path / "b", cache_dir=tmp_path / "c")
    assert (v.from_cache, v.synthesized) == (3, 0)
