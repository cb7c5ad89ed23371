"""Residue: every token left that is not a plain Devanagari word, with its line and context."""

from pathlib import Path

import pytest

from bulletin.models import Residue
from bulletin.normalize import Normalizer
from bulletin.normalize.residue import STRICT_SHOWN, find_residue, strict_error
from bulletin.normalize.settings import NormalizeSettings


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.load(NormalizeSettings())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "भारत और रूस।",
        "क्या वह आया? हाँ! ठीक, चलो।",
        "भारत-रूस संबंध और को-प्रोडक्शन",
        "ज़रूरी क़ानून ॐ",
    ],
)
def test_speech_text_has_none(text: str) -> None:
    assert find_residue(text) == ()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("कीमत 5 रुपये", ("5",)),
        ("कीमत ५ रुपये", ("५",)),
        ("iPhone और Meta", ("iPhone", "Meta")),
        ("यह % है", ("%",)),
        ("ब्याज 5%, फिर", ("5%",)),
        ("हाँ। café", ("café",)),
        ("राम-Shyam", ("राम-Shyam",)),
        ("-भारत", ("-भारत",)),
    ],
)
def test_tokens_found(text: str, tokens: tuple[str, ...]) -> None:
    assert tuple(r.token for r in find_residue(text)) == tokens


def test_context_is_the_words_around() -> None:
    (residue,) = find_residue("एक दो तीन चार iPhone पाँच छह सात आठ", line=7)
    assert residue == Residue("iPhone", 7, "दो तीन चार iPhone पाँच छह सात")


def test_normalize_reports_lines_from_the_given_line(normalizer: Normalizer) -> None:
    result = normalizer.normalize("पहली पंक्ति\n\n北京 पर\nऔर 東京 भी", line=20)
    assert [(r.token, r.line) for r in result.residue] == [("北京", 22), ("東京", 23)]


def test_a_script_no_rule_reads_is_left_and_reported(normalizer: Normalizer) -> None:
    result = normalizer.normalize("नया 東京 आया")
    assert result.text == "नया 東京 आया"
    assert result.residue == (Residue("東京", 1, "नया 東京 आया"),)


def test_latin_words_leave_no_residue(normalizer: Normalizer) -> None:
    result = normalizer.normalize("नया iPhone और Zoom ऐप आया")
    assert result.residue == ()


def test_rules_leave_no_residue_for_what_they_read(normalizer: Normalizer) -> None:
    text = "CBI ने 6 दिसंबर को ₹250 और 5% पर www.pib.gov.in देखा, S-400 आया."
    assert normalizer.normalize(text).residue == ()


def test_staff_lexicon_clears_residue(tmp_path: Path, normalizer: Normalizer) -> None:
    assert normalizer.normalize("नया 東京").residue
    desk = tmp_path / "desk.yaml"
    desk.write_text("東京: टोक्यो\n", "utf-8")
    fixed = Normalizer.load(NormalizeSettings(), extra_lexicons=(desk,))
    assert fixed.normalize("नया 東京").residue == ()


def test_strict_error_is_one_line_naming_the_first_tokens() -> None:
    residue = [Residue(f"X{i}", i + 3, f"कुछ X{i} शब्द") for i in range(5)]
    message = str(strict_error(residue, "paragraph"))
    assert "\n" not in message
    assert message.startswith(
        "5 token(s) cannot be read aloud: `X0` (paragraph 3: कुछ X0 शब्द), "
        "`X1` (paragraph 4: कुछ X1 शब्द), `X2` (paragraph 5: कुछ X2 शब्द) and 2 more; "
    )
    assert message.endswith("add a lexicon entry (--lexicon FILE or speech.lexicon in "
                            "bulletin.yaml) or drop --strict")
    assert STRICT_SHOWN == 3


def test_strict_error_with_few_tokens_says_no_more() -> None:
    message = str(strict_error([Residue("iPhone", 2, "नया iPhone")], "line"))
    assert message.startswith("1 token(s) cannot be read aloud: `iPhone` (line 2: नया iPhone); ")
    assert "more" not in message
