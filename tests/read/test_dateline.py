"""Datelines with a date and an agency credit (#12): detected as the dateline (not a sub-head
or chapter), read with a sentence stop, and their date parsed for the episode's date."""

from __future__ import annotations

import pytest

from bulletin.models import CalendarDate, Dateline
from bulletin.read import ReadSettings, read_article
from bulletin.read.rules import Rules, calendar_date

H = "रिज़र्व बैंक ने रेपो दर घटाई, कर्ज़ होंगे सस्ते"
P1 = "रिज़र्व बैंक ने गुरुवार को रेपो दर में कटौती की।"
P2 = "गवर्नर ने कहा कि महंगाई काबू में है।"


def read(tmp_path, text: str, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path, ReadSettings())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("मुंबई, 8 फरवरी 2024 (PTI)", Dateline("मुंबई", "8 फरवरी 2024", "PTI")),
        ("नई दिल्ली, 8 फ़रवरी (भाषा)", Dateline("नई दिल्ली", "8 फ़रवरी", "भाषा")),
        ("लखनऊ, 3 मार्च (आईएएनएस)", Dateline("लखनऊ", "3 मार्च", "आईएएनएस")),
        ("श्रीनगर, 12 जून 2023 (ANI)", Dateline("श्रीनगर", "12 जून 2023", "ANI")),
        ("पटना, 5 अगस्त (वार्ता)", Dateline("पटना", "5 अगस्त", "वार्ता")),
        ("चेन्नई, 1 दिसम्बर (एजेंसी)", Dateline("चेन्नई", "1 दिसम्बर", "एजेंसी")),
        ("जयपुर (ब्यूरो)", Dateline("जयपुर", None, "ब्यूरो")),
        ("भोपाल, 9 जनवरी, जागरण ब्यूरो", Dateline("भोपाल", "9 जनवरी", "जागरण ब्यूरो")),
        ("कोलकाता, सोमवार, 6 अक्तूबर (ians)", Dateline("कोलकाता", "सोमवार, 6 अक्तूबर", "ians")),
        ("नई दिल्ली, 8 फरवरी 2024 (पीटीआई):", Dateline("नई दिल्ली", "8 फरवरी 2024", "पीटीआई")),
        ("गुवाहाटी, 14.11.2024 (UNI)", Dateline("गुवाहाटी", "14.11.2024", "UNI")),
    ],
)
def test_a_dateline_line_with_an_agency_is_the_dateline_not_a_sub_head(tmp_path, line, expected):
    article = read(tmp_path, f"{H}\n{line}\n{P1}\n{P2}\n")
    assert article.dateline == expected
    assert [s.subhead for s in article.sections] == [None]  # no chapter named after it
    assert article.sections[0].paragraphs == (P1, P2)


@pytest.mark.parametrize(
    ("lead", "expected", "rest"),
    [
        (f"मुंबई, 8 फरवरी 2024 (PTI) {P1}", Dateline("मुंबई", "8 फरवरी 2024", "PTI"), P1),
        (f"नई दिल्ली, 8 फ़रवरी (भाषा)। {P1}", Dateline("नई दिल्ली", "8 फ़रवरी", "भाषा"), P1),
        (f"हैदराबाद (एएनआई) - {P1}", Dateline("हैदराबाद", None, "एएनआई"), P1),
        (f"इंदौर, 2 मई: {P1}", Dateline("इंदौर", "2 मई"), P1),
    ],
)
def test_a_dateline_opening_the_lead_paragraph(tmp_path, lead, expected, rest):
    article = read(tmp_path, f"{H}\n{lead}\n{P2}\n")
    assert article.dateline == expected
    assert article.sections[0].paragraphs == (rest, P2)


@pytest.mark.parametrize(
    "line",
    [
        "हिंदी भाषा का सम्मान",  # a sub-head that mentions a word of the list
        "भाषा विवाद पर संसद में हंगामा",
        "पुलिस ने कहा: जांच जारी है और जल्द नतीजे आएंगे",  # a colon, but no date
        "(PTI) के अनुसार बैठक टल गई",  # a credit with no place before it
    ],
)
def test_lines_that_are_not_datelines(tmp_path, line):
    article = read(tmp_path, f"{H}\n{line}\n{P1}\n")
    assert article.dateline is None


def test_markdown_and_html_datelines_with_agency(tmp_path):
    md = read(tmp_path, f"# {H}\n\n**मुंबई, 8 फरवरी 2024 (PTI)**\n\n{P1}\n", "a.md")
    html = read(tmp_path, f"<article><h1>{H}</h1><p>मुंबई, 8 फरवरी 2024 (PTI) {P1}</p>"
                          "</article>", "a.html")
    for article in (md, html):
        assert article.dateline == Dateline("मुंबई", "8 फरवरी 2024", "PTI")
        assert article.sections[0].paragraphs == (P1,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 फरवरी 2024", CalendarDate(8, 2, 2024)),
        ("8 फ़रवरी", CalendarDate(8, 2)),
        ("फरवरी 8, 2024", CalendarDate(8, 2, 2024)),
        ("सोमवार, 6 दिसम्बर", CalendarDate(6, 12)),
        ("29 फरवरी", CalendarDate(29, 2)),
        ("१५ अगस्त १९४७", CalendarDate(15, 8, 1947)),
        ("14.11.2024", CalendarDate(14, 11, 2024)),
        ("06/12/24", CalendarDate(6, 12, 2024)),
        ("2024-06-14", CalendarDate(14, 6, 2024)),
        ("3 Sept 2025", CalendarDate(3, 9, 2025)),
        ("31 फरवरी 2024", None),  # impossible: never a pubDate
        ("सोमवार", None),  # a weekday alone names no date
        ("8 9 फरवरी", None),
    ],
)
def test_calendar_date(text, expected):
    assert calendar_date(text) == expected


def test_agency_words_come_from_data(tmp_path):
    rules = Rules.load(ReadSettings())
    assert rules.is_agency("PTI") and rules.is_agency("pti") and rules.is_agency("भाषा")
    assert rules.is_agency("विशेष संवाददाता") and not rules.is_agency("भाषा विवाद")
