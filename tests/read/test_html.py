"""HTML: the story inside page furniture, its metadata, and the layout rules on top."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bulletin.models import Dateline

from .support import shape


def page(body: str, head: str = "<title>साइट का शीर्षक | साइट</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


CASES = [
    pytest.param(
        page(
            "<header><h1 class='logo'>साइट</h1><nav><ul><li>होम</li><li>खेल</li></ul></nav></header>"
            "<div class='wrap'><article><header><h1>असली शीर्षक</h1>"
            "<div class='byline'>संवाददाता</div></header>"
            "<div class='body'><section><div><p>पहला &amp; <b>ज़रूरी</b>   पैराग्राफ़।</p></div>"
            "<h2>उप-शीर्षक</h2><p>दूसरा।<script>alert('x')</script></p>"
            "<div class='share-bar'><p>शेयर करें</p></div>"
            "<div class='ad ad-slot'><p>विज्ञापन</p></div>"
            "<p class='commentary-note'>टिप्पणी वाला पैराग्राफ़ रहता है।</p>"
            "<noscript>जावास्क्रिप्ट चालू करें</noscript><style>p{}</style>"
            "<form><p>ईमेल दर्ज करें</p></form><figure><figcaption>चित्र</figcaption></figure>"
            "</section></div><footer>लेखक के बारे में</footer></article>"
            "<aside><p>ताज़ा खबरें</p></aside><div id='relatedNews'><p>ये भी पढ़ें</p></div></div>"
            "<footer><p>© साइट</p></footer>"
        ),
        (
            "असली शीर्षक",
            None,
            None,
            (
                (None, ("पहला & ज़रूरी पैराग्राफ़।",)),
                ("उप-शीर्षक", ("दूसरा।", "टिप्पणी वाला पैराग्राफ़ रहता है।")),
            ),
        ),
        id="nested-boilerplate",
    ),
    pytest.param(
        page(
            "<div id='menu'><p>होम खेल</p></div>"
            "<div class='content'><h1>शीर्षक</h1><p>लंबा पहला पैराग्राफ़ जिसमें खबर है।</p>"
            "<p>दूसरा पैराग्राफ़ भी खबर का हिस्सा है।</p></div>"
            "<div class='teaser'><p>छोटा</p></div>"
        ),
        (
            "शीर्षक",
            None,
            None,
            ((None, ("लंबा पहला पैराग्राफ़ जिसमें खबर है।", "दूसरा पैराग्राफ़ भी खबर का हिस्सा है।")),),
        ),
        id="densest-block-without-article-or-main",
    ),
    pytest.param(
        page("<main><p>पाठ।</p></main>", "<title>टाइटल से शीर्षक | साइट का नाम</title>"),
        ("टाइटल से शीर्षक", None, None, ((None, ("पाठ।",)),)),
        id="title-when-there-is-no-h1",
    ),
    pytest.param(
        page(
            "<main><p>पाठ।</p></main>",
            "<meta property='og:title' content='og शीर्षक'><title>x</title>",
        ),
        ("og शीर्षक", None, None, ((None, ("पाठ।",)),)),
        id="og-title-before-title",
    ),
    pytest.param(
        page("<article><h1>शीर्षक</h1><div>पहला पैराग्राफ़।<br><br>दूसरा<br>पैराग्राफ़।</div></article>"),
        ("शीर्षक", None, None, ((None, ("पहला पैराग्राफ़।", "दूसरा पैराग्राफ़।")),)),
        id="br-br-separates-paragraphs",
    ),
    pytest.param(
        page(
            "<article><h1>बारिश का कहर जारी, दो की मौत</h1>"
            "<p>बारिश का कहर जारी,<br>पटना,<br>5 अगस्त,</p><p>पाठ।</p>"
            "<p><strong>राहत शिविर खोले गए</strong></p><p>और पाठ।</p>"
            "<ul><li>पहला बिंदु</li><li>दूसरा <em>बिंदु</em><ul><li>भीतरी बिंदु</li></ul></li></ul>"
            "</article>"
        ),
        (
            "बारिश का कहर जारी, दो की मौत",
            "बारिश का कहर जारी",
            Dateline("पटना", "5 अगस्त"),
            (
                (None, ("पाठ।",)),
                ("राहत शिविर खोले गए", ("और पाठ।", "पहला बिंदु।", "दूसरा बिंदु।", "भीतरी बिंदु।")),
            ),
        ),
        id="kicker-dateline-bold-sub-head-and-lists",
    ),
    pytest.param(
        page(
            "<article><h1>शीर्षक</h1><p>पाठ।</p><h2>खाली</h2><h3>भरा</h3><p>अंत।</p><table><tr><td>3-1</td></tr></table></article>"
        ),
        ("शीर्षक", None, None, ((None, ("पाठ।",)), ("भरा", ("अंत।",)))),
        id="tables-and-empty-sub-heads-dropped",
    ),
    pytest.param(
        page(
            "<article><h1>शीर्षक</h1><p hidden>छिपा</p>"
            "<div role='navigation'><p>नेविगेशन</p></div><p>पाठ।</p></article>"
        ),
        ("शीर्षक", None, None, ((None, ("पाठ।",)),)),
        id="hidden-and-aria-roles",
    ),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_html_layout(read_text, html: str, expected: tuple) -> None:
    assert shape(read_text(html, "html")) == expected


def test_page_metadata(read_text) -> None:
    head = (
        "<meta property='article:published_time' content='2025-02-16T21:15:00+05:30'>"
        "<meta name='author' content='खेल डेस्क'><meta property='og:image' content='https://x/i.jpg'>"
        "<meta name='keywords' content='क्रिकेट, वनडे,'><meta property='article:tag' content='पुणे'>"
    )
    meta = read_text(page("<article><h1>श</h1><p>पाठ।</p></article>", head), "html").meta
    assert meta.published == datetime(
        2025, 2, 16, 21, 15, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    assert (meta.author, meta.image, meta.tags) == (
        "खेल डेस्क",
        "https://x/i.jpg",
        ("क्रिकेट", "वनडे", "पुणे"),
    )


def test_time_element_and_unreadable_dates(read_text, caplog) -> None:
    body = "<article><time datetime='2025-02-16'>16 फरवरी</time><h1>श</h1><p>पाठ।</p></article>"
    assert read_text(page(body), "html").meta.published == datetime(2025, 2, 16, 12, 0)
    loose = page(body, "<meta name='date' content='Feb 16, 2025'>")
    assert read_text(loose, "html").meta.published is None
    assert "not ISO 8601" in caplog.text
