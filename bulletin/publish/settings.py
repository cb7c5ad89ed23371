"""Show metadata and publishing settings (`show:` and `publish:` in bulletin.yaml)."""

from dataclasses import dataclass
from pathlib import Path


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


@dataclass(frozen=True)
class PublishSettings:
    max_episodes: int | None = None  # prune the oldest (with their files) beyond this
