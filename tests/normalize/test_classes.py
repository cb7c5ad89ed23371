"""Table tests for the number classes: `cases/<class>.tsv` holds `written<TAB>spoken` rows.

Every row runs through the number rules in pipeline order (`pipeline.NUMBER_RULES`), so
a table checks its class and that no other number rule steals its spans. Every row with ASCII
digits is also run with Devanagari digits, which must read the same.
"""

from pathlib import Path

import pytest

from bulletin.normalize.pipeline import NUMBER_RULES
from bulletin.normalize.settings import NormalizeSettings

CASES = Path(__file__).parent / "cases"
CLASSES = (
    "cardinal",
    "ordinal",
    "decimal",
    "money",
    "measure",
    "date",
    "time",
    "range",
    "telephone",
)
TO_DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


def speak(text: str, settings: NormalizeSettings | None = None) -> str:
    settings = settings or NormalizeSettings()
    for rule in NUMBER_RULES:
        text = rule(text, settings)
    return text


def load_cases() -> list:
    cases = []
    for name in CLASSES:
        lines = (CASES / f"{name}.tsv").read_text("utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            written, expected = line.split("\t")
            cases.append(pytest.param(written, expected, id=f"{name}:{number}"))
            devanagari = written.translate(TO_DEVANAGARI)
            if devanagari != written:
                cases.append(
                    pytest.param(
                        devanagari, expected.translate(TO_DEVANAGARI), id=f"{name}:{number}:dev"
                    )
                )
    return cases


@pytest.mark.parametrize(("written", "expected"), load_cases())
def test_case(written: str, expected: str) -> None:
    assert speak(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2.5 लाख", "ढाई लाख"),
        ("1.5 करोड़", "डेढ़ करोड़"),
        ("0.5 लाख", "आधा लाख"),
        ("12.5 करोड़", "साढ़े बारह करोड़"),
        ("4.5%", "साढ़े चार फ़ीसदी"),
        ("1.50%", "डेढ़ फ़ीसदी"),
        ("100.5 करोड़", "एक सौ दशमलव पाँच करोड़"),
        ("2.5 किलो", "दो दशमलव पाँच किलो"),
        ("3.14", "तीन दशमलव एक चार"),
        ("₹2.5 लाख", "ढाई लाख रुपए"),
        ("₹42.50", "बयालीस रुपए पचास पैसे"),
        ("₹१.५ करोड़", "डेढ़ करोड़ रुपए"),
    ],
)
def test_settings(written: str, expected: str) -> None:
    settings = NormalizeSettings(colloquial_halves=True, percent_word="फ़ीसदी", rupee_spelling="रुपए")
    assert speak(written, settings) == expected


def test_rules_are_pure_and_idempotent() -> None:
    settings = NormalizeSettings()
    for name in CLASSES:
        for line in (CASES / f"{name}.tsv").read_text("utf-8").splitlines():
            spoken = speak(line.split("\t")[0], settings)
            assert speak(spoken, settings) == spoken
