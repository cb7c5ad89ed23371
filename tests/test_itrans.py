"""`bulletin.itrans` writes Devanagari exactly as indic-transliteration's ITRANS does: slugs
(episode ids, file names) must not change because the library is no longer imported."""

from __future__ import annotations

import runpy

import pytest
from hypothesis import given
from hypothesis import strategies as st
from indic_transliteration import sanscript

from bulletin.itrans import transliterate
from bulletin.names import slugify

from .support import REPO

TABLE = REPO / "bulletin" / "data" / "itrans.tsv"
# The whole Devanagari block and the signs the table knows outside it (ZWJ, Vedic marks),
# with some Latin, digits and spaces between words.
ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0900, 0x0980)] + ["\u200d", "\u1cf5", "\u1cf6", "\ua8f3",
                                                " ", "a", "Z", "7", "-", "।"]
)


def library(text: str) -> str:
    return sanscript.transliterate(text, sanscript.DEVANAGARI, sanscript.ITRANS)


def test_the_table_is_the_installed_librarys_map():
    table_text = runpy.run_path(str(REPO / "scripts" / "itrans_table.py"))["table_text"]
    assert TABLE.read_text(encoding="utf-8") == table_text(), (
        "indic-transliteration's map changed: run `python scripts/itrans_table.py`"
    )


@given(st.text(ALPHABET, max_size=40))
def test_any_text_is_written_as_the_library_writes_it(text: str):
    assert transliterate(text) == library(text)


@pytest.mark.parametrize("text", [
    "समाचार", "क्षेत्र", "ज्ञान", "फ़ैसला", "फ़ैसला", "ड़", "ढ़", "ॐ", "सं॑", "हँसी",
    "कर्नाटक", "राष्ट्रपति", "१२३", "दिल्ली में बारिश",
])
def test_hard_cases_are_written_as_the_library_writes_them(text: str):
    assert transliterate(text) == library(text)


def test_a_slug_reads_as_before():
    assert slugify("दिल्ली में बारिश") == "dilli-mem-barish"
