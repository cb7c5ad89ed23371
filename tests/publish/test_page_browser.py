"""The download page in headless Chromium: served by `bulletin serve` and opened from disk."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bulletin.publish import publish
from bulletin.publish.settings import PublishSettings, ShowSettings

from .conftest import BROWSER_TESTS, T0, MakeEpisode, Served, clock, start_server

TITLES = ["पहली खबर & <अपडेट>", "दूसरी खबर", "तीसरी खबर ]]>"]

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, make_episode: MakeEpisode,
         show: ShowSettings, settings: PublishSettings) -> Iterator[Served]:
    out = tmp_path_factory.mktemp("page") / "out"
    for i, title in enumerate(TITLES):
        kinds = ("mp3", "vtt", "srt", "chapters") + (("wav", "cues") if i == 0 else ())
        ep = make_episode(out, f"khabar-{i}", title=title, kinds=kinds,
                          published=T0 + timedelta(hours=i))
        publish(out, show, settings, add=ep, clock=clock)
    yield from start_server(out)


def read_page(browser, url: str) -> dict:
    page = browser.new_page()
    try:
        page.goto(url)
        return page.evaluate("""() => ({
            lang: document.documentElement.lang,
            charset: document.characterSet,
            titles: [...document.querySelectorAll('li.episode h3')].map(e => e.textContent),
            players: [...document.querySelectorAll('li.episode audio')].map(a => ({
                src: a.src, controls: a.controls, preload: a.getAttribute('preload')})),
            links: [...document.querySelectorAll('a.mp3, ul.downloads a, a.subscribe')]
                .map(a => a.href),
            cover: document.querySelector('header.show img').naturalWidth,
            font: getComputedStyle(document.body).fontFamily,
        })""")
    finally:
        page.close()


def check_common(info: dict) -> None:
    assert info["lang"] == "hi" and info["charset"] == "UTF-8"
    assert info["titles"] == TITLES[::-1]  # newest first, escaped text intact
    assert len(info["players"]) == 3
    assert all(p["controls"] and p["preload"] == "metadata" for p in info["players"])
    assert info["cover"] == 1400  # the cover loaded
    assert "Noto Sans Devanagari" in info["font"]
    # MP3 ×3, WAV + cue sheet once, VTT + SRT ×3, the subscribe link
    assert len(info["links"]) == 3 + 2 + 6 + 1


def test_served_page_lists_episodes_and_links_resolve(site: Served, browser) -> None:
    info = read_page(browser, f"http://127.0.0.1:{site.port}/")
    check_common(info)
    for url in info["links"] + [p["src"] for p in info["players"]]:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as r:
            assert r.status == 200, url


def test_page_works_opened_from_disk(site: Served, browser) -> None:
    info = read_page(browser, (site.root / "index.html").as_uri())
    check_common(info)
    for url in info["links"] + [p["src"] for p in info["players"]]:
        assert url.startswith("file://")
        assert Path(urllib.request.url2pathname(url.removeprefix("file://"))).is_file(), url


def test_player_plays_the_served_mp3(site: Served, browser) -> None:
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{site.port}/")
        duration = page.evaluate("""() => new Promise((resolve, reject) => {
            const a = document.querySelector('li.episode audio');
            a.addEventListener('loadedmetadata', () => resolve(a.duration));
            a.addEventListener('error', () => reject(new Error('audio error ' + a.error.code)));
            a.load();
        })""")
    finally:
        page.close()
    assert abs(duration - 2.0) < 0.2
