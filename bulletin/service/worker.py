"""`bulletin worker`: N worker processes, each a Dramatiq worker running one job at a time.

Processes, not threads: a build is CPU work (synthesis, mixing, encoding), and a crash or
a kill takes one job with it, which the queue hands to another worker. The supervisor
restarts a worker that died and, on SIGTERM or Ctrl-C, lets each finish its current job.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dramatiq import Worker

from ..config import Config
from .jobs import JobStore
from .queue import QUEUES, make_broker
from .tasks import WorkerContext, declare_tasks

log = logging.getLogger(__name__)

RESTART_PAUSE_S = 1.0
PRUNE_EVERY_S = 3600.0
STOP_GRACE_S = 30.0  # a worker still busy after this on shutdown is killed; its job runs again
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker process needs, picklable for `spawn`."""

    config: Config
    out_dir: Path
    queue_url: str
    cache_dir: Path | None
    log_level: int = logging.WARNING


def run_workers(spec: WorkerSpec, jobs: int, stop: threading.Event,
                clock: Callable[[], datetime]) -> None:
    """Keep `jobs` worker processes running until `stop` is set; then stop them gracefully.

    Once an hour (and at start) finished job records past `service.keep_jobs_days` go.
    """
    context = multiprocessing.get_context("spawn")  # no inherited locks or threads
    procs: list[multiprocessing.process.BaseProcess] = []
    for _ in range(jobs):
        procs.append(_start(context, spec))
    log.info("%d worker(s) on %s for %s", jobs, spec.queue_url, spec.out_dir)
    pruned_at = -PRUNE_EVERY_S
    while not stop.wait(RESTART_PAUSE_S):
        if time.monotonic() - pruned_at >= PRUNE_EVERY_S:
            keep = timedelta(days=spec.config.service.keep_jobs_days)
            removed = JobStore(spec.out_dir).prune(clock() - keep)
            if removed:
                log.info("deleted %d finished job record(s) older than %s", removed, keep)
            pruned_at = time.monotonic()
        for i, proc in enumerate(procs):
            if not proc.is_alive():
                log.warning("worker %s exited with %s; starting another", proc.pid, proc.exitcode)
                procs[i] = _start(context, spec)
    for proc in procs:
        proc.terminate()  # SIGTERM: finish the current job, then exit
    for proc in procs:
        proc.join(STOP_GRACE_S)
        if proc.is_alive():
            proc.kill()
            proc.join()


def _start(context: multiprocessing.context.BaseContext,
           spec: WorkerSpec) -> multiprocessing.process.BaseProcess:
    proc = context.Process(target=worker_main, args=(spec,), name="bulletin-worker")
    proc.start()
    return proc


def worker_main(spec: WorkerSpec) -> None:
    """One worker process: a Dramatiq worker with one thread, until SIGTERM.

    Ctrl-C reaches the whole process group; the supervisor answers it (with SIGTERM to each
    worker), so a worker ignores SIGINT and is never restarted half-way through a shutdown.
    """
    logging.basicConfig(level=spec.log_level, format=LOG_FORMAT)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    broker = make_broker(spec.queue_url, spec.out_dir, spec.config.service)
    ctx = WorkerContext(config=spec.config, out_dir=spec.out_dir, cache_dir=spec.cache_dir,
                        clock=lambda: datetime.now(UTC))
    declare_tasks(broker, ctx)
    worker = Worker(broker, queues=set(QUEUES), worker_threads=1)
    worker.queue_prefetch = 1  # take a job only when free: the others stay for idle workers
    worker.start()
    stop.wait()
    worker.stop(timeout=int(STOP_GRACE_S * 1000))
    broker.close()
