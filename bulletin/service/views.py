"""The JSON the API answers and the webhook sends: jobs and episodes, with their public URLs.

Server paths (the article's source file, staging folders) never appear: a newsroom's CMS
needs ids, states and URLs, not the layout of the machines.
"""

from __future__ import annotations

from typing import Any

from ..models import Episode
from ..publish.feed import FEED_NAME, file_url
from ..publish.page import PAGE_NAME
from ..publish.settings import ShowSettings
from .jobs import Job


def job_view(job: Job, show: ShowSettings) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": job.id,
        "url": f"/v1/jobs/{job.id}",
        "state": job.state,
        "article_id": job.article_id,
        "origin": job.origin,
        "submitted": job.submitted.isoformat(),
        "updated": job.updated.isoformat(),
        "attempts": job.attempts,
    }
    if job.state == "done" and job.episode is not None:
        episode = job.episode
        mp3 = next((f["name"] for f in episode["files"] if f["kind"] == "mp3"), None)
        view["episode"] = {
            "id": episode["slug"],
            "guid": episode["guid"],
            "title": episode["title"],
            "mp3_url": file_url(show, mp3) if mp3 else None,
            "feed_url": file_url(show, FEED_NAME),
            "page_url": file_url(show, PAGE_NAME),
        }
    if job.state == "failed":
        view["error"] = job.error
        view["exit_class"] = job.exit_class
        view["exit_code"] = job.exit_code
    return view


def episode_view(episode: Episode, show: ShowSettings) -> dict[str, Any]:
    mp3 = episode.file("mp3")
    return {
        "id": episode.slug,
        "guid": episode.guid,
        "title": episode.title,
        "published": episode.published.isoformat(),
        "duration_s": round(episode.duration_ms / 1000, 1),
        "engine": episode.engine,
        "mp3_url": file_url(show, mp3.name) if mp3 else None,
    }
