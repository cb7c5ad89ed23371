"""`bulletin episodes list|remove` and `bulletin serve --help`, in-process with CliRunner."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin.cli import main
from bulletin.publish import catalog, publish
from bulletin.publish.settings import PublishSettings, ShowSettings

from .conftest import T0, MakeEpisode, clock


@pytest.fixture
def out(tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings,
        settings: PublishSettings) -> Path:
    out = tmp_path / "out"
    for i, slug in enumerate(["pehla", "doosra"]):
        ep = make_episode(out, slug, published=T0 + timedelta(days=i))
        publish(out, show, settings, add=ep, clock=clock)
    (tmp_path / "bulletin.yaml").write_text(
        f"show:\n  base_url: {show.base_url}\n  owner_email: {show.owner_email}\n", "utf-8")
    return out


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_list_table_and_json(out: Path):
    code, stdout, _ = run("episodes", "list", str(out))
    assert code == 0
    lines = stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["doosra", "pehla"]
    assert lines[0].split("\t")[1:] == ["2024-12-07 15:00 IST", "0:02", "test hi",
                                      "समाचार doosra"]
    code, stdout, _ = run("episodes", "list", str(out), "--json")
    records = json.loads(stdout)
    assert [r["slug"] for r in records] == ["doosra", "pehla"]
    assert records[0]["published"] == "2024-12-07T09:30:00+00:00"
    assert {f["kind"] for f in records[0]["files"]} == {"mp3", "vtt", "srt", "chapters"}


def test_list_of_an_empty_folder(tmp_path: Path):
    code, stdout, stderr = run("episodes", "list", str(tmp_path))
    assert code == 0 and stdout == "" and "no episodes" in stderr


def test_remove_rewrites_feed_with_the_config(out: Path, show: ShowSettings):
    removed = catalog.find(out, "pehla")
    code, _, stderr = run("episodes", "remove", "pehla", str(out),
                          "--config", str(out.parent / "bulletin.yaml"))
    assert code == 0 and "removed pehla; 1 episode(s) left" in stderr
    assert [e.slug for e in catalog.load(out)] == ["doosra"]
    assert not any((out / f.name).exists() for f in removed.files)
    feed = (out / "feed.xml").read_text()
    assert "pehla" not in feed and show.base_url in feed


def test_remove_unknown_id_is_one_line(out: Path):
    code, stdout, stderr = run("episodes", "remove", "nope", str(out))
    assert code == 6 and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("bulletin: error: no episode 'nope'")


@pytest.mark.parametrize("command", [["episodes"], ["episodes", "list"],
                                     ["episodes", "remove"], ["serve"]])
def test_help_ends_with_an_example(command: list[str]):
    code, stdout, _ = run(*command, "--help")
    assert code == 0 and re.search(r"Example:\n +bulletin ", stdout)
