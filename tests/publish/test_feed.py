"""The feed as apps read it: strict XML + XPath, feedparser and gPodder's podcastparser."""

from __future__ import annotations

import dataclasses
import email.utils
import io
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree, html
from PIL import Image

from bulletin.errors import ConfigError
from bulletin.models import Episode
from bulletin.publish import publish
from bulletin.publish.feed import podcast_guid
from bulletin.publish.settings import PublishSettings, ShowSettings

from .conftest import T0, MakeEpisode, clock

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0",
      "atom": "http://www.w3.org/2005/Atom"}
# Literal text, not markup. (feedparser guesses "HTML" for titles holding `<b>` or `&amp;` and
# then sanitizes them: RSS titles are ambiguous; this one it keeps as plain text.)
HOSTILE = "R&D: 5 < 7 ]]> \"उद्धरण\" 'a' <![CDATA[x]]> <script>alert(1)</script>"


def three(out: Path, make_episode: MakeEpisode, show: ShowSettings,
          settings: PublishSettings) -> tuple[Episode, ...]:
    for i, slug in enumerate(["pehla", "doosra", "teesra"]):
        ep = make_episode(out, slug, published=T0 + timedelta(days=i),
                          kinds=("mp3", "vtt", "srt", "chapters", "wav", "cues"))
        catalog = publish(out, show, settings, add=ep, clock=clock)
    return catalog


