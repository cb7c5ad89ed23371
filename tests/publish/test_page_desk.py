"""The page for the radio desk (#12), in headless Chromium: its own Devanagari font (no
glyph falls back to a box, even on a machine without Hindi fonts), the MP3 download that
stands out and saves under a readable name, episodes grouped by date, chapters, the
duration and voice shown before anyone presses play."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bulletin.models import Chapter
from bulletin.publish import publish
from bulletin.publish.page import web_font
from bulletin.publish.settings import PublishSettings, ShowSettings

from .conftest import BROWSER_TESTS, T0, MakeEpisode, Served, clock, start_server

HEADLINES = ["रिज़र्व बैंक ने रेपो दर घटाई, कर्ज़ होंगे सस्ते",
             "मानसून ने समय से पहले केरल में दस्तक दी",
             "क्रिकेट: भारत ने श्रीलंका को सात विकेट से हराया"]
CHAPTERS = (Chapter("शीर्षक", 0, 4000), Chapter("मुख्य समाचार", 4000, 61_000),
            Chapter("महंगाई पर नज़र", 61_000, 125_000))

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, make_episode: MakeEpisode,
         show: ShowSettings, settings: PublishSettings) -> Iterator[Served]:
    """Two episodes of one day and one of the day before."""
    out = tmp_path_factory.mktemp("desk") / "out"
    for i, (title, hours) in enumerate(zip(HEADLINES, (30, 26, 0), strict=True)):
        ep = make_episode(out, f"khabar-{i}", title=title, published=T0 + timedelta(hours=hours))
        ep = dataclasses.replace(ep, chapters=CHAPTERS, engine="gtts", voice="hi")
        publish(out, show, settings, add=ep, clock=clock)
    yield from start_server(out)


def open_page(browser, url: str, *, block_font: bool = False):
    page = browser.new_page(viewport={"width": 900, "height": 1400})
    if block_font:
        page.route("**/*.woff2", lambda route: route.abort())
    page.goto(url)
    page.evaluate("() => document.fonts.ready")
    return page


# Each distinct character of the page's text, drawn on a canvas in the page's font, must
# not be pixel-identical to the box of a character no font has (U+E000, private use).
BOXES = """() => {
    const font = '32px ' + getComputedStyle(document.body).fontFamily;
    const draw = (text) => {
        const c = document.createElement('canvas'); c.width = 64; c.height = 64;
        const ctx = c.getContext('2d'); ctx.font = font; ctx.fillText(text, 8, 44);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
    };
    const box = draw('\\uE000');
    const text = [...document.body.innerText];
    const chars = [...new Set(text.filter(ch => /\\p{L}|\\p{N}/u.test(ch)))];
    return chars.filter(ch => draw(ch) === box);
}"""


def test_the_page_font_is_served_and_used(site: Served, browser) -> None:
    page = open_page(browser, f"http://127.0.0.1:{site.port}/")
    try:
        name, data = web_font()
        status, headers, body = site.request("GET", f"/{name}")
        assert status == 200 and body == data and headers["content-type"] == "font/woff2"
        assert len(data) < 150_000  # subset: Devanagari, Latin, digits, punctuation
        loaded = page.evaluate("""() => [...document.fonts].filter(f => f.status === 'loaded')
                                          .map(f => f.family)""")
        assert "Bulletin Devanagari" in " ".join(loaded)
        assert page.evaluate("() => document.fonts.check('16px \"Bulletin Devanagari\"', 'क्ष')")
    finally:
        page.close()


def test_no_glyph_falls_back_to_a_box(site: Served, browser, tmp_path: Path) -> None:
    with_font = open_page(browser, f"http://127.0.0.1:{site.port}/")
    blocked = open_page(browser, f"http://127.0.0.1:{site.port}/", block_font=True)
    try:
        assert with_font.evaluate(BOXES) == []
        shot = with_font.locator("li.episode h3").first.screenshot(path=tmp_path / "font.png")
        fallback = blocked.locator("li.episode h3").first.screenshot(path=tmp_path / "none.png")
        assert shot != fallback  # the font is what draws the headline
        with_font.screenshot(path=tmp_path / "page.png", full_page=True)
    finally:
        with_font.close()
        blocked.close()


def test_the_desk_sees_dates_duration_voice_chapters_and_the_mp3(site: Served, browser) -> None:
    page = open_page(browser, f"http://127.0.0.1:{site.port}/")
    try:
        info = page.evaluate("""() => ({
            days: [...document.querySelectorAll('section.day')].map(s => ({
                heading: s.querySelector('h2.day').textContent.trim(),
                titles: [...s.querySelectorAll('li.episode h3')].map(h => h.textContent)})),
            episodes: [...document.querySelectorAll('li.episode')].map(li => ({
                duration: li.querySelector('time.duration').textContent,
                voice: li.querySelector('.voice').textContent,
                chapters: [...li.querySelectorAll('ol.chapter-list li')].map(c => c.textContent),
                mp3: li.querySelector('a.mp3').getAttribute('download'),
                mp3Size: getComputedStyle(li.querySelector('a.mp3')).fontSize,
                otherSize: getComputedStyle(li.querySelector('ul.downloads a')).fontSize,
                mp3Bg: getComputedStyle(li.querySelector('a.mp3')).backgroundColor,
                played: li.querySelector('audio').played.length})),
        })""")
    finally:
        page.close()
    assert info["days"] == [
        {"heading": "7 दिसंबर 2024", "titles": HEADLINES[:2]},
        {"heading": "6 दिसंबर 2024", "titles": HEADLINES[2:]},
    ]
    for episode in info["episodes"]:
        assert episode["played"] == 0 and episode["duration"] == "0:02"
        assert episode["voice"] == "gtts (hi)"
        assert episode["chapters"] == ["0:00शीर्षक", "0:04मुख्य समाचार", "1:01महंगाई पर नज़र"]
        assert float(episode["mp3Size"][:-2]) > float(episode["otherSize"][:-2])
        assert episode["mp3Bg"] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    names = [e["mp3"] for e in info["episodes"]]
    assert names[0].startswith("2024-12-07-rizarva-baimk-ne-repo-dar-ghatai-")  # date + headline
    assert all(n.endswith(".mp3") and n[:10] in ("2024-12-07", "2024-12-06") for n in names)
