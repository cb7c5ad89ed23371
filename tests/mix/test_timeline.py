"""The layout: exact pauses, stings between sections, chapters that tile the programme."""

from __future__ import annotations

from bulletin.mix.timeline import PauseSamples, lay_out

PAUSES = PauseSamples(after_headline=800, sentence=350, paragraph=700, around_sting=400)
JINGLES = {"intro": 5000, "sting": 1200, "outro": 4000}


def layout():
    return lay_out(
        [("headline", [[3000]]), ("section", [[2000, 2500], [1000]]),
         ("section", [[900], [1500, 1600]])],
        JINGLES, PAUSES,
    )


def test_sentences_are_paced_exactly():
    s = layout().sentences
    assert s[0].start == 5000 + 400  # intro, pause
    assert s[1].start == s[0].end + 800  # after the headline: no sting
    assert s[2].start == s[1].end + 350  # same paragraph
    assert s[3].start == s[2].end + 700  # next paragraph
    assert s[5].start == s[4].end + 700  # the sub-head is a paragraph of its own
    assert s[6].start == s[5].end + 350


def test_stings_only_between_sections():
    lay = layout()
    roles = [(j.role, j.start) for j in lay.jingles]
    sentences = lay.sentences
    assert [r for r, _ in roles] == ["intro", "sting", "outro"]
    sting = lay.jingles[1]
    assert sting.start == sentences[3].end + 400
    assert sentences[4].start == sting.end + 400
    assert lay.jingles[2].start == sentences[-1].end + 400
    assert lay.length == lay.jingles[2].end


def test_chapters_tile_the_programme():
    lay = layout()
    starts = [a for a, _ in lay.chapters]
    assert starts[0] == 0  # the headline chapter holds the intro
    assert starts[1] == lay.sentences[1].start  # lead section: its first word
    assert starts[2] == lay.jingles[1].start  # a later section: its sting
    assert all(a[1] == b[0] for a, b in zip(lay.chapters, lay.chapters[1:], strict=False))
    assert lay.chapters[-1][1] == lay.length


def test_bed_spans_intro_and_headline():
    lay = layout()
    assert lay.first_segment == lay.sentences[:1]
    assert lay.bed_end == lay.sentences[1].start


def test_a_bulletin_without_headline_stings_every_later_section():
    lay = lay_out([("section", [[1000]]), ("section", [[1000]])], JINGLES, PAUSES)
    assert [j.role for j in lay.jingles] == ["intro", "sting", "outro"]
    assert lay.chapters[1][0] == lay.jingles[1].start
