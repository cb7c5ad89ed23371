"""Submitting an article: check it, record its job once, queue its build.

The API and the hot-folder watcher both come through here, so both get the same
idempotency (article id + content hash → one job) and the same early refusal: an article
the reader cannot read (binary, empty, too large, bad front matter) is refused at once with
the reader's one-line reason, and never becomes a job.
"""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from dramatiq.broker import Broker

from ..config import Config
from ..errors import InputError, PublishError
from ..read import read_article
from .articles import Submission
from .jobs import Job, JobStore
from .queue import BUILD, send

log = logging.getLogger(__name__)

FORMAT_OF_SUFFIX = {".txt": "txt", ".md": "md", ".html": "html"}


@dataclasses.dataclass(frozen=True)
class Service:
    """What the API and the watcher share: the config, the output folder and the queue."""

    config: Config
    out_dir: Path
    broker: Broker
    clock: Callable[[], datetime]

    @property
    def store(self) -> JobStore:
        return JobStore(self.out_dir)

    def submit(self, submission: Submission, *, origin: str) -> tuple[Job, bool]:
        """The article's job and whether it was queued now; a failed job posted again runs
        again, and so does one queued for longer than `service.build_timeout_s`."""
        store = self.store
        job = store.load(submission.key)
        if job is None:
            check_article(submission, self.config)
            job, created = store.create(submission, origin=origin, now=self.clock())
            if not created:
                return job, False
        elif job.state == "failed":
            job = store.change(job, "queued", self.clock(), attempts=0, error=None,
                               exit_class=None, exit_code=None)
        elif not self._lost(job):
            return job, False
        try:
            send(self.broker, BUILD, job.id)
        except Exception as e:  # any broker failure (Redis down, disk full): say so, keep the job
            reason = f"cannot reach the queue: {type(e).__name__}: {e}"
            store.change(job, "failed", self.clock(), error=reason, exit_class="QueueError",
                         exit_code=PublishError.exit_code)
            raise PublishError(f"{reason}; post the article again when the queue is back") from e
        return job, True

    def _lost(self, job: Job) -> bool:
        """Queued for longer than a build may take: its message was lost (the submitter died
        between recording and queueing it), so queueing it again is safe (tasks are
        idempotent) and nothing waits forever."""
        waited = self.clock() - job.updated
        return job.state == "queued" and waited > timedelta(
            seconds=self.config.service.build_timeout_s)


def check_article(submission: Submission, config: Config) -> None:
    """Read the article as the build will; InputError (naming the file) if it cannot."""
    try:
        read_article("-", config.input, stdin=io.BytesIO(submission.data),
                     source_format=FORMAT_OF_SUFFIX[submission.suffix])
    except InputError as e:
        message = str(e)
        if message.startswith("stdin"):
            message = submission.file_name + message[len("stdin"):]
        raise InputError(message) from None
