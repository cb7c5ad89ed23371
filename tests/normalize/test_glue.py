"""`glue_spaced`: a span replaced by spoken Devanagari is split from a word of another script."""

import re

import pytest

from bulletin.normalize.glue import glue_spaced


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
