"""The whole normalizer, end to end: text-class tables, acceptance readings, the seed article."""

import re
from pathlib import Path

import pytest

from bulletin.charclasses import DEVANAGARI_LETTER_CHARS, PAUSE_CHARS
from bulletin.normalize import Normalized, Normalizer
from bulletin.normalize.settings import NormalizeSettings

from ..support import EXAMPLE
from .casetable import rows

TABLES = (
    "hygiene", "lexicon", "acronym", "electronic", "abbreviation", "punctuation",
    "latin", "code", "hashtag",
)
TO_DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
SPEECH = re.compile(f"[{DEVANAGARI_LETTER_CHARS}{PAUSE_CHARS} \n-]*")


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.load(NormalizeSettings())


def say(normalizer: Normalizer, text: str) -> str:
    return normalizer.normalize(text).text


@pytest.mark.parametrize(("written", "spoken"), [p for t in TABLES for p in rows(t)])
def test_table(normalizer: Normalizer, written: str, spoken: str) -> None:
    assert say(normalizer, written) == spoken


@pytest.mark.parametrize(("written", "spoken"), [*rows("acronym"), *rows("code")])
def test_codes_read_devanagari_digits_alike(
    normalizer: Normalizer, written: str, spoken: str
) -> None:
    assert say(normalizer, written.translate(TO_DEVANAGARI)) == spoken


ACCEPTANCE = [
    ("रूसी राष्ट्रपति 6 दिसंबर को आए", "रूसी राष्ट्रपति छह दिसंबर को आए"),
    ("28 समझौतों पर हस्ताक्षर", "अट्ठाईस समझौतों पर हस्ताक्षर"),
    ("तोहफा S 400 का मॉडल", "तोहफा एस चार सौ का मॉडल"),
    ("रूस S400 एयर डिफेंस", "रूस एस चार सौ एयर डिफेंस"),
    ("अमेठी में AK 203 को", "अमेठी में एके दो सौ तीन को"),
    ("विदेश मंत्री डॉ.एस.जयशंकर ने", "विदेश मंत्री डॉक्टर एस जयशंकर ने"),
    ("चर्चा हु़ई जिसपर", "चर्चा हुई जिसपर"),
    ("मुलाकात की..इस दौरान", "मुलाकात की। इस दौरान"),
    ("पहली बार 2+2 मंत्रिस्तरीय वार्ता", "पहली बार टू प्लस टू मंत्रिस्तरीय वार्ता"),
    ("संदेश जाएगा.क्योंकि इस", "संदेश जाएगा। क्योंकि इस"),
    ("ने कहा – कि भविष्य", "ने कहा, कि भविष्य"),
    ("पांच में से दो सिस्टम", "पांच में से दो सिस्टम"),
]


@pytest.mark.parametrize(("written", "spoken"), ACCEPTANCE)
def test_acceptance(normalizer: Normalizer, written: str, spoken: str) -> None:
    assert normalizer.normalize(written) == Normalized(spoken, ())


def test_lines_are_read_apart_and_kept(normalizer: Normalizer) -> None:
    result = normalizer.normalize("पहली 1\n\nतीसरी 3.", line=10)
    assert result.text == "पहली एक\n\nतीसरी तीन।"


def test_settings_reach_the_rules() -> None:
    fisadi = Normalizer.load(NormalizeSettings(percent_word="फ़ीसदी"))
    assert say(fisadi, "5% बढ़ा") == "पाँच फ़ीसदी बढ़ा"


def test_normalized_is_frozen(normalizer: Normalizer) -> None:
    with pytest.raises(AttributeError):
        normalizer.normalize("x").text = "y"  # type: ignore[misc]


def test_the_example_article_reads_without_residue(normalizer: Normalizer) -> None:
    result = normalizer.normalize(EXAMPLE.read_text("utf-8"))
    assert result.residue == ()
    assert SPEECH.fullmatch(result.text)
    for reading in ("चौदह मार्च", "बारह समझौतों", "एस चार सौ प्रणाली", "एस चार सौ की",
                    "एस चार सौ के", "पैंतीस हजार एके दो सौ तीन", "डॉक्टर एस सोमनाथ",
                    "चर्चा हुई", "टू प्लस टू", "की गई। इसके"):
        assert reading in result.text


HOUSE_STYLE = Path(__file__).parents[2] / "docs" / "house-style.md"


def house_style_examples() -> list:
    """`| `a`, `b` | A, B |` rows of the doc's Examples table (one reading may serve all)."""
    if not HOUSE_STYLE.exists():
        return []
    section = HOUSE_STYLE.read_text("utf-8").split("## Examples")[1].split("\n## ")[0]
    examples = []
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        written, spoken = re.findall(r"`([^`]+)`", cells[0]), cells[1].split(", ")
        spoken = spoken * len(written) if len(spoken) == 1 else spoken
        examples += [pytest.param(w, s, id=w) for w, s in zip(written, spoken, strict=True)]
    return examples


@pytest.mark.parametrize(("written", "spoken"), house_style_examples())
def test_house_style_examples_read_as_documented(
    normalizer: Normalizer, written: str, spoken: str
) -> None:
    assert say(normalizer, written) == spoken
