"""The task queue: Dramatiq, on Redis across machines or on one SQLite file (embedded).

Why Dramatiq: it acknowledges a message only after the task ran (at-least-once), and its
Redis broker puts the unacknowledged messages of a worker whose heartbeat stopped back in
the queue, so a SIGKILLed or unplugged worker's build runs again elsewhere. Huey deletes a
task when a worker takes it (a killed worker loses it), RQ has no embedded mode, and Celery
only redelivers on Redis after a visibility timeout, with no embedded transport that
survives a kill. The embedded broker (`sqlite_broker`) keeps the same promise on one machine.

Two queues, one message kind each, carrying only the job id (the job record has the rest):
`build` (any worker, many at once) and `publish` (the catalog's lock makes it one at a time
per output folder, on every machine that shares the folder).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from dramatiq import Message
from dramatiq.broker import Broker
from dramatiq.middleware import (
    CurrentMessage,
    Middleware,
    Retries,
    ShutdownNotifications,
    TimeLimit,
)

from ..errors import ConfigError
from .jobs import SERVICE_DIR
from .settings import EMBEDDED, ServiceSettings
from .sqlite_broker import SQLiteBroker

BUILD = "build"
PUBLISH = "publish"
QUEUES = (BUILD, PUBLISH)
EMBEDDED_FILE = "queue.sqlite3"
REDIS_NAMESPACE = "bulletin"
MAINTENANCE_CHANCE = 100_000  # per million Redis commands: a dead worker is found in seconds


def embedded_path(out_dir: Path) -> Path:
    return out_dir / SERVICE_DIR / EMBEDDED_FILE


def make_broker(url: str, out_dir: Path, settings: ServiceSettings) -> Broker:
    """The broker `url` names: `embedded`, `sqlite:///path` or `redis://host:port/db`."""
    heartbeat_ms = int(settings.heartbeat_timeout_s * 1000)
    middleware: list[Middleware] = [
        TimeLimit(time_limit=int(settings.build_timeout_s * 1000)),
        ShutdownNotifications(),
        Retries(max_retries=settings.max_attempts - 1, min_backoff=1000, max_backoff=60_000),
        CurrentMessage(),
    ]
    broker: Broker
    scheme = urlsplit(url).scheme
    if url == EMBEDDED or scheme == "sqlite":
        path = embedded_path(out_dir) if url == EMBEDDED else Path(urlsplit(url).path)
        broker = SQLiteBroker(path, heartbeat_timeout_ms=heartbeat_ms, middleware=middleware)
    elif scheme in ("redis", "rediss", "unix"):
        from dramatiq.brokers.redis import RedisBroker  # needs the redis client only here

        broker = RedisBroker(url=url, middleware=middleware, namespace=REDIS_NAMESPACE,
                             heartbeat_timeout=heartbeat_ms, maintenance_chance=MAINTENANCE_CHANCE)
    else:
        raise ConfigError(f"queue {url!r}: use `embedded`, sqlite:///path or redis://host:6379/0")
    for queue in QUEUES:
        broker.declare_queue(queue)
    return broker


def send(broker: Broker, queue: str, job_id: str) -> None:
    """Queue task `queue` ("build" or "publish") for job `job_id`."""
    broker.enqueue(Message(queue_name=queue, actor_name=queue, args=(job_id,), kwargs={},
                           options={}))
