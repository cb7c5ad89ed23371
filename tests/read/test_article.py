"""read_article end to end: format choice, stdin, and the same story in three formats."""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import pytest

from bulletin.errors import InputError
from bulletin.models import Dateline
from bulletin.read import READERS, ReadSettings, read_article

from .support import EXAMPLE, FIXTURES, REPO, shape

EXAMPLE_HEADLINE = "भारत-फ्रांस रक्षा वार्ता, वायु रक्षा और जहाज़ निर्माण पर बनी सहमति"
EXAMPLE_SUBHEADS = (
    ("2+2 वार्ता से पहले तैयारी पूरी", 2),
    ("वायु रक्षा कवच पर ज़ोर", 2),
)


def test_the_fixture_story_in_plain_text() -> None:
    path = FIXTURES / "story.txt"
    line = [row for row in path.read_text(encoding="utf-8").splitlines() if row]
    article = read_article(path, ReadSettings())
    assert shape(article) == (
        line[0],
        "जयपुर में पानी की किल्लत",
        Dateline("जयपुर", "12 मई"),
        ((None, (line[4],)), (line[5], (line[6], line[7])), (line[8], (line[9],))),
    )
    assert article.meta.source_format == "txt"


@pytest.mark.parametrize(("name", "fmt"), [("story.md", "md"), ("story.html", "html")])
def test_markdown_and_html_fixtures_read_like_the_text(name: str, fmt: str) -> None:
    article = read_article(FIXTURES / name, ReadSettings())
    assert article.meta.source_format == fmt
    assert shape(article) == shape(read_article(FIXTURES / "story.txt", ReadSettings()))


def test_the_hard_example_article() -> None:
    """Headline, a kicker repeating its start, a place-only dateline, sub-heads whose text
    looks like copy (`2+2 …`), paragraphs full of codes and glued dots."""
    article = read_article(EXAMPLE, ReadSettings())
    assert article.headline == EXAMPLE_HEADLINE
    assert article.kicker == "भारत-फ्रांस रक्षा वार्ता"
    assert article.dateline == Dateline("नई दिल्ली")
    lead, *rest = article.sections
    assert lead.subhead is None and len(lead.paragraphs) == 1
    assert tuple((s.subhead, len(s.paragraphs)) for s in rest) == EXAMPLE_SUBHEADS
    # every body line of the file is in exactly one place: nothing lost, nothing duplicated
    lines = [line.strip() for line in EXAMPLE.read_text("utf-8").splitlines() if line.strip()]
    read_back = [article.headline, article.kicker + ",", article.dateline.place + ","]
    for section in article.sections:
        read_back += ([section.subhead] if section.subhead else []) + list(section.paragraphs)
    assert read_back == lines


def as_markdown(lines: list[str]) -> str:
    """Saved by hand as Markdown: `#` headline, `##` sub-heads, kicker and dateline in one
    paragraph (soft line breaks), a blank line between paragraphs."""
    subheads = {s for s, _ in EXAMPLE_SUBHEADS}
    headline, kicker, dateline, *body = lines
    out = [f"# {headline}", f"*{kicker}*\n**{dateline}**"]
    out += [f"## {line}" if line in subheads else line for line in body]
    return "\n\n".join(out) + "\n"


def as_html(lines: list[str]) -> str:
    """Saved as a web page: navigation, header, footer and scripts around an `<article>`."""
    subheads = {s for s, _ in EXAMPLE_SUBHEADS}
    esc = [html.escape(line) for line in lines]
    headline, kicker, dateline, *body = esc
    story = "\n".join(
        f"<h2>{line}</h2>" if html.unescape(line) in subheads else f"<p>{line}</p>" for line in body
    )
    return (
        "<!DOCTYPE html><html lang='hi'><head><title>रक्षा वार्ता | समाचार</title>"
        "<script>track('page')</script></head><body>"
        "<header><a class='logo' href='/'>समाचार</a>"
        "<nav><a href='/'>होम</a> <a href='/desh'>देश</a></nav></header>"
        f"<article><h1>{headline}</h1><p><i>{kicker}</i><br><b>{dateline}</b></p>{story}"
        "<div class='social-share'>शेयर करें</div></article>"
        "<aside class='related'><h2>और खबरें</h2><p>दूसरी खबर</p></aside>"
        "<footer><p>© समाचार 2021</p><nav><a href='/about'>हमारे बारे में</a></nav></footer>"
        "</body></html>"
    )


@pytest.mark.parametrize(("convert", "suffix"), [(as_markdown, ".md"), (as_html, ".html")])
def test_the_example_saved_as_markdown_and_html_reads_the_same(
    tmp_path: Path, convert, suffix: str
) -> None:
    lines = [line.strip() for line in EXAMPLE.read_text("utf-8").splitlines() if line.strip()]
    path = tmp_path / f"defence-talks{suffix}"
    path.write_text(convert(lines), encoding="utf-8")
    assert shape(read_article(path, ReadSettings())) == shape(read_article(EXAMPLE, ReadSettings()))


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!doctype html><h1>श</h1><p>पाठ।</p>", "html"),
        ("  <html><body><h1>श</h1></body></html>", "html"),
        ("# शीर्षक\n\nपाठ।\n", "md"),
        ("शीर्षक\n\n[कड़ी](https://example.org) वाला पाठ।\n", "md"),
        ("शीर्षक\nपाठ जिसमें <b> जैसा कुछ है।\n", "txt"),
        ("---\ntitle: श\n---\nपाठ।\n", "txt"),
    ],
)
def test_format_is_sniffed_without_an_extension(tmp_path: Path, text: str, fmt: str) -> None:
    path = tmp_path / "story"
    path.write_text(text, encoding="utf-8")
    assert read_article(path, ReadSettings()).meta.source_format == fmt
    stdin = io.BytesIO(text.encode())
    assert read_article("-", ReadSettings(), stdin=stdin).meta.source_format == fmt


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "txt"),
        ("a.TXT", "txt"),
        ("a.md", "md"),
        ("a.markdown", "md"),
        ("a.htm", "html"),
        ("a.HTML", "html"),
    ],
)
def test_format_follows_the_extension(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text("# शीर्षक\n\nपाठ।\n", encoding="utf-8")
    assert read_article(path, ReadSettings()).meta.source_format == fmt


def test_source_format_overrides_and_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("# शीर्षक\n\nपाठ।\n", encoding="utf-8")
    assert read_article(path, ReadSettings(), source_format="md").headline == "शीर्षक"
    with pytest.raises(InputError, match=r"unknown format 'docx' \(known: html, md, txt\)"):
        read_article(path, ReadSettings(), source_format="docx")


def test_every_reader_is_registered_once() -> None:
    names = [r.name for r in READERS]
    assert sorted(names) == ["html", "md", "txt"] and READERS[-1].name == "txt"


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO("शीर्षक\nपाठ।\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    article = read_article("-", ReadSettings())
    assert (article.headline, article.meta.source) == ("शीर्षक", "-")


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "stars.txt"
    path.write_text("* * *\n---\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"stars\.txt: no headline found"):
        read_article(path, ReadSettings())


@pytest.mark.parametrize("name", ["monsoon-update.txt", "budget-markdown.md", "cricket-page.html",
                                  "defence-talks.txt"])
def test_examples_have_a_full_structure(name: str) -> None:
    article = read_article(REPO / "examples" / name, ReadSettings())
    assert article.dateline is not None
    assert article.sections[0].subhead is None
    assert len(article.sections) >= 3
    assert all(s.paragraphs for s in article.sections)