def xml(out: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    return etree.fromstring((out / "feed.xml").read_bytes(), parser)


@pytest.fixture
def out(tmp_path: Path, make_episode: MakeEpisode, show: ShowSettings,
        settings: PublishSettings) -> Path:
    three(tmp_path / "out", make_episode, show, settings)
    return tmp_path / "out"


def one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, path
    return found[0]


def test_channel_has_every_tag_apple_and_podcasting20_ask_for(out: Path, show: ShowSettings):
    root = xml(out)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert set(NS.items()) <= set(root.nsmap.items())  # declared on <rss>, as Apple wants
    ch = one(root, "/rss/channel")
    base = show.base_url
    assert one(ch, "title").text == show.title
    assert one(ch, "description").text == show.description
    assert one(ch, "link").text == base
    assert one(ch, "language").text == "hi"
    cover = one(ch, "itunes:image").get("href")
    assert cover.startswith(base) and cover.endswith(".png")
    with Image.open(out / cover.removeprefix(base)) as im:
        assert (im.format, im.size, im.mode) == ("PNG", (1400, 1400), "RGB")
    cat = one(ch, "itunes:category")
    assert cat.get("text") == "News" and one(cat, "itunes:category").get("text") == "Daily News"
    assert one(ch, "itunes:explicit").text == "false"
    assert one(ch, "itunes:author").text == show.author
    assert one(ch, "itunes:owner/itunes:name").text == show.owner_name
    assert one(ch, "itunes:owner/itunes:email").text == "desk@example.org"
    assert one(ch, "atom:link[@rel='self']").get("href") == base + "feed.xml"
    assert one(ch, "itunes:type").text == "episodic"
    assert email.utils.parsedate_to_datetime(one(ch, "lastBuildDate").text) == clock()
    ns = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    assert one(ch, "podcast:guid").text == str(uuid.uuid5(ns, "127.0.0.1:8000/news/feed.xml"))
    locked = one(ch, "podcast:locked")
    assert (locked.text, locked.get("owner")) == ("no", "desk@example.org")


def test_items_have_every_tag_with_exact_lengths(out: Path, show: ShowSettings):
    items = xml(out).xpath("/rss/channel/item")
    assert [one(i, "title").text for i in items] == ["समाचार teesra", "समाचार doosra",
                                                     "समाचार pehla"]  # newest first
    for item in items:
        enc = one(item, "enclosure")
        name = enc.get("url").removeprefix(show.base_url)
        assert enc.get("url").startswith(show.base_url) and name.endswith(".mp3")
        assert int(enc.get("length")) == (out / name).stat().st_size
        assert enc.get("type") == "audio/mpeg"
        guid = one(item, "guid")
        assert guid.get("isPermaLink") == "false" and guid.text.startswith("urn:bulletin:")
        assert one(item, "description").text == "पहला अनुच्छेद।"
        assert one(item, "itunes:duration").text == "2"
        # #12: the episode's own link (its place on the page) and its type
        slug = guid.text.removeprefix("urn:bulletin:")
        assert one(item, "link").text == f"{show.base_url}#{slug}"
        assert one(item, "itunes:episodeType").text == "full"
        vtt, srt = item.xpath("podcast:transcript", namespaces=NS)
        assert (vtt.get("type"), vtt.get("language")) == ("text/vtt", "hi")
        assert srt.get("type") == "application/x-subrip"
        chapters = one(item, "podcast:chapters")
        assert chapters.get("type") == "application/json+chapters"
        for link in (vtt, srt, chapters):
            assert (out / link.get("url").removeprefix(show.base_url)).is_file()


def test_pubdate_is_rfc822_with_the_right_weekday(out: Path):
    for item in xml(out).xpath("/rss/channel/item"):
        text = one(item, "pubDate").text
        when = email.utils.parsedate_to_datetime(text)
        assert text.startswith(when.strftime("%a, ")) and text.endswith("+0000")
    assert one(xml(out), "/rss/channel/item[last()]/pubDate").text == \
        "Fri, 06 Dec 2024 09:30:00 +0000"


def test_naive_datetimes_are_india_time(tmp_path: Path, make_episode: MakeEpisode,
                                        show: ShowSettings, settings: PublishSettings):
    ep = make_episode(tmp_path, "naive", published=datetime(2024, 12, 7, 10, 0))
    publish(tmp_path, show, settings, add=ep, clock=clock)
    assert one(xml(tmp_path), "//item/pubDate").text == "Sat, 07 Dec 2024 04:30:00 +0000"


def test_feedparser_and_podcastparser_read_every_episode(out: Path, show: ShowSettings):
    data = (out / "feed.xml").read_bytes()
    fp = feedparser.parse(data)
    assert not fp.bozo and fp.version == "rss20"
    assert len(fp.entries) == 3
    assert fp.feed.language == "hi"
    pp = podcastparser.parse(show.base_url + "feed.xml", io.BytesIO(data))
    assert len(pp["episodes"]) == 3
    assert {e.id for e in fp.entries} == {e["guid"] for e in pp["episodes"]} == {
        "urn:bulletin:pehla", "urn:bulletin:doosra", "urn:bulletin:teesra"}
    for entry, ep in zip(fp.entries, pp["episodes"], strict=True):
        (enc,) = entry.enclosures
        (ppenc,) = ep["enclosures"]
        size = (out / enc.href.removeprefix(show.base_url)).stat().st_size
        assert int(enc.length) == ppenc["file_size"] == size
        assert ppenc["mime_type"] == "audio/mpeg"
        assert ep["total_time"] == 2 and ep["published"] > 0
        assert entry.published_parsed is not None


def test_hostile_titles_round_trip(tmp_path: Path, make_episode: MakeEpisode,
                                   show: ShowSettings, settings: PublishSettings):
    ep = make_episode(tmp_path, "hostile", title=HOSTILE, description=HOSTILE + " \x00\x0b end")
    show = dataclasses.replace(show, title="A & B <news> ]]>")
    publish(tmp_path, show, settings, add=ep, clock=clock)
    root = xml(tmp_path)
    assert one(root, "//item/title").text == HOSTILE
    assert one(root, "//item/description").text == HOSTILE + "  end"  # XML-invalid chars gone
    assert one(root, "/rss/channel/title").text == "A & B <news> ]]>"
    data = (tmp_path / "feed.xml").read_bytes()
    pp = podcastparser.parse(show.base_url + "feed.xml", io.BytesIO(data))
    assert pp["episodes"][0]["title"] == HOSTILE
    fp = feedparser.parse(data)
    assert fp.entries[0].title == HOSTILE
    page = html.fromstring((tmp_path / "index.html").read_bytes())
    assert page.xpath("string(//li[@class='episode']/h3)") == HOSTILE
    assert not page.xpath("//script")  # no markup got through


def test_long_descriptions_are_clipped_to_4000_bytes(tmp_path: Path, make_episode: MakeEpisode,
                                                     show: ShowSettings, settings: PublishSettings):
    ep = make_episode(tmp_path, "long", description="समाचार " * 1000)
    publish(tmp_path, show, settings, add=ep, clock=clock)
    text = one(xml(tmp_path), "//item/description").text
    assert len(text.encode()) <= 4000 and text.endswith("समाचार…")


def test_episode_image_becomes_itunes_image(tmp_path: Path, make_episode: MakeEpisode,
                                            show: ShowSettings, settings: PublishSettings):
    ep = dataclasses.replace(make_episode(tmp_path, "img"), image="https://cdn.example.org/a.jpg")
    publish(tmp_path, show, settings, add=ep, clock=clock)
    assert one(xml(tmp_path), "//item/itunes:image").get("href") == "https://cdn.example.org/a.jpg"


@pytest.mark.parametrize("change", [
    {"base_url": "ftp://example.org/"}, {"base_url": "audio_out"},
    {"description": "x" * 4001}, {"description": "  "},
])
def test_bad_show_settings_are_config_errors(tmp_path: Path, make_episode: MakeEpisode,
                                             show: ShowSettings, settings: PublishSettings,
                                             change: dict):
    ep = make_episode(tmp_path, "x")
    with pytest.raises(ConfigError):
        publish(tmp_path, dataclasses.replace(show, **change), settings, add=ep, clock=clock)
    assert not (tmp_path / "feed.xml").exists() and not (tmp_path / ".catalog.json").exists()


def test_podcast_guid_matches_the_spec_example():
    # the example in the Podcasting 2.0 namespace documentation
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == \
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert podcast_guid("http://example.org/feed/") == podcast_guid("https://example.org/feed")
