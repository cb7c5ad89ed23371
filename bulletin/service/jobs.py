"""Job records: one folder per job in the output folder, `.bulletin/jobs/<id>/`.

The folder holds the article as submitted and `job.json` (state, attempts, the built
episode, the error). It lives in the output folder because every machine of a newsroom
already shares that folder (the workers publish there), so the API, the hot-folder watcher
and workers on any machine see the same records with no further service. A job is created
by renaming a complete temporary folder into place: of four identical posts racing, one
rename wins and the others find the winner's job — the idempotency the API promises.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import PublishError
from ..files import write_bytes_atomic, write_text_atomic
from .articles import Submission

SERVICE_DIR = ".bulletin"
JOB_FILE = "job.json"
JOB_ID = re.compile(r"[0-9a-f]{32}")
State = Literal["queued", "running", "publishing", "done", "failed"]
FINISHED = ("done", "failed")


@dataclass(frozen=True)
class Job:
    id: str
    article_id: str
    source: str  # the article's file name inside the job folder
    state: State
    submitted: datetime
    updated: datetime
    origin: str = "api"  # "api" or "watch"
    attempts: int = 0  # deliveries to a worker, crashes included
    worker: str | None = None  # host:pid of the last worker that took it
    episode: dict[str, Any] | None = None  # the catalog record, once built
    staged: str | None = None  # where the built files wait to be published (in the job folder)
    error: str | None = None  # the one-line reason of a failure
    exit_class: str | None = None  # e.g. InputError; what `bulletin build` would exit with
    exit_code: int | None = None
    published: bool = False
    history: tuple[str, ...] = field(default=())  # "state@time by worker" lines, oldest first

    @property
    def finished(self) -> bool:
        return self.state in FINISHED


class JobStore:
    """The job folders of one output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.root = out_dir / SERVICE_DIR / "jobs"

    def create(self, submission: Submission, *, origin: str, now: datetime) -> tuple[Job, bool]:
        """The job for `submission`, and whether this call created it (False: it existed)."""
        job_id = submission.key
        existing = self.load(job_id)
        if existing is not None:
            return existing, False
        job = Job(id=job_id, article_id=submission.article_id, source=submission.file_name,
                  state="queued", submitted=now, updated=now, origin=origin,
                  history=(f"queued@{now.isoformat()}",))
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            temp = Path(tempfile.mkdtemp(prefix=".new-", dir=self.root))
            try:
                write_bytes_atomic(temp / submission.file_name, submission.data)
                write_text_atomic(temp / JOB_FILE, _dumps(job))
                os.rename(temp, self.root / job_id)
            except OSError:
                shutil.rmtree(temp, ignore_errors=True)
                if (self.root / job_id / JOB_FILE).is_file():  # a concurrent post won
                    return self._read(job_id), False
                raise
        except OSError as e:
            raise PublishError(f"cannot record the job in {self.root}: {e.strerror or e}") from e
        return job, True

    def load(self, job_id: str) -> Job | None:
        """The job, or None for an unknown or malformed id (never a path outside the store)."""
        if not JOB_ID.fullmatch(job_id) or not (self.root / job_id / JOB_FILE).is_file():
            return None
        return self._read(job_id)

    def get(self, job_id: str) -> Job:
        job = self.load(job_id)
        if job is None:
            raise PublishError(f"no job {job_id!r} in {self.root}")
        return job

    def save(self, job: Job) -> None:
        write_text_atomic(self.root / job.id / JOB_FILE, _dumps(job))

    def change(self, job: Job, state: State, now: datetime, **changes: Any) -> Job:
        """`job` moved to `state` (with `changes`), saved, its history one line longer."""
        line = f"{state}@{now.isoformat()}" + (f" by {changes['worker']}" if "worker" in changes
                                               else "")
        new = dataclasses.replace(job, state=state, updated=now, history=(*job.history, line),
                                  **changes)
        self.save(new)
        return new

    def source_path(self, job: Job) -> Path:
        return self.root / job.id / job.source

    def all(self) -> list[Job]:
        if not self.root.is_dir():
            return []
        found = (self.load(p.name) for p in self.root.iterdir())
        return sorted((j for j in found if j is not None), key=lambda j: j.submitted)

    def prune(self, before: datetime) -> int:
        """Delete the finished jobs last changed before `before`; returns how many."""
        old = [j for j in self.all() if j.finished and j.updated < before]
        for job in old:
            shutil.rmtree(self.root / job.id, ignore_errors=True)
        return len(old)

    def _read(self, job_id: str) -> Job:
        path = self.root / job_id / JOB_FILE
        try:
            data = json.loads(path.read_text("utf-8"))
            data["submitted"] = datetime.fromisoformat(data["submitted"])
            data["updated"] = datetime.fromisoformat(data["updated"])
            data["history"] = tuple(data.get("history", ()))
            return Job(**data)
        except (OSError, ValueError, TypeError, KeyError) as e:
            raise PublishError(f"{path}: damaged job record ({e})") from None


def _dumps(job: Job) -> str:
    record = dataclasses.asdict(job)
    record["submitted"] = job.submitted.isoformat()
    record["updated"] = job.updated.isoformat()
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"
