"""`feed.xml`: RSS 2.0 + iTunes + Podcasting 2.0, built with feedgen (no XML by hand).

feedgen's podcast extension writes the iTunes tags; `podcastindex.py` adds what it lacks:
`podcast:guid`, `podcast:locked`, `podcast:transcript`, `podcast:chapters`, and
`itunes:explicit` as Apple's `true`/`false` (feedgen only knows the legacy yes/no/clean).
pubDates are written in UTC (`+0000`): unambiguous for every parser.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from ..errors import PublishError
from ..models import Episode
from .catalog import as_aware
from .settings import MAX_DESCRIPTION_BYTES, ShowSettings

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

FEED_NAME = "feed.xml"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

# kind of an episode file → podcast:transcript type; VTT first, as apps take the first.
TRANSCRIPT_KINDS = ("vtt", "srt")  # MIME types come from the episode's file records
# Characters XML 1.0 cannot carry at all (lxml refuses them): C0 controls but tab/LF/CR.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def base_url(show: ShowSettings) -> str:
    """`show.base_url` (checked by ShowSettings) with one trailing slash."""
    return show.base_url.rstrip("/") + "/"


def file_url(show: ShowSettings, name: str) -> str:
    return base_url(show) + quote(name)


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0 `podcast:guid`: UUIDv5 of the feed URL without scheme and trailing `/`."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def render_feed(
    show: ShowSettings, episodes: Sequence[Episode], *, cover_name: str, now: datetime,
    revision: str = "",
) -> bytes:
    """The whole feed, newest episode first, as UTF-8 bytes ready for an atomic write.

    `revision` (what the feed was made from, see `update.heal`) goes into a comment after
    the XML declaration, where a check finds it without parsing the feed.
    """
    # here: feedgen and lxml (~0.03 s) load only when a feed is written
    from feedgen.feed import FeedGenerator

    from .podcastindex import PodcastIndexEntryExtension, PodcastIndexExtension

    feed_url = file_url(show, FEED_NAME)
    description = _xml_text(show.description).strip()
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(_xml_text(show.title))
    fg.description(description)
    fg.link(href=feed_url, rel="self")
    fg.link(href=show.link or base_url(show), rel="alternate")  # the last link is RSS <link>
    fg.language(show.language)
    fg.generator("bulletin")
    fg.lastBuildDate(_utc(now))
    if show.copyright:
        fg.rights(_xml_text(show.copyright))
    fg.podcast.itunes_author(_xml_text(show.author))
    fg.podcast.itunes_owner(name=_xml_text(show.owner_name), email=show.owner_email)
    fg.podcast.itunes_image(file_url(show, cover_name))
    fg.podcast.itunes_category(show.category, show.subcategory)
    fg.podcast.itunes_type("episodic")
    fg.podcastindex.configure(
        guid=podcast_guid(feed_url), owner_email=show.owner_email, explicit=show.explicit
    )
    for episode in episodes:
        _add_item(fg, show, episode)
    declaration, rss = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True).split(
        b"\n", 1
    )
    stamp = f"<!-- bulletin-revision: {revision} -->\n".encode() if revision else b""
    return declaration + b"\n" + stamp + rss


def _add_item(fg: FeedGenerator, show: ShowSettings, episode: Episode) -> None:
    mp3 = episode.file("mp3")
    if mp3 is None:  # publish checks this on the way in; a hand-edited catalog lands here
        raise PublishError(f"episode {episode.slug} has no MP3 file in the catalog")
    fe = fg.add_entry(order="append")
    fe.guid(episode.guid, permalink=False)
    fe.title(_xml_text(episode.title))
    fe.link(href=episode_page_url(show, episode))  # apps link "open episode page" here
    fe.description(_clip(_xml_text(episode.description) or _xml_text(episode.title)))
    fe.enclosure(file_url(show, mp3.name), str(mp3.size_bytes), mp3.mime)
    fe.pubDate(_utc(episode.published))
    fe.podcast.itunes_duration(round(episode.duration_ms / 1000))
    fe.podcast.itunes_episode_type("full")
    if episode.image:
        fe.podcast.itunes_image(episode_image_url(show, episode.image))
    transcripts = [
        (file_url(show, f.name), f.mime, episode.language)
        for kind in TRANSCRIPT_KINDS
        if (f := episode.file(kind))
    ]
    chapters = episode.file("chapters")
    fe.podcastindex.configure(
        transcripts=transcripts,
        chapters=(file_url(show, chapters.name), chapters.mime) if chapters else None,
    )


def episode_page_url(show: ShowSettings, episode: Episode) -> str:
    """The episode on the download page (`index.html` gives each episode its slug as id)."""
    return f"{base_url(show)}#{quote(episode.slug)}"


def episode_image_url(show: ShowSettings, image: str) -> str:
    """An episode image is an absolute URL or a file name in the output folder (.jpg/.png)."""
    absolute = urlsplit(image).scheme in ("http", "https")
    return image if absolute else file_url(show, image)


def _utc(when: datetime) -> datetime:
    return as_aware(when).astimezone(UTC)


def _xml_text(text: str) -> str:
    """Drop the control characters XML 1.0 cannot represent; escaping is lxml's job."""
    return _NOT_XML.sub("", text)


def _clip(text: str) -> str:
    """Apple allows 4000 bytes of description: cut at a word boundary and mark the cut."""
    if len(text.encode()) <= MAX_DESCRIPTION_BYTES:
        return text
    cut = text.encode()[: MAX_DESCRIPTION_BYTES - len("…".encode())].decode("utf-8", "ignore")
    return cut.rsplit(maxsplit=1)[0] + "…"
