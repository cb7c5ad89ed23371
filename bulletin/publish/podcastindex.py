"""feedgen extensions for the tags it lacks: Podcasting 2.0 and Apple's `itunes:explicit`.

Imported by `feed.render_feed` only, so feedgen and lxml load when a feed is written.
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

NS_ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS_PODCAST = "https://podcastindex.org/namespace/1.0"


class PodcastIndexExtension(BaseExtension):
    """Channel tags feedgen lacks: podcast:guid, podcast:locked, itunes:explicit true/false."""

    def __init__(self) -> None:
        self._guid = ""
        self._owner_email = ""
        self._explicit = False

    def configure(self, *, guid: str, owner_email: str, explicit: bool) -> None:
        self._guid, self._owner_email, self._explicit = guid, owner_email, explicit

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": NS_PODCAST, "itunes": NS_ITUNES}

    def extend_rss(self, feed):  # type: ignore[no-untyped-def]  # feedgen's lxml element
        channel = feed[0]
        xml_elem(f"{{{NS_ITUNES}}}explicit", channel).text = "true" if self._explicit else "false"
        xml_elem(f"{{{NS_PODCAST}}}guid", channel).text = self._guid
        locked = xml_elem(f"{{{NS_PODCAST}}}locked", channel)
        locked.text = "no"  # others may import the feed; `yes` would block moving hosts
        locked.set("owner", self._owner_email)
        return feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item tags feedgen lacks: podcast:transcript (one per format) and podcast:chapters."""

    def __init__(self) -> None:
        self._transcripts: list[tuple[str, str, str]] = []  # (url, MIME type, language)
        self._chapters: tuple[str, str] | None = None  # (url, MIME type)

    def configure(
        self, *, transcripts: list[tuple[str, str, str]], chapters: tuple[str, str] | None
    ) -> None:
        self._transcripts, self._chapters = transcripts, chapters

    def extend_rss(self, item):  # type: ignore[no-untyped-def]  # feedgen's lxml element
        for url, mime, language in self._transcripts:
            el = xml_elem(f"{{{NS_PODCAST}}}transcript", item)
            el.attrib.update({"url": url, "type": mime, "language": language, "rel": "captions"})
        if self._chapters:
            url, mime = self._chapters
            el = xml_elem(f"{{{NS_PODCAST}}}chapters", item)
            el.attrib.update({"url": url, "type": mime})
        return item
