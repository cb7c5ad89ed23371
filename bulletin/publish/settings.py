"""Show metadata and publishing settings (`show:` and `publish:` in bulletin.yaml).

Checked when the config is loaded, so a bad URL or description fails before a build starts,
not after minutes of synthesis when the feed is written.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from ..setting import InvalidSetting, check_fields, setting

MAX_DESCRIPTION_BYTES = 4000  # Apple's limit for the channel description
DEFAULT_HOST = "127.0.0.1"  # `bulletin serve`: local only unless asked
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class ShowSettings:
    """`shapes=True`: written into each episode's MP3 tags; the rest only reach the feed."""

    SECTION: ClassVar[str] = "show"

    title: str = setting("हिंदी समाचार बुलेटिन", shapes=True)  # ID3 album
    description: str = setting("समाचार लेखों से बने हिंदी ऑडियो बुलेटिन।", shapes=False)
    author: str = setting("bulletin", shapes=True)  # ID3 artist unless the article names one
    owner_name: str = setting("bulletin", shapes=False)
    owner_email: str = setting("news@example.com", shapes=False)
    language: str = setting("hi", shapes=False)
    category: str = setting("News", shapes=False)
    subcategory: str | None = setting("Daily News", shapes=False)
    explicit: bool = setting(False, shapes=False)
    base_url: str = setting("http://localhost:8000/", shapes=False)  # where the output is served
    link: str | None = setting(None, shapes=False)  # the show's web page; defaults to base_url
    # PNG/JPEG, square 1400-3000 px; generated when None; the MP3 cover of episodes without art
    cover: Path | None = setting(None, shapes=True)
    copyright: str | None = setting(None, shapes=False)

    def __post_init__(self) -> None:
        check_fields(self)
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or (
            parts.fragment
        ):
            raise InvalidSetting(
                self, "base_url", f"{self.base_url!r} must be an absolute http(s) URL of the "
                "folder where the output is served, e.g. https://news.example.org/podcast/"
            )
        size = len(self.description.strip().encode("utf-8"))
        if not 0 < size <= MAX_DESCRIPTION_BYTES:
            raise InvalidSetting(
                self, "description", f"must be 1 to {MAX_DESCRIPTION_BYTES} bytes of text "
                f"(it has {size}); Apple rejects feeds otherwise"
            )


    def placeholders(self) -> list[str]:
        """What still keeps the feed from working beyond this machine, one phrase each.

        A localhost or plain-http `base_url` gives enclosure URLs no app can fetch (the W3C
        validator rejects them); an example.com owner address is not a newsroom's.
        """
        problems = []
        parts = urlsplit(self.base_url)
        host = (parts.hostname or "").lower()
        if host in _LOCAL_HOSTS or host.endswith(".local") or host.startswith("127."):
            problems.append(f"`show.base_url` {self.base_url} is this machine: "
                            "apps elsewhere cannot fetch the episodes")
        elif parts.scheme != "https":
            problems.append(f"`show.base_url` {self.base_url} is not https")
        domain = self.owner_email.rpartition("@")[2].lower()
        if domain in _EXAMPLE_DOMAINS or domain.endswith(_RESERVED_SUFFIXES):
            problems.append(f"`show.owner_email` {self.owner_email} is a placeholder")
        return problems


_LOCAL_HOSTS = frozenset({"localhost", "0.0.0.0", "::1", "ip6-localhost"})
_EXAMPLE_DOMAINS = frozenset({"example.com", "example.org", "example.net", ""})
_RESERVED_SUFFIXES = (".example", ".invalid", ".test", ".localhost", ".example.com")


@dataclass(frozen=True)
class PublishSettings:
    SECTION: ClassVar[str] = "publish"

    # prune the oldest (with their files) beyond this; None keeps all
    max_episodes: int | None = setting(None, shapes=False, low=1)

    def __post_init__(self) -> None:
        check_fields(self)
