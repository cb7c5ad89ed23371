"""The two tasks a worker runs: `build` (article → staged files) and `publish` (into the feed).

Both may run more than once for one job — a worker killed after the build but before the
acknowledgement, a publish retried after a crash — so both are idempotent: a job that is
finished is left alone, a build whose episode is already in the catalog is up to date, and
a publish of an episode the catalog already lists (same slug, same fingerprint, files in
place) changes nothing. Only `publish` touches the catalog, under its lock.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import dramatiq
from dramatiq.broker import Broker
from dramatiq.middleware import CurrentMessage

from ..build import build_episode
from ..config import Config
from ..errors import BulletinError, PublishError
from ..models import Episode
from ..publish import catalog, publish
from .jobs import Job, JobStore
from .queue import BUILD, PUBLISH, send
from .views import job_view
from .webhook import notify

log = logging.getLogger(__name__)

EXIT_INTERNAL = 70  # what `bulletin build` exits with for a bug


@dataclass(frozen=True)
class WorkerContext:
    """What every task of one worker process needs; no global state."""

    config: Config
    out_dir: Path
    cache_dir: Path | None
    clock: Callable[[], datetime]
    name: str = dataclasses.field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    @property
    def store(self) -> JobStore:
        return JobStore(self.out_dir)


def declare_tasks(broker: Broker, ctx: WorkerContext) -> None:
    """Register `build` and `publish` on `broker`, bound to this worker's context."""
    time_limit = int(ctx.config.service.build_timeout_s * 1000)

    def build(job_id: str) -> None:
        run_build(ctx, broker, job_id)

    def publish_(job_id: str) -> None:
        run_publish(ctx, job_id)

    dramatiq.actor(build, broker=broker, actor_name=BUILD, queue_name=BUILD,
                   time_limit=time_limit)
    dramatiq.actor(publish_, broker=broker, actor_name=PUBLISH, queue_name=PUBLISH,
                   time_limit=time_limit)


def run_build(ctx: WorkerContext, broker: Broker, job_id: str) -> None:
    store = ctx.store
    job = store.load(job_id)
    if job is None:
        log.warning("build: no job %s in %s; message dropped", job_id, store.root)
        return
    if job.state != "queued" and job.state != "running":
        return  # finished, or built and waiting for its publish task: a repeated delivery
    if job.attempts >= ctx.config.service.max_attempts:
        _fail(ctx, job, f"gave up after {job.attempts} attempts: the worker running it "
                        "stopped each time (killed, out of memory?)", "WorkerLost", EXIT_INTERNAL)
        return
    job = store.change(job, "running", ctx.clock(), attempts=job.attempts + 1, worker=ctx.name)
    try:
        result = build_episode(store.source_path(job), ctx.config, ctx.out_dir, clock=ctx.clock,
                               cache_dir=ctx.cache_dir,
                               episode_id=job.article_id)  # the API's id names the episode
    except BulletinError as e:  # the input or the setup is wrong: retrying cannot help
        _fail(ctx, job, str(e), type(e).__name__, e.exit_code)
        return
    except Exception as e:
        if _last_try(ctx):
            _fail(ctx, job, f"internal error: {type(e).__name__}: {e}", type(e).__name__,
                  EXIT_INTERNAL)
            return
        raise  # Dramatiq retries it with backoff
    if result.up_to_date or result.staging is None:
        _done(ctx, job, result.episode, published=False)
        return
    # The staged files leave the build's work folder (which dies with this task: any later
    # build would sweep it) for the job's folder, where the publish task finds them.
    staged = store.root / job.id / f"staged-{uuid.uuid4().hex[:12]}"
    try:
        os.rename(result.staging, staged)
    finally:
        result.discard()
    store.change(job, "publishing", ctx.clock(), episode=catalog.to_dict(result.episode),
                 staged=staged.relative_to(ctx.out_dir).as_posix())
    send(broker, PUBLISH, job.id)


def run_publish(ctx: WorkerContext, job_id: str) -> None:
    store = ctx.store
    job = store.load(job_id)
    if job is None or job.state != "publishing" or job.episode is None or job.staged is None:
        return  # unknown, finished or not built: a repeated delivery
    episode = catalog.from_dict(job.episode)
    staged = ctx.out_dir / job.staged
    config = ctx.config
    if not _listed(ctx.out_dir, episode):
        try:
            publish(ctx.out_dir, config.show, config.publish, add=episode,
                    staged_in=staged, clock=ctx.clock)
        except PublishError as e:
            if not _listed(ctx.out_dir, episode):  # else a concurrent delivery published it
                shutil.rmtree(staged, ignore_errors=True)
                _fail(ctx, job, str(e), type(e).__name__, e.exit_code)
                return
    shutil.rmtree(staged, ignore_errors=True)
    _done(ctx, job, catalog.find(ctx.out_dir, episode.slug) or episode, published=True)


def _listed(out_dir: Path, episode: Episode) -> bool:
    """The catalog already lists this very episode, with every file in place."""
    found = catalog.find(out_dir, episode.slug)
    return (
        found is not None
        and found.fingerprint == episode.fingerprint
        and all((out_dir / f.name).is_file() for f in found.files)
    )


def _last_try(ctx: WorkerContext) -> bool:
    message = CurrentMessage.get_current_message()
    retries = message.options.get("retries", 0) if message is not None else 0
    return retries >= ctx.config.service.max_attempts - 1


def _done(ctx: WorkerContext, job: Job, episode: Episode, *, published: bool) -> None:
    job = ctx.store.change(job, "done", ctx.clock(), episode=catalog.to_dict(episode),
                           published=published, worker=ctx.name)
    log.info("job %s done: episode %s", job.id, episode.slug)
    _notify(ctx, job)


def _fail(ctx: WorkerContext, job: Job, error: str, exit_class: str, exit_code: int) -> None:
    line = " ".join(error.split())
    job = ctx.store.change(job, "failed", ctx.clock(), error=line, exit_class=exit_class,
                           exit_code=exit_code, worker=ctx.name)
    log.warning("job %s failed: %s", job.id, line)
    _notify(ctx, job)


def _notify(ctx: WorkerContext, job: Job) -> None:
    service = ctx.config.service
    if service.webhook_url:
        notify(service.webhook_url, service.webhook_secret(), job_view(job, ctx.config.show))
