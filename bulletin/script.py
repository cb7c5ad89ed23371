"""Article → Script: what the bulletin says, segment by segment, sentence by sentence.

A newsreader reads the headline alone, says the dateline once at the start of the lead,
then each section: its sub-head, then its paragraphs. The kicker is not read: it repeats
the headline. Each sentence keeps its written form (for the transcript) beside its spoken
form (for the engine).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from .models import Article, Dateline, Residue, Script, Sentence, SpeechSegment
from .normalize import Normalizer, chunk, split_sentences

LEAD_TITLE = "मुख्य समाचार"  # chapter title of the lead section, which has no sub-head
# A written sentence longer than this (copy with no punctuation) is cut at commas or spaces:
# engines and listeners need breath, and a transcript cue must fit on a screen.
MAX_SENTENCE_CHARS = 250


def make_script(article: Article, normalizer: Normalizer) -> Script:
    """Split every paragraph into sentences and normalize each for speech.

    Residue lines are paragraph numbers as `bulletin segments` shows them (headline = 1).
    """
    residue: list[Residue] = []
    counter = itertools.count(1)

    def paragraph(text: str) -> tuple[Sentence, ...]:
        line = next(counter)
        sentences = []
        pieces = (p for s in split_sentences(text) for p in chunk(s, MAX_SENTENCE_CHARS))
        for written in pieces:
            result = normalizer.normalize(written, line=line)
            residue.extend(result.residue)
            if result.text.strip(" ।,?!"):
                sentences.append(Sentence(written=written, spoken=result.text))
        return tuple(sentences)

    def section(kind: str, title: str, texts: Iterable[str]) -> SpeechSegment | None:
        paragraphs = tuple(p for p in map(paragraph, texts) if p)
        return SpeechSegment(kind=kind, title=title, paragraphs=paragraphs) if paragraphs else None

    segments = [section("headline", article.headline, [article.headline])]
    for index, sec in enumerate(article.sections):
        texts = list(sec.paragraphs)
        if sec.subhead:
            texts.insert(0, sec.subhead)
        if index == 0 and article.dateline:
            texts.insert(0, _dateline_text(article.dateline))
        segments.append(section("section", sec.subhead or LEAD_TITLE, texts))
    return Script(
        segments=tuple(s for s in segments if s is not None),
        residue=tuple(residue),
    )


def _dateline_text(dateline: Dateline) -> str:
    return f"{dateline.place}, {dateline.date}।" if dateline.date else f"{dateline.place}।"
