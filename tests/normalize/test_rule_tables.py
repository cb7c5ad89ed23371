"""Table tests for the rule classes of #11 part B: `cases/<table>.tsv`, whole normalizer.

Every row runs through the whole pipeline (the tables check that no other rule steals a
span); every row with ASCII digits is also run with Devanagari digits, which read the same.
"""

import pytest

from bulletin.normalize import Normalizer
from bulletin.normalize.settings import NormalizeSettings

from .casetable import rows

TABLES = (
    "sign",
    "currency",
    "measure_units",
    "per_unit",
    "dimension",
    "duration",
    "fraction_mixed",
    "date_numeric",
    "range_unit",
    "digit_string",
    "abbreviation_dot",
    "silent",
    "time_meridiem",
)
TO_DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
CASES = [p for table in TABLES for p in rows(table)]


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.load(NormalizeSettings())


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_table(normalizer: Normalizer, written: str, spoken: str) -> None:
    assert normalizer.normalize(written).text == spoken


@pytest.mark.parametrize(
    ("written", "spoken"), [p for p in CASES if p.values[0].translate(TO_DEVANAGARI) != p.values[0]]
)
def test_devanagari_digits_read_alike(normalizer: Normalizer, written: str, spoken: str) -> None:
    assert normalizer.normalize(written.translate(TO_DEVANAGARI)).text == spoken


def test_cases_are_many() -> None:
    assert len(CASES) >= 350
