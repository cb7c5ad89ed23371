"""The character classes of `bulletin.normalize.script` and the glue-spacing helper."""

import re
from pathlib import Path

import pytest

import bulletin.normalize
from bulletin.normalize.script import DEVANAGARI_LETTER, DIGIT, LETTER, glue_spaced

PACKAGE = Path(bulletin.normalize.__file__).parent
# A hand-written Devanagari code point or digit range: these belong in script.py only.
HAND_WRITTEN_RANGE = re.compile(r"\\u09[0-7][0-9a-fA-F]|०-९")


@pytest.mark.parametrize(
    ("char", "devanagari_letter", "letter", "digit"),
    [
        ("क", True, True, False),
        ("ि", True, True, False),  # a vowel sign
        ("़", True, True, False),  # nukta
        ("ॐ", True, True, False),
        ("।", False, False, False),
        ("॥", False, False, False),
        ("॰", False, False, False),  # the abbreviation sign (hygiene makes it a dot)
        ("५", False, False, True),
        ("5", False, False, True),
        ("S", False, True, False),
    ],
)
def test_classes(char: str, devanagari_letter: bool, letter: bool, digit: bool) -> None:
    assert bool(re.fullmatch(DEVANAGARI_LETTER, char)) == devanagari_letter
    assert bool(re.fullmatch(LETTER, char)) == letter
    assert bool(re.fullmatch(DIGIT, char)) == digit


@pytest.mark.parametrize(
    ("text", "span", "spoken", "expected"),
    [
        ("28समझौतों", r"\d+", "अट्ठाईस", "अट्ठाईस समझौतों"),
        ("पृष्ठ12", r"\d+", "बारह", "पृष्ठ बारह"),
        ("२८समझौतों", "२८", "अट्ठाईस", "अट्ठाईस समझौतों"),
        ("CBIने", "CBI", "सीबीआई", "सीबीआई ने"),
        ("नईCBI", "CBI", "सीबीआई", "नई सीबीआई"),
        ("U.S.ने", r"U\.S\.", "यूएस", "यूएस ने"),
        ("मोदीji", "मोदी", "मोदी", "मोदी ji"),  # a Devanagari key glued to Latin
        ("CBI5", "CBI", "सीबीआई", "सीबीआई5"),  # same side: left for the code rule
        ("(CBI)", "CBI", "सीबीआई", "(सीबीआई)"),
        ("CBI ने", "CBI", "सीबीआई", "सीबीआई ने"),
    ],
)
def test_glue_spaced(text: str, span: str, spoken: str, expected: str) -> None:
    match = re.search(span, text)
    assert match is not None
    said = text[: match.start()] + glue_spaced(spoken, match) + text[match.end() :]
    assert said == expected


@pytest.mark.parametrize(
    "path", sorted(p for p in PACKAGE.rglob("*.py") if p.name != "script.py"), ids=str
)
def test_script_ranges_live_in_one_module(path: Path) -> None:
    found = HAND_WRITTEN_RANGE.findall(path.read_text("utf-8"))
    assert not found, f"{path.name}: use the classes of normalize/script.py, not {found}"
