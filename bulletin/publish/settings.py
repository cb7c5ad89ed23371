"""Show metadata and publishing settings (`show:` and `publish:` in bulletin.yaml).

Checked when the config is loaded, so a bad URL or description fails before a build starts,
not after minutes of synthesis when the feed is written.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError

MAX_DESCRIPTION_BYTES = 4000  # Apple's limit for the channel description
DEFAULT_HOST = "127.0.0.1"  # `bulletin serve`: local only unless asked
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class ShowSettings:
    title: str = "हिंदी समाचार बुलेटिन"
    description: str = "समाचार लेखों से बने हिंदी ऑडियो बुलेटिन।"
    author: str = "bulletin"
    owner_name: str = "bulletin"
    owner_email: str = "news@example.com"
    language: str = "hi"
    category: str = "News"
    subcategory: str | None = "Daily News"
    explicit: bool = False
    base_url: str = "http://localhost:8000/"  # where the output folder is served
    link: str | None = None  # the show's web page; defaults to base_url
    cover: Path | None = None  # PNG/JPEG, square 1400-3000 px; generated when None
    copyright: str | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or (
            parts.fragment
        ):
            raise ConfigError(
                f"`show.base_url` {self.base_url!r} must be an absolute http(s) URL of the folder "
                "where the output is served, e.g. https://news.example.org/podcast/"
            )
        size = len(self.description.strip().encode("utf-8"))
        if not 0 < size <= MAX_DESCRIPTION_BYTES:
            raise ConfigError(
                f"`show.description` must be 1 to {MAX_DESCRIPTION_BYTES} bytes of text "
                f"(it has {size}); Apple rejects feeds otherwise"
            )


@dataclass(frozen=True)
class PublishSettings:
    max_episodes: int | None = None  # prune the oldest (with their files) beyond this

    def __post_init__(self) -> None:
        if self.max_episodes is not None and self.max_episodes < 1:
            raise ConfigError("`publish.max_episodes` must be at least 1 (or left out: keep all)")
