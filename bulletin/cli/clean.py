"""`bulletin clean FILE|-`: show the speech text the engine will be given, and its residue."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..config import CONFIG_NAME
from ..models import Residue
from ..normalize import Normalizer
from ..normalize.residue import strict_error
from ..read.decode import decode_text, read_source, source_name
from . import main
from .build import load_cli_config


@main.command()
@click.argument("source", metavar="FILE|-")
@click.option("--lines", "by_line", is_flag=True,
              help="Normalize each input line on its own: exactly one output line per input "
                   "line, empty lines stay empty (for tools).")
@click.option("--report", is_flag=True,
              help="List residue (tokens that could not be read) on stderr as "
                   "`paragraph N: TOKEN  [context]` (`line N:` with --lines).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) when there is any residue.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path),
              help="Extra pronunciation lexicon (YAML); may be repeated; wins over the config's.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file (default: ./{CONFIG_NAME} when present).")
def clean(source: str, by_line: bool, report: bool, strict: bool,
          lexicons: tuple[Path, ...], config_path: Path | None) -> None:
    """Print the speech text of FILE (or stdin, `-`), segment by segment.

    Residue is placed by input line with --lines, else by paragraph number as
    `bulletin segments` counts them (headline = 1).

    \b
    Example:
      bulletin clean --report examples/monsoon-update.txt
      printf 'S-400 के 28 सिस्टम\\n' | bulletin clean --lines -
    """
    config = load_cli_config(config_path)
    normalizer = Normalizer.load(config.speech, extra_lexicons=lexicons)
    if by_line:
        text = _read_lines(source, config.input.max_bytes)
        result = normalizer.normalize(text.removesuffix("\n"))
        output, residue = (result.text + "\n" if text else ""), result.residue
        where = "line"
    else:
        from ..read import read_article  # here: the readers and the sentence splitter
        from ..script import make_script  # load only for a file, never for `--help`

        script = make_script(read_article(source, config.input), normalizer)
        segments = [
            (s.title, [" ".join(x.spoken for x in p) for p in s.paragraphs])
            for s in script.segments
        ]
        output, residue = render(segments), script.residue
        where = "paragraph"
    if report:
        click.echo(render_residue(residue, where), err=True)
    if residue and (strict or config.speech.strict):
        raise strict_error(residue, where)
    click.echo(output, nl=False)


def render(segments: Sequence[tuple[str, Sequence[str]]]) -> str:
    """Segments as `[title]` then one line per paragraph, a blank line between segments."""
    blocks = ["\n".join([f"[{title}]", *texts]) for title, texts in segments]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def render_residue(residue: Sequence[Residue], where: str) -> str:
    """One residue token a line, then a count: what staff need to write lexicon entries.
    `where` names what `Residue.line` counts: `line` (--lines) or `paragraph` (articles)."""
    if not residue:
        return "residue: none"
    lines = [f"{where} {r.line}: {r.token}  [{r.context}]" for r in residue]
    return "\n".join([*lines, f"residue: {len(residue)} token(s) could not be read aloud"])


def _read_lines(source: str, max_bytes: int) -> str:
    """The input as text; blank input is a valid stream of empty lines here, not an error."""
    data = read_source(source, max_bytes)
    if not data.strip():
        return "\n" * data.count(b"\n")
    return decode_text(data, source_name(source))

