"""The exported files, measured as an app would: decode, loudness, tags, chapters, transcripts."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import stat
import wave
from datetime import datetime

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3, CTOCFlags
from PIL import Image

from bulletin.artwork import Artwork
from bulletin.errors import AudioError
from bulletin.export import Tags, export_episode
from bulletin.export.sidecars import timestamp
from bulletin.files import sha256_file
from bulletin.mix import mix_episode
from bulletin.mix.settings import AudioSettings, Jingles
from testkit.audio import decode, make_voicing, true_peak_dbtp

SHAPE = [[[2.0]], [[1.5, 2.0], [1.2]], [[0.8], [1.6, 1.0]]]
PADDING = ((0.05, 0.2), (0.6, 0.9), (0.3, 0.05), (0.0, 0.5))
SETTINGS = AudioSettings(wav=True, jingles=Jingles(music_bed=True))
RATE = SETTINGS.sample_rate_hz
DESCRIPTION = "रूसी राष्ट्रपति पुतिन सोमवार को भारत दौरे पर आए। " * 12  # longer than a tag line


@pytest.fixture(scope="module")
def episode(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    voicing = make_voicing(folder / "clips", SHAPE, padding=PADDING, floor_dbfs=-60.0)
    mix = mix_episode(voicing, SETTINGS, folder / "work")
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(png, format="PNG")
    tags = Tags(
        title="भारत दौरे पर पुतिन", show="दैनिक बुलेटिन", artist="संवाददाता",
        date=datetime(2025, 12, 6, 9, 30), description=DESCRIPTION,
        cover=Artwork(png.getvalue(), "image/png"),
    )
    out = folder / "out"
    files = export_episode(mix, tags, SETTINGS, out, "2025-12-06-putin")
    return voicing, mix, out, {f.kind: f for f in files}


@pytest.fixture(scope="module")
def mp3_audio(episode):
    _, _, out, files = episode
    return decode(out / files["mp3"].name, RATE)


def test_the_files_and_their_records(episode):
    _, _, out, files = episode
    assert {k: f.name for k, f in files.items()} == {
        "mp3": "2025-12-06-putin.mp3", "vtt": "2025-12-06-putin.vtt",
        "srt": "2025-12-06-putin.srt", "chapters": "2025-12-06-putin.chapters.json",
        "wav": "2025-12-06-putin.wav", "cues": "2025-12-06-putin.cues.csv",
    }
    for f in files.values():
        path = out / f.name
        assert f.size_bytes == path.stat().st_size and f.sha256 == sha256_file(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a web server can read it
    assert files["mp3"].mime == "audio/mpeg"
    assert files["chapters"].mime == "application/json+chapters"
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in files.values())


def test_decoded_duration_matches_the_mix(episode, mp3_audio):
    _, mix, _, _ = episode
    assert abs(len(mp3_audio) * 1000 / RATE - mix.duration_ms) <= 50


def test_mp3_loudness_and_true_peak(mp3_audio):
    measured = pyloudnorm.Meter(RATE).integrated_loudness(mp3_audio.astype(np.float64))
    assert abs(measured - SETTINGS.loudness_lufs) <= 0.5  # the spec allows ±1
    assert true_peak_dbtp(mp3_audio) <= SETTINGS.true_peak_dbtp


def test_mp3_is_cbr_at_the_configured_rate(episode):
    from mutagen.mp3 import MP3, BitrateMode

    _, _, out, files = episode
    info = MP3(out / files["mp3"].name).info
    assert (info.sample_rate, info.channels, info.bitrate) == (RATE, 1, 96_000)
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)


def test_id3_tags(episode):
    _, mix, out, files = episode
    tags = ID3(out / files["mp3"].name)
    assert tags.version == (2, 3, 0)  # the version ffmpeg reads chapters of (#12)
    assert str(tags["TIT2"]) == "भारत दौरे पर पुतिन"
    assert str(tags["TALB"]) == "दैनिक बुलेटिन" and str(tags["TPE1"]) == "संवाददाता"
    assert str(tags["TDRC"]) == "2025-12-06 09:30:00"
    assert str(tags["TLAN"]) == "hin" and str(tags["TLEN"]) == str(mix.duration_ms)
    comment = tags.getall("COMM")[0].text[0]
    assert comment.replace("\n", " ") == " ".join(DESCRIPTION.split())
    assert all(len(line.encode()) <= 250 for line in comment.splitlines())
    cover = tags.getall("APIC")[0]
    assert cover.mime == "image/png" and cover.type == 3 and cover.data.startswith(b"\x89PNG")


def test_id3_chapters(episode, mp3_audio):
    voicing, mix, out, files = episode
    tags = ID3(out / files["mp3"].name)
    chaps = tags.getall("CHAP")
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    by_id = {c.element_id: c for c in chaps}
    ordered = [by_id[i] for i in toc.child_element_ids]
    assert len(by_id) == len(chaps) == len(voicing.segments)
    assert toc.element_id not in by_id
    titles = [s.segment.title for s in voicing.segments]
    assert [str(c.sub_frames["TIT2"]) for c in ordered] == titles
    assert ordered[0].start_time == 0
    assert all(a.end_time == b.start_time for a, b in itertools.pairwise(ordered))
    assert abs(ordered[-1].end_time - len(mp3_audio) * 1000 / RATE) <= 50
    assert all(c.start_offset == c.end_offset == 0xFFFFFFFF for c in chaps)
    assert [(c.start_time, c.end_time) for c in ordered] == [
        (c.start_ms, c.end_ms) for c in mix.chapters
    ]


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    assert text.startswith("WEBVTT\n\n")
    cues = []
    for block in text.strip().split("\n\n")[1:]:
        _, timing, body = block.split("\n")
        a, b = re.fullmatch(r"(\S+) --> (\S+)", timing).groups()
        cues.append((seconds(a), seconds(b), body))
    return cues


def seconds(ts: str) -> float:
    h, m, s = ts.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_vtt_cues_sit_on_the_sentences_in_the_mp3(episode, mp3_audio):
    voicing, _, out, files = episode
    cues = parse_vtt((out / files["vtt"].name).read_text("utf-8"))
    written = [s.written for seg in voicing.segments for s in seg.segment.sentences]
    assert [body for _, _, body in cues] == [
        w.replace("<", "&lt;").replace(">", "&gt;") for w in written
    ]
    duration = len(mp3_audio) / RATE
    assert all(0 <= a < b <= duration for a, b, _ in cues)
    assert all(x[1] <= y[0] for x, y in itertools.pairwise(cues))
    frame = RATE // 500  # 2 ms
    for start, end, _ in cues:
        lo, hi = int((start - 0.1) * RATE), int(end * RATE)
        levels = np.abs(mp3_audio[lo:hi][: (hi - lo) // frame * frame]).reshape(-1, frame).max(1)
        onset = (lo + np.argmax(levels >= levels.max() * 10 ** (-15 / 20)) * frame) / RATE
        assert abs(onset - start) <= 0.050


def test_srt_matches_the_vtt(episode):
    _, _, out, files = episode
    vtt = parse_vtt((out / files["vtt"].name).read_text("utf-8"))
    blocks = (out / files["srt"].name).read_text("utf-8").strip().split("\n\n")
    for n, (block, (a, b, _)) in enumerate(zip(blocks, vtt, strict=True), 1):
        index, timing, _ = block.split("\n")
        assert index == str(n)
        start, end = timing.split(" --> ")
        assert (seconds(start), seconds(end)) == (a, b)


def test_chapters_json(episode):
    _, mix, out, files = episode
    doc = json.loads((out / files["chapters"].name).read_text("utf-8"))
    assert doc["version"] == "1.2.0"
    assert [(c["startTime"], c["title"]) for c in doc["chapters"]] == [
        (c.start_ms / 1000, c.title) for c in mix.chapters
    ]


def test_broadcast_wav_and_cue_sheet_agree_with_the_mp3(episode, mp3_audio):
    _, _, out, files = episode
    with wave.open(str(out / files["wav"].name)) as w:
        assert (w.getframerate(), w.getsampwidth(), w.getnchannels()) == (48_000, 2, 1)
        wav_s = w.getnframes() / 48_000
    assert abs(wav_s - len(mp3_audio) / RATE) <= 0.050
    raw = (out / files["cues"].name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so spreadsheets read the Devanagari as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    chaps = {c.element_id: c for c in ID3(out / files["mp3"].name).getall("CHAP")}
    ordered = [chaps[i] for i in ID3(out / files["mp3"].name).getall("CTOC")[0].child_element_ids]
    assert len(rows) == len(ordered)
    for row, chap in zip(rows, ordered, strict=True):
        assert row["start"] == timestamp(chap.start_time)
        assert row["end"] == timestamp(chap.end_time)
        assert row["duration"] == timestamp(chap.end_time - chap.start_time)
        assert row["title"] == str(chap.sub_frames["TIT2"])
    assert abs(seconds(rows[-1]["end"]) - wav_s) <= 0.050


def test_a_failed_encode_leaves_no_file_behind(episode, tmp_path):
    _, mix, _, _ = episode
    from dataclasses import replace

    broken = replace(mix, encoded=tmp_path / "missing.mp3")
    tags = Tags("t", "s", "a", datetime(2025, 1, 1))
    with pytest.raises(AudioError):
        export_episode(broken, tags, SETTINGS, tmp_path / "out", "ep")
    assert list((tmp_path / "out").iterdir()) == []


def test_the_mixers_mp3_is_published_as_it_is(tmp_path):
    """The MP3 the mixer joined from its stretches is tagged, never encoded again: the
    published file is its bytes behind the ID3 tag."""
    voicing = make_voicing(tmp_path / "clips", SHAPE, padding=PADDING)
    mix = mix_episode(voicing, AudioSettings(), tmp_path / "work")
    audio_bytes = mix.encoded.read_bytes()
    tags = Tags("शीर्षक", "शो", "लेखक", datetime(2026, 1, 1))
    files = export_episode(mix, tags, AudioSettings(), tmp_path / "out", "ep")
    mp3 = tmp_path / "out" / next(f.name for f in files if f.kind == "mp3")
    assert mp3.read_bytes().endswith(audio_bytes)
    assert ID3(mp3).getall("CHAP")  # tagged like any other
    assert not mix.encoded.exists()  # moved into place, not copied
