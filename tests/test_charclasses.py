"""The character classes of `bulletin.charclasses`, the one module that spells code points."""

import re
from pathlib import Path

import pytest

import bulletin
from bulletin.charclasses import DEVANAGARI_LETTER, DIGIT, LETTER

PACKAGE = Path(bulletin.__file__).parent
# A hand-written Devanagari code point or digit range: these belong in charclasses.py only.
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
    "path",
    sorted(p.relative_to(PACKAGE) for p in PACKAGE.rglob("*.py") if p.name != "charclasses.py"),
    ids=str,
)
def test_script_ranges_live_in_one_module(path: Path) -> None:
    found = HAND_WRITTEN_RANGE.findall((PACKAGE / path).read_text("utf-8"))
    assert not found, f"{path}: use the classes of bulletin/charclasses.py, not {found}"
