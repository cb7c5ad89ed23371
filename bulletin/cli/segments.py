"""`bulletin segments FILE|-`: show how an article will be read before any audio is made."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, get_args

import click

from ..config import CONFIG_NAME
from ..models import Article
from ..read.base import Format
from . import main
from .build import load_cli_config


@main.command()
@click.argument("source", metavar="FILE|-")
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON (for tools).")
@click.option("--format", "source_format", type=click.Choice(get_args(Format)),
              help="Read as this format instead of guessing from the extension or content.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help=f"Configuration file (default: ./{CONFIG_NAME} when present).")
def segments(source: str, as_json: bool, source_format: str | None,
             config_path: Path | None) -> None:
    """Show the headline, kicker, dateline and sections that FILE (or stdin, `-`) is read as.

    \b
    Example:
      bulletin segments examples/monsoon-update.txt
      cat story.html | bulletin segments - --json
    """
    config = load_cli_config(config_path)
    from ..read import read_article  # here: bs4 and markdown-it load only to read

    article = read_article(source, config.input, source_format=source_format)
    click.echo(json.dumps(_as_dict(article), ensure_ascii=False, indent=2) if as_json
               else _as_text(article))


def _as_dict(article: Article) -> dict[str, Any]:
    data = dataclasses.asdict(article)
    published = article.meta.published
    data["meta"]["published"] = published.isoformat() if published else None
    data["counts"] = _counts(article)
    return data


def _counts(article: Article) -> dict[str, int]:
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    return {
        "sections": len(article.sections),
        "paragraphs": len(paragraphs),
        "words": sum(len(p.split()) for p in paragraphs),
    }


def _as_text(article: Article) -> str:
    counts = _counts(article)
    meta = article.meta
    lines = [f"headline:  {article.headline}"]
    if article.kicker:
        lines.append(f"kicker:    {article.kicker}")
    if article.dateline:
        date = f" ({article.dateline.date})" if article.dateline.date else ""
        agency = f" [{article.dateline.agency}]" if article.dateline.agency else ""
        lines.append(f"dateline:  {article.dateline.place}{date}{agency}")
    facts = {
        "published": meta.published.isoformat() if meta.published else None,
        "author": meta.author,
        "tags": ", ".join(meta.tags) or None,
        "image": meta.image,
        "slug": meta.slug,
    }
    lines += [f"{key + ':':<10} {value}" for key, value in facts.items() if value]
    lines.append(
        f"format:    {meta.source_format} · {_plural(counts['sections'], 'section')} · "
        f"{_plural(counts['paragraphs'], 'paragraph')} · {_plural(counts['words'], 'word')}"
    )
    for number, section in enumerate(article.sections, 1):
        title = section.subhead if section.subhead is not None else "(lead)"
        lines += ["", f"[{number}] {title} — {_plural(len(section.paragraphs), 'paragraph')}"]
        lines += [f"  {i}. {p}" for i, p in enumerate(section.paragraphs, 1)]
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
