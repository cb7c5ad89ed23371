"""Stretches: cut in silence on MP3 frames, each a function of its own content, so an edit
re-encodes only its stretch and a cached stretch is the very MP3 a fresh encode makes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bulletin.mix import mix_episode, mixer, stretches
from bulletin.mix.mp3join import FRAME_SAMPLES
from bulletin.mix.settings import AudioSettings, Jingles
from bulletin.mix.timeline import Layout, Placed
from testkit.audio import make_voicing

SETTINGS = AudioSettings()
SHAPE = [[[2.0]], [[1.5, 2.0], [1.2]], [[0.8], [1.6, 1.0]], [[1.1], [0.9]]]


def layout_of(sentences: list[tuple[int, int]], jingles=(), length=None, bed_end=0) -> Layout:
    placed = tuple(Placed(a, n) for a, n in sentences)
    end = length or max(p.end for p in placed) + 10_000
    return Layout(end, placed, tuple(jingles), ((0, end),), placed[:1], bed_end)


def test_seams_fall_on_frames_in_silence_and_pauses_grow_by_less_than_a_frame():
    layout = layout_of([(1000, 50_000), (71_000, 30_000), (120_000, 40_000)])
    moved, spans = stretches.cut(layout, [0, 1, 2], [0, 1, 2], 44_100, bed=False)
    assert [s.last for s in spans] == [False, False, True]
    for span, before, after in zip(spans, moved.sentences, moved.sentences[1:], strict=False):
        assert span.end % FRAME_SAMPLES == 0
        assert before.end + stretches.TAIL <= span.end <= after.start - stretches.GUARD
    grown = [b.start - a.start - (d.start - c.start) for a, b, c, d in
             zip(layout.sentences, layout.sentences[1:], moved.sentences, moved.sentences[1:],
                 strict=False)]
    assert all(-FRAME_SAMPLES < g <= 0 for g in grown)  # moved later by under a frame


def test_no_seam_where_the_bed_or_a_jingle_sounds_or_the_pause_is_too_short():
    short = layout_of([(0, 50_000), (50_000 + stretches.TAIL, 30_000)])
    assert len(stretches.cut(short, [0, 1], [0, 1], 44_100, bed=False)[1]) == 1
    bed = layout_of([(0, 50_000), (90_000, 30_000)], bed_end=90_000)
    assert len(stretches.cut(bed, [0, 1], [0, 1], 44_100, bed=True)[1]) == 1
    sting = layout_of([(0, 50_000), (90_000, 30_000)], jingles=[Placed(52_000, 37_000, "sting")])
    assert len(stretches.cut(sting, [0, 1], [0, 1], 44_100, bed=False)[1]) == 1


def test_within_a_segment_a_stretch_ends_at_a_paragraph_only_after_its_minimum():
    rate = 1000  # a small rate keeps the numbers readable: MIN_STRETCH_S is 20 000 samples
    paragraphs = [(0, 5_000), (10_000, 5_000), (30_000, 5_000), (40_000, 5_000)]
    layout = layout_of(paragraphs, length=60_000)
    _, spans = stretches.cut(layout, [0, 1, 2, 3], [3], rate, bed=False)
    assert len(spans) == 2  # one cut, after the paragraph that passes 20 s


@pytest.fixture
def encodes(monkeypatch):
    calls = []
    real = mixer._Job.encode

    def counted(self, *args, **kwargs):
        calls.append(self.span)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(mixer._Job, "encode", counted)
    return calls


def test_an_edit_re_encodes_only_its_stretch_and_the_cache_gives_a_fresh_encodes_bytes(
        tmp_path, encodes):
    cache = tmp_path / "cache"
    first = mix_episode(make_voicing(tmp_path / "a", SHAPE), SETTINGS, tmp_path / "1",
                        cache_dir=cache)
    n = len(encodes)
    assert n >= 3
    edited_shape = [SHAPE[0], [[1.5, 2.4], [1.2]], *SHAPE[2:]]  # a longer sentence early on
    edited = make_voicing(tmp_path / "b", edited_shape)
    again = mix_episode(edited, SETTINGS, tmp_path / "2", cache_dir=cache)
    assert len(encodes) - n == 1  # the stretches after it moved, but sound the same
    assert again.duration_ms > first.duration_ms
    fresh = mix_episode(edited, SETTINGS, tmp_path / "3")  # no cache: everything encoded
    assert fresh.encoded.read_bytes() == again.encoded.read_bytes()
    assert replace(fresh, encoded=again.encoded) == again
    before = len(encodes)
    mix_episode(edited, SETTINGS, tmp_path / "4", cache_dir=cache)
    assert len(encodes) == before  # unchanged: nothing encoded


def test_a_master_wav_from_cached_stretches_is_the_one_a_fresh_build_writes(tmp_path, encodes):
    settings = replace(SETTINGS, wav=True, jingles=Jingles(music_bed=True))
    voicing = make_voicing(tmp_path / "a", SHAPE)
    cached = mix_episode(voicing, settings, tmp_path / "1", cache_dir=tmp_path / "c")
    n = len(encodes)
    again = mix_episode(voicing, settings, tmp_path / "2", cache_dir=tmp_path / "c")
    assert n and len(encodes) == n  # every stretch from the cache, rendered but not encoded
    assert again.master is not None and cached.master is not None
    assert again.master.read_bytes() == cached.master.read_bytes()
    assert again.encoded.read_bytes() == cached.encoded.read_bytes()
