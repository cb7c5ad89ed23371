"""Markdown: headings, lists, links, images, emphasis, code and quotes."""

from __future__ import annotations

import pytest

from bulletin.models import Dateline

from .support import shape

CASES = [
    pytest.param(
        "# शीर्षक\n\nपहला पैराग्राफ़।\n\n## उप-शीर्षक एक\n\nदूसरा।\n\n### उप-शीर्षक दो\n\nतीसरा।\n",
        (
            "शीर्षक",
            None,
            None,
            ((None, ("पहला पैराग्राफ़।",)), ("उप-शीर्षक एक", ("दूसरा।",)), ("उप-शीर्षक दो", ("तीसरा।",))),
        ),
        id="headings",
    ),
    pytest.param(
        "शीर्षक\n======\n\nपाठ।\n\nउप-शीर्षक\n---------\n\nऔर पाठ।\n",
        ("शीर्षक", None, None, ((None, ("पाठ।",)), ("उप-शीर्षक", ("और पाठ।",)))),
        id="setext-headings",
    ),
    pytest.param(
        "# शीर्षक\n\nमुख्य घोषणाएं:\n\n- कृषि के लिए ₹1,52,000 करोड़\n- शिक्षा पर ज़ोर।\n"
        "  * रोज़गार के अवसर\n\n1. पहला कदम\n2. दूसरा कदम?\n",
        (
            "शीर्षक",
            None,
            None,
            (
                (
                    None,
                    (
                        "मुख्य घोषणाएं:",
                        "कृषि के लिए ₹1,52,000 करोड़।",
                        "शिक्षा पर ज़ोर।",
                        "रोज़गार के अवसर।",
                        "पहला कदम।",
                        "दूसरा कदम?",
                    ),
                ),
            ),
        ),
        id="list-items-are-sentences",
    ),
    pytest.param(
        "# शीर्षक\n\n[भारतीय रिज़र्व बैंक](https://rbi.org.in) ने *रेपो रेट* **6.5%** पर रखा।"
        " ![चार्ट](c.png) देखें `RBI` <span>साइट</span>।\n",
        ("शीर्षक", None, None, ((None, ("भारतीय रिज़र्व बैंक ने रेपो रेट 6.5% पर रखा। देखें RBI साइट।",)),)),
        id="links-emphasis-images-inline-html",
    ),
    pytest.param(
        "# शीर्षक\n\nपाठ।\n\n```\nprint('कोड')\n```\n\n    indented code\n\n"
        "<div>raw html</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> उद्धरण का पाठ।\n",
        ("शीर्षक", None, None, ((None, ("पाठ।", "उद्धरण का पाठ।")),)),
        id="code-html-tables-dropped-quotes-kept",
    ),
    pytest.param(
        "# बारिश का कहर जारी, दो की मौत\n\n*बारिश का कहर जारी,*\n**मुंबई,**\n**14 जून,**\n"
        "पहला वाक्य।\nदूसरी पंक्ति।\n",
        (
            "बारिश का कहर जारी, दो की मौत",
            "बारिश का कहर जारी",
            Dateline("मुंबई", "14 जून"),
            ((None, ("पहला वाक्य। दूसरी पंक्ति।",)),),
        ),
        id="kicker-and-dateline-at-the-top-of-a-paragraph",
    ),
    pytest.param(
        "# शीर्षक\n\n**नई दिल्ली, 23 जुलाई**\n\nपाठ।\n",
        ("शीर्षक", None, Dateline("नई दिल्ली", "23 जुलाई"), ((None, ("पाठ।",)),)),
        id="bold-dateline-paragraph",
    ),
    pytest.param(
        "# शीर्षक\n\nपाठ।\n\n**बोल्ड उप-शीर्षक**\n\nऔर पाठ।\n\n**बोल्ड पर लंबा वाक्य है।**\n\nअंत।\n",
        (
            "शीर्षक",
            None,
            None,
            ((None, ("पाठ।",)), ("बोल्ड उप-शीर्षक", ("और पाठ।", "बोल्ड पर लंबा वाक्य है।", "अंत।"))),
        ),
        id="an-all-bold-short-paragraph-is-a-sub-head",
    ),
    pytest.param(
        "# शीर्षक\n\nपाठ।\n\nसादा छोटा पैराग्राफ़\n\nऔर पाठ।\n",
        ("शीर्षक", None, None, ((None, ("पाठ।", "सादा छोटा पैराग्राफ़", "और पाठ।")),)),
        id="a-plain-markdown-paragraph-is-never-a-sub-head",
    ),
    pytest.param(
        "पहली पंक्ति शीर्षक\n\nपाठ।\n\n## उप\n\nअंत।\n",
        ("पहली पंक्ति शीर्षक", None, None, ((None, ("पाठ।",)), ("उप", ("अंत।",)))),
        id="no-h1-the-first-line-is-the-headline",
    ),
    pytest.param(
        "# शीर्षक\n\n## खाली उप-शीर्षक\n\n## भरा उप-शीर्षक\n\nपाठ।\n\n## आखिरी खाली\n",
        ("शीर्षक", None, None, (("भरा उप-शीर्षक", ("पाठ।",)),)),
        id="sub-heads-without-paragraphs-are-left-out",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_markdown_layout(read_text, text: str, expected: tuple) -> None:
    assert shape(read_text(text, "md")) == expected
