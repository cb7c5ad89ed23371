"""`bulletin clean`: the speech text of an article, `--lines` for tools, residue and strictness."""

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bulletin.cli import main

from ..support import EXAMPLE


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner(mix_stderr=False).invoke(main, ["clean", *args], input=stdin,
                                              catch_exceptions=False)


def test_lines_one_output_line_per_input_line() -> None:
    result = run("--lines", "-", stdin="S-400 आया.\n\n28 समझौते\n\n\nडॉ.एस.जयशंकर\n")
    assert result.exit_code == 0
    assert result.stdout == "एस चार सौ आया।\n\nअट्ठाईस समझौते\n\n\nडॉक्टर एस जयशंकर\n"


@pytest.mark.parametrize(
    ("stdin", "lines"),
    [("", 0), ("\n", 1), ("\n\n\n", 3), ("एक", 1), ("एक\nदो", 2), ("1\n\n2\n", 3)],
)
def test_lines_count_is_kept(stdin: str, lines: int) -> None:
    out = run("--lines", "-", stdin=stdin).stdout
    assert out.count("\n") == lines
    assert all("\n" not in line for line in out.splitlines())


def test_lines_long_input() -> None:
    source = [f"{i} लोग आए. CBI ने {i * 7} रुपये दिए" if i % 3 else "" for i in range(3000)]
    result = run("--lines", "-", stdin="\n".join(source) + "\n")
    out = result.stdout.split("\n")[:-1]
    assert len(out) == len(source)
    assert all((o == "") == (s == "") for o, s in zip(out, source, strict=True))
    assert not any(c.isdigit() for c in result.stdout)


def test_lines_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("6 दिसंबर\n\nAK 203\n", "utf-8")
    assert run("--lines", str(path)).stdout == "छह दिसंबर\n\nएके दो सौ तीन\n"


def test_report_goes_to_stderr() -> None:
    result = run("--lines", "--report", "-", stdin="नया 東京\n\nपुराना 北京\n")
    assert result.exit_code == 0
    assert result.stdout == "नया 東京\n\nपुराना 北京\n"
    assert "line 1: 東京  [नया 東京]" in result.stderr
    assert "line 3: 北京" in result.stderr
    assert "residue: 2 token(s)" in result.stderr


def test_report_says_when_there_is_none() -> None:
    assert "residue: none" in run("--lines", "--report", "-", stdin="CBI\n").stderr


def test_strict_fails_on_residue() -> None:
    result = run("--lines", "--strict", "-", stdin="नया 東京\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "1 token(s) cannot be read aloud: `東京` (line 1: नया 東京)" in result.stderr
    assert "--lexicon" in result.stderr


def test_strict_error_names_paragraphs_of_an_article(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("ISRO ने उपग्रह भेजे\n\nपहला पैरा।\n\nनया 東京 आया.\n", "utf-8")
    result = run("--strict", str(path))
    assert result.exit_code == 1
    assert "`東京` (paragraph 3: नया 東京 आया।)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_report_names_paragraphs_of_an_article(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("ISRO ने उपग्रह भेजे\n\nपहला पैरा।\n\nनया 東京 आया.\n", "utf-8")
    result = run("--report", str(path))
    assert "paragraph 3: 東京  [नया 東京 आया।]" in result.stderr
    assert "line " not in result.stderr


def test_strict_passes_clean_text() -> None:
    assert run("--lines", "--strict", "-", stdin="CBI ने 5 लोग\n").exit_code == 0


def test_strict_from_config(tmp_path: Path) -> None:
    config = tmp_path / "bulletin.yaml"
    config.write_text("speech:\n  strict: true\n", "utf-8")
    assert run("--lines", "--config", str(config), "-", stdin="東京\n").exit_code == 1


def test_lexicon_option_is_repeatable_and_later_wins(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("iPhone: आईफ़ोन\nZoom: ज़ूम ऐप\n", "utf-8")
    two.write_text("Zoom: ज़ूम\n", "utf-8")
    result = run("--lines", "--strict", "--lexicon", str(one), "--lexicon", str(two), "-",
                 stdin="iPhone Zoom\n")
    assert result.stdout == "आईफ़ोन ज़ूम\n"


def test_config_lexicon_and_percent_word(tmp_path: Path) -> None:
    (tmp_path / "desk.yaml").write_text("Zoom: ज़ूम\n", "utf-8")
    config = tmp_path / "bulletin.yaml"
    config.write_text("speech:\n  lexicon: [desk.yaml]\n  percent_word: फ़ीसदी\n", "utf-8")
    result = run("--lines", "--config", str(config), "-", stdin="Zoom 5%\n")
    assert result.stdout == "ज़ूम पाँच फ़ीसदी\n"


def test_missing_lexicon_is_a_config_error(tmp_path: Path) -> None:
    result = run("--lines", "--lexicon", str(tmp_path / "nope.yaml"), "-", stdin="क\n")
    assert result.exit_code == 3
    assert "nope.yaml: lexicon file not found" in result.stderr


def test_article_is_printed_segment_by_segment(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("ISRO ने 6 उपग्रह भेजे\n\nCBI ने 28 मामलों की जांच की. फिर रिपोर्ट दी.\n", "utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    assert "इसरो ने छह उपग्रह भेजे" in result.stdout
    assert "सीबीआई ने अट्ठाईस मामलों की जांच की। फिर रिपोर्ट दी।" in result.stdout
    assert result.stdout.startswith("[")


def test_the_example_article_has_no_residue() -> None:
    result = run("--report", "--strict", str(EXAMPLE))
    assert result.exit_code == 0, result.stderr
    assert "residue: none" in result.stderr
    for reading in ("चौदह मार्च", "बारह समझौतों", "एस चार सौ", "एके दो सौ तीन",
                    "डॉक्टर एस सोमनाथ", "चर्चा हुई", "टू प्लस टू"):
        assert reading in result.stdout


def test_help_ends_with_an_example() -> None:
    result = CliRunner().invoke(main, ["clean", "--help"])
    assert "Example:" in result.output
    assert "bulletin clean" in result.output.split("Example:")[1]


def test_article_from_stdin() -> None:
    result = run("-", stdin="ISRO ने 6 उपग्रह भेजे\n\nCBI ने 28 मामले खोले.\n")
    assert result.exit_code == 0, result.stderr
    assert "सीबीआई ने अट्ठाईस मामले खोले।" in result.stdout
