"""The newsroom layout rules every format shares: headline, kicker, dateline, sub-heads.

A reader turns its format into `Block`s (a line of plain text, a Markdown or HTML paragraph,
list item or heading) and `build_article` applies the rules in one place, so plain text,
Markdown and HTML copy of the same story give the same structure.

    भारत दौरे पर रूसी राष्ट्रपति पुतिन, दोनों देशों के बीच हुए अहम समझौते   ← headline
    भारत दौरे पर रूसी राष्ट्रपति पुतिन,                              ← kicker (repeats it)
    दिल्ली,                                                         ← dateline
    रूसी राष्ट्रपति पुतिन सोमवार … को भारत दौरे पर आए. …              ← lead paragraph
    राष्ट्रपति पुतिन ने की मौदी से मुलाकात                              ← sub-head
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import InputError
from ..models import Article, ArticleMeta, Dateline, Section
from .decode import source_name
from .rules import Rules

log = logging.getLogger(__name__)

# paragraph: never a sub-head; candidate: a sub-head if it looks like one (a plain-text line,
# an all-bold paragraph); heading: an explicit sub-head; item: a list item, read as a sentence.
Role = Literal["paragraph", "candidate", "heading", "item"]

_FINAL_PUNCTUATION = "।॥.?!:;,…-–—"
_CLOSING = "\"'”’»)]"
_HEAD_ROLES = ("paragraph", "candidate")
_KICKER_BOUNDARY = " ,;:|-–—"
DATELINE_MAX_WORDS = 6
DATELINE_MAX_CHARS = 60
PLACE_MAX_WORDS = 3
_BRACKETED = re.compile(r"[(\[]([^()\[\]]{1,40})[)\]]")
_CREDIT_SEPARATORS = " :।.|–—-"
_PART_SEPARATOR = re.compile(r"[,|]")
_INLINE_STOP = re.compile(r"\s*(?::|।|\s[–—-])\s+")  # `मुंबई, 8 फ़रवरी: …`, `… 2024 — …`


@dataclass(frozen=True)
class Block:
    """One unit of the body as a reader found it; `lines` keeps soft line breaks."""

    lines: tuple[str, ...]
    role: Role

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def make_block(lines: Sequence[str], role: Role) -> Block | None:
    """A block with whitespace collapsed, or None when nothing in it can be read aloud."""
    clean = tuple(c for c in (" ".join(line.split()) for line in lines) if c)
    if not any(ch.isalnum() for line in clean for ch in line):
        return None
    return Block(clean, role)


def build_article(
    blocks: Sequence[Block], meta: ArticleMeta, rules: Rules, *, headline: str | None = None
) -> Article:
    """Apply the layout rules. Without a known headline the first line is the headline."""
    body = list(blocks)
    if headline is None:
        if not body:
            name = source_name(meta.source)
            raise InputError(f"{name}: no headline found; there is no readable text")
        headline = body[0].lines[0]
        _pop_line(body)
    elif body and body[0].lines[0] == headline:
        _pop_line(body)  # the copy repeats the front-matter title
    kicker = _take_kicker(body, headline)
    dateline = _take_dateline(body, rules)
    return Article(
        headline=headline,
        sections=_sections(body, rules, source_name(meta.source)),
        meta=meta,
        kicker=kicker,
        dateline=dateline,
    )


def _ends_sentence(text: str) -> bool:
    """Whether the text ends in punctuation (ignoring closing quotes and brackets)."""
    stripped = text.rstrip(_CLOSING + " ")
    return bool(stripped) and stripped[-1] in _FINAL_PUNCTUATION


def _peek(body: list[Block]) -> str | None:
    """The next line the kicker and dateline rules may take (never from a heading or list)."""
    return body[0].lines[0] if body and body[0].role in _HEAD_ROLES else None


def _pop_line(body: list[Block]) -> None:
    first = body.pop(0)
    if len(first.lines) > 1:
        body.insert(0, Block(first.lines[1:], first.role))


def _take_kicker(body: list[Block], headline: str) -> str | None:
    """A line of two or more words ending in a comma that repeats the headline's start."""
    line = _peek(body)
    if line is None or not line.endswith(","):
        return None
    kicker = line[:-1].rstrip()
    rest = headline[len(kicker) :]
    if (
        len(kicker.split()) < 2
        or not headline.startswith(kicker)
        or (rest and rest[0] not in _KICKER_BOUNDARY)
    ):
        return None
    _pop_line(body)
    return kicker


def _take_dateline(body: list[Block], rules: Rules) -> Dateline | None:
    """`दिल्ली,` / `मुंबई, 14 जून` / `नई दिल्ली,` + `6 दिसंबर 2024`: at most two short lines,
    or the start of the lead: `मुंबई, 8 फ़रवरी 2024 (PTI) रिज़र्व बैंक ने …`."""
    line = _peek(body)
    if line is None or (found := _dateline_parts(line, rules, first=True)) is None:
        return None
    parts, agency, rest = found
    _replace_line(body, rest)
    if not rest and agency is None and line.endswith(","):
        second = _peek(body)
        more = _dateline_parts(second, rules, first=False) if second else None
        if more is not None:
            parts += more[0]
            agency = more[1]
            _replace_line(body, more[2])
    places = [p for p in parts if not rules.is_date(p)]
    dates = [p for p in parts if rules.is_date(p)]
    return Dateline(place=", ".join(places), date=", ".join(dates) or None, agency=agency)


