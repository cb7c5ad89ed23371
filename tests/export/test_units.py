"""Pure pieces of export: timestamps, escaping, tag-length fitting."""

from __future__ import annotations

import pytest

from bulletin.export import sidecars
from bulletin.export.tags import fit, wrap
from bulletin.models import Chapter, Cue


@pytest.mark.parametrize(
    ("ms", "vtt", "srt"),
    [(0, "00:00:00.000", "00:00:00,000"), (61_005, "00:01:01.005", "00:01:01,005"),
     (3_723_456, "01:02:03.456", "01:02:03,456")],
)
def test_timestamps(ms, vtt, srt):
    assert sidecars.timestamp(ms) == vtt
    assert sidecars.timestamp(ms, ",") == srt


def test_vtt_escapes_markup_and_keeps_one_line():
    text = sidecars.vtt([Cue("A & B <b>\n\nC --> D", 0, 1500)])
    assert text == "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nA &amp; B &lt;b&gt; C --&gt; D\n"


def test_srt_numbering_and_arrows():
    text = sidecars.srt([Cue("पहला", 0, 1000), Cue("x --> y", 2000, 3000)])
    assert text == (
        "1\n00:00:00,000 --> 00:00:01,000\nपहला\n\n2\n00:00:02,000 --> 00:00:03,000\nx -> y\n"
    )


def test_cue_sheet_rows():
    sheet = sidecars.cue_sheet([Chapter("मुख्य, समाचार", 0, 90_500)])
    assert sheet == (
        '\ufeffstart,end,duration,title\r\n'
        '00:00:00.000,00:01:30.500,00:01:30.500,"मुख्य, समाचार"\r\n'
    )


def test_fit_and_wrap_respect_the_byte_limit():
    long = "पुतिन " * 40  # 19 bytes a word
    short = fit(long, 100)
    assert len(short.encode()) <= 100 and short.endswith("…") and "पुतिन" in short
    assert fit("छोटा शीर्षक") == "छोटा शीर्षक"
    wrapped = wrap(long, 100)
    assert wrapped.replace("\n", " ") == long.strip()
    assert all(len(line.encode()) <= 100 for line in wrapped.splitlines())
