"""Plain-text layout rules, one table row per rule (headline, kicker, dateline, sub-heads)."""

from __future__ import annotations

import pytest

from bulletin.models import Dateline
from bulletin.read import ReadSettings

from .support import shape

H = "भारत दौरे पर रूसी राष्ट्रपति पुतिन, दोनों देशों के बीच हुए अहम समझौते"
P1 = "रूसी राष्ट्रपति पुतिन सोमवार को भारत दौरे पर आए."
P2 = "दोनों देशों के बीच 28 समझौतों पर हस्ताक्षर हुए।"
P3 = "विदेश सचिव ने प्रेस कॉन्फ्रेंस में इसकी जानकारी दी।"
SUB = "भारत और रूस के बीच हुई 2+2 मंत्रिस्तरीय वार्ता"


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


CASES = [
    pytest.param(
        lines(H, "", "भारत दौरे पर रूसी राष्ट्रपति पुतिन,", "दिल्ली,", P1),
        (H, "भारत दौरे पर रूसी राष्ट्रपति पुतिन", Dateline("दिल्ली"), ((None, (P1,)),)),
        id="kicker-and-one-line-dateline",
    ),
    pytest.param(
        lines(H, "नई दिल्ली,", "6 दिसंबर 2024", P1),
        (H, None, Dateline("नई दिल्ली", "6 दिसंबर 2024"), ((None, (P1,)),)),
        id="two-line-dateline-place-then-date",
    ),
    pytest.param(
        lines(H, "अमेठी,", "उत्तर प्रदेश,", P1),
        (H, None, Dateline("अमेठी, उत्तर प्रदेश"), ((None, (P1,)),)),
        id="two-line-dateline-two-places",
    ),
    pytest.param(
        lines(H, "मुंबई, 14 जून", P1),
        (H, None, Dateline("मुंबई", "14 जून"), ((None, (P1,)),)),
        id="place-comma-date",
    ),
    pytest.param(
        lines(H, "लखनऊ, सोमवार, 3 मार्च,", P1),
        (H, None, Dateline("लखनऊ", "सोमवार, 3 मार्च"), ((None, (P1,)),)),
        id="dateline-with-weekday",
    ),
    pytest.param(
        lines(H, "भारत दौरे पर रूसी राष्ट्रपति पुतिन,", P1),
        (H, "भारत दौरे पर रूसी राष्ट्रपति पुतिन", None, ((None, (P1,)),)),
        id="kicker-without-dateline",
    ),
    pytest.param(
        lines("दिल्ली में बारिश, कई इलाकों में जलभराव", "दिल्ली,", P1),
        ("दिल्ली में बारिश, कई इलाकों में जलभराव", None, Dateline("दिल्ली"), ((None, (P1,)),)),
        id="one-word-prefix-is-a-dateline-not-a-kicker",
    ),
    pytest.param(
        lines(H, "भारत दौरे पर रूसी राष्ट्रपति पु,", P1),
        (H, None, None, ((None, ("भारत दौरे पर रूसी राष्ट्रपति पु,", P1)),)),
        id="kicker-must-end-at-a-word-boundary",
    ),
    pytest.param(
        lines(H, "14 जून,", P1),
        (H, None, None, ((None, ("14 जून,", P1)),)),
        id="a-date-alone-is-no-dateline",
    ),
    pytest.param(
        lines(H, "उन्होंने कहा कि दोनों देशों के संबंध बदलती दुनिया में मजबूत हुए हैं,", P1),
        (H, None, None, ((None, ("उन्होंने कहा कि दोनों देशों के संबंध बदलती दुनिया में मजबूत हुए हैं,", P1)),)),
        id="a-long-comma-line-is-a-paragraph",
    ),
    pytest.param(
        lines(H, P1, SUB, P2, P3),
        (H, None, None, ((None, (P1,)), (SUB, (P2, P3)))),
        id="sub-head-without-blank-lines",
    ),
    pytest.param(
        lines(H, "", P1, "", SUB, "", P2, "", P3),
        (H, None, None, ((None, (P1,)), (SUB, (P2, P3)))),
        id="sub-head-with-blank-lines",
    ),
    pytest.param(
        lines(H, SUB, P1),
        (H, None, None, ((SUB, (P1,)),)),
        id="sub-head-first-no-lead",
    ),
    pytest.param(lines(H), (H, None, None, ()), id="headline-only"),
    pytest.param(lines("", "  ", H, ""), (H, None, None, ()), id="headline-after-blank-lines"),
    pytest.param(
        lines(H, P1, P2, P3),
        (H, None, None, ((None, (P1, P2, P3)),)),
        id="no-sub-heads",
    ),
    pytest.param(
        lines(H, P1, "फोटो साभार पीटीआई"),
        (H, None, None, ((None, (P1, "फोटो साभार पीटीआई")),)),
        id="the-last-line-is-never-a-sub-head",
    ),
    pytest.param(
        lines(H, P1, "पहली छोटी पंक्ति", SUB, P2),
        (H, None, None, ((None, (P1, "पहली छोटी पंक्ति")), (SUB, (P2,)))),
        id="of-two-short-lines-only-the-second-is-a-sub-head",
    ),
    pytest.param(
        lines(H, P1, "यह तेरह शब्दों की एक लंबी पंक्ति है जिसमें कोई विराम चिह्न नहीं है", P2),
        (
            H,
            None,
            None,
            ((None, (P1, "यह तेरह शब्दों की एक लंबी पंक्ति है जिसमें कोई विराम चिह्न नहीं है", P2)),),
        ),
        id="too-long-for-a-sub-head",
    ),
    pytest.param(
        lines(H, P1, "बैठक खत्म हुई।", P2),
        (H, None, None, ((None, (P1, "बैठक खत्म हुई।", P2)),)),
        id="a-short-sentence-is-a-paragraph",
    ),
    pytest.param(
        lines(H, P1, "सवाल यह है:", P2),
        (H, None, None, ((None, (P1, "सवाल यह है:", P2)),)),
        id="a-colon-ends-a-sentence",
    ),
    pytest.param(
        lines(H, P1, "“मेक इन इंडिया” पर ज़ोर", P2),
        (H, None, None, ((None, (P1,)), ("“मेक इन इंडिया” पर ज़ोर", (P2,)))),
        id="sub-head-ending-in-a-quote",
    ),
    pytest.param(
        lines(H, P1, "* * *", P2),
        (H, None, None, ((None, (P1, P2)),)),
        id="decoration-lines-are-dropped",
    ),
    pytest.param(
        lines(f"  {H}  ", f"{P1}\t  "),
        (H, None, None, ((None, (P1,)),)),
        id="whitespace-is-collapsed",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_plain_text_layout(read_text, text: str, expected: tuple) -> None:
    assert shape(read_text(text)) == expected


def test_sub_head_thresholds_come_from_the_settings(read_text) -> None:
    text = lines(H, P1, SUB, P2)
    strict = ReadSettings(subhead_max_words=5)
    assert shape(read_text(text, settings=strict))[3] == ((None, (P1, SUB, P2)),)
    assert shape(read_text(text, settings=ReadSettings(subhead_max_chars=30)))[3] == (
        (None, (P1, SUB, P2)),
    )


def test_description_falls_back_to_the_headline(read_text) -> None:
    assert read_text(lines(H)).description == H
    assert read_text(lines(H, SUB, P1)).description == P1