def _replace_line(body: list[Block], rest: str) -> None:
    """Take the dateline's line; what followed it on the line (an inline dateline) stays."""
    if rest:
        first = body[0]
        body[0] = Block((rest, *first.lines[1:]), first.role)
    else:
        _pop_line(body)


def _dateline_parts(
    line: str, rules: Rules, *, first: bool
) -> tuple[list[str], str | None, str] | None:
    """(place and date parts, agency credit, text after the dateline), or None when the line
    does not start with a dateline.

    A line ending in a comma may be all places; otherwise it needs a date part
    (`<place>, <date>`, or a lone date on the second line) or an agency credit
    (`नई दिल्ली (भाषा)`). The first line needs a place. A dateline at the start of the lead
    ends at its agency credit in brackets or, with a date, at `:`, `—` or `।`.
    """
    core, agency, rest = _split_credit(line, rules)
    if agency is None and (stop := _INLINE_STOP.search(line[: DATELINE_MAX_CHARS + 2])):
        core, rest = line[: stop.start()], line[stop.end() :]
    core = core.strip().rstrip(_CREDIT_SEPARATORS)
    if not core or len(core.split()) > DATELINE_MAX_WORDS or len(core) > DATELINE_MAX_CHARS:
        return None
    parts = [p.strip() for p in _PART_SEPARATOR.split(core.removesuffix(",")) if p.strip()]
    credits = [p for p in parts if not rules.is_date(p) and rules.is_agency(p)]
    parts = [p for p in parts if p not in credits]
    if agency is None and credits:
        agency = credits[0]
    if not parts or not all(rules.is_date(p) or _is_place(p) for p in parts):
        return None
    has_date = any(rules.is_date(p) for p in parts)
    has_place = len(parts) > sum(rules.is_date(p) for p in parts)
    if (first and not has_place) or (rest and agency is None and not has_date):
        return None
    if not core.endswith(",") and not has_date and agency is None:
        return None
    return parts, agency, rest.strip()


def _split_credit(line: str, rules: Rules) -> tuple[str, str | None, str]:
    """(text before, agency, text after) of the first bracketed credit: `… (PTI) …`."""
    for match in _BRACKETED.finditer(line[: DATELINE_MAX_CHARS + 20]):
        if rules.is_agency(match.group(1)):
            after = line[match.end() :].lstrip(_CREDIT_SEPARATORS + " ")
            return line[: match.start()], " ".join(match.group(1).split()), after
    return line, None, ""


def _is_place(text: str) -> bool:
    """A short name of letters (`नई दिल्ली`, `श्री गंगानगर`): no digits, no punctuation."""
    words = text.split()
    return (
        0 < len(words) <= PLACE_MAX_WORDS
        and all(ch.isalpha() or unicodedata.category(ch)[0] == "M" or ch in " .-" for ch in text)
        and text[-1] != "."
    )


def _is_subhead_shape(text: str, rules: Rules) -> bool:
    return (
        len(text.split()) <= rules.subhead_max_words
        and len(text) <= rules.subhead_max_chars
        and not _ends_sentence(text)
    )


def _sections(body: list[Block], rules: Rules, source: str) -> tuple[Section, ...]:
    """Group paragraphs under sub-heads; paragraphs before the first one form the lead.

    A candidate is a sub-head only when a paragraph follows it, so deciding from the end
    makes the last line a paragraph and of two short lines in a row only the second a sub-head.
    """
    is_subhead = [False] * len(body)
    for i in reversed(range(len(body))):
        block = body[i]
        is_subhead[i] = block.role == "heading" or (
            block.role == "candidate"
            and i + 1 < len(body)
            and not is_subhead[i + 1]
            and _is_subhead_shape(block.text, rules)
        )
    sections: list[Section] = []
    subhead: str | None = None
    paragraphs: list[str] = []

    def close() -> None:
        if paragraphs:
            sections.append(Section(subhead, tuple(paragraphs)))
        elif subhead is not None:
            log.warning("%s: sub-head %r has no paragraphs; it is left out", source, subhead)

    for block, heading in zip(body, is_subhead, strict=True):
        if heading:
            close()
            subhead, paragraphs = block.text, []
        else:
            paragraphs.append(_paragraph(block))
    close()
    return tuple(sections)


def _paragraph(block: Block) -> str:
    """A list item is read as a sentence: it gets a danda unless it already ends in one."""
    text = block.text
    return f"{text}।" if block.role == "item" and not _ends_sentence(text) else text
