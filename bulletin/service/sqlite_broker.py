"""A Dramatiq broker on one SQLite file: the embedded queue, for one machine and no services.

Dramatiq's own Redis broker is what runs across machines; no maintained SQLite broker keeps
Dramatiq's at-least-once promise when a worker is killed (dramatiq-sqlite marks a message
consumed and never hands it out again), so this one follows the Redis broker's design:

- a message is *taken* by one broker (one worker process), which acks it when done;
- every broker writes a heartbeat while it polls; the messages taken by a broker whose
  heartbeat is older than `heartbeat_timeout` (a SIGKILLed or frozen worker) are put back
  in their queue, and another worker runs them again.

Transactions are `BEGIN IMMEDIATE` in WAL mode, so a message is taken by exactly one
consumer; each consumer keeps its own connection, enqueues open one per call (any thread).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from dramatiq.broker import Broker, Consumer, MessageProxy
from dramatiq.common import compute_backoff, current_millis, dq_name
from dramatiq.errors import QueueJoinTimeout
from dramatiq.message import Message
from dramatiq.middleware import Middleware

log = logging.getLogger(__name__)

READY, TAKEN, DEAD = 0, 1, 2
DEAD_MESSAGE_TTL_MS = 7 * 86_400_000  # like the Redis broker: dead letters kept a week
BUSY_TIMEOUT_S = 30.0
MAX_POLL_MS = 250  # an idle consumer looks again at least this often

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    body BLOB NOT NULL,
    state INTEGER NOT NULL DEFAULT 0,
    owner TEXT,
    changed_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_ready ON messages (queue, state, seq);
CREATE INDEX IF NOT EXISTS messages_owner ON messages (owner);
CREATE TABLE IF NOT EXISTS heartbeats (broker TEXT PRIMARY KEY, beat_ms INTEGER NOT NULL);
"""


class SQLiteBroker(Broker):
    """Messages in one SQLite file (`path`), shared by every worker process on the machine."""

    def __init__(self, path: Path, *, heartbeat_timeout_ms: int = 60_000,
                 middleware: list[Middleware] | None = None) -> None:
        super().__init__(middleware=middleware)
        self.path = path
        self.broker_id = str(uuid.uuid4())
        self.heartbeat_timeout_ms = heartbeat_timeout_ms
        self.queues: set[str] = set()
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            db.executescript(_SCHEMA)  # idempotent; runs in its own transaction
        finally:
            db.close()

    def connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                             check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    @contextlib.contextmanager
    def transaction(self, db: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction (locked before any read: no upgrade race), on `db` or on a
        fresh connection (enqueues come from any thread)."""
        own = db is None
        conn = self.connect() if db is None else db
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            if own:
                conn.close()

    def consume(self, queue_name: str, prefetch: int = 1, timeout: int = 5000) -> Consumer:
        return _SQLiteConsumer(self, queue_name, prefetch, timeout)

    def declare_queue(self, queue_name: str) -> None:
        if queue_name in self.queues:
            return
        self.emit_before("declare_queue", queue_name)
        self.queues.add(queue_name)
        self.emit_after("declare_queue", queue_name)
        delayed = dq_name(queue_name)
        self.delay_queues.add(delayed)
        self.emit_after("declare_delay_queue", delayed)

    def enqueue(self, message: Message, *, delay: int | None = None) -> Message:
        queue_name = message.queue_name
        if delay is not None:
            queue_name = dq_name(queue_name)
            message = message.copy(queue_name=queue_name,
                                   options={"eta": current_millis() + delay})
        self.emit_before("enqueue", message, delay)
        with self.transaction() as db:
            db.execute("INSERT INTO messages (queue, body, changed_ms) VALUES (?, ?, ?)",
                       (queue_name, message.encode(), current_millis()))
        self.emit_after("enqueue", message, delay)
        return message

    def get_declared_queues(self) -> set[str]:
        return self.queues.copy()

    def flush(self, queue_name: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM messages WHERE queue IN (?, ?)",
                       (queue_name, dq_name(queue_name)))

    def flush_all(self) -> None:
        for queue_name in self.queues:
            self.flush(queue_name)

    def join(self, queue_name: str, *, interval: int = 100, timeout: int | None = None) -> None:
        """Wait until `queue_name` holds no message that is waiting or being worked on."""
        deadline = None if timeout is None else time.monotonic() + timeout / 1000
        while self.pending(queue_name):
            if deadline is not None and time.monotonic() >= deadline:
                raise QueueJoinTimeout(queue_name)
            time.sleep(interval / 1000)

    def pending(self, queue_name: str) -> int:
        with self.transaction() as db:
            (count,) = db.execute(
                "SELECT COUNT(*) FROM messages WHERE queue IN (?, ?) AND state != ?",
                (queue_name, dq_name(queue_name), DEAD),
            ).fetchone()
        return int(count)

    def take(self, db: sqlite3.Connection, queue_name: str,
             limit: int) -> list[tuple[int, bytes]]:
        """Beat, put back what dead brokers held, then take up to `limit` ready messages."""
        now = current_millis()
        with self.transaction(db):
            db.execute("INSERT OR REPLACE INTO heartbeats VALUES (?, ?)", (self.broker_id, now))
            self._recover(db, now)
            rows = db.execute(
                "SELECT seq, body FROM messages WHERE queue = ? AND state = ? ORDER BY seq LIMIT ?",
                (queue_name, READY, limit),
            ).fetchall()
            db.executemany(
                "UPDATE messages SET state = ?, owner = ?, changed_ms = ? WHERE seq = ?",
                [(TAKEN, self.broker_id, now, seq) for seq, _ in rows],
            )
        return rows

    @staticmethod
    def has_ready(db: sqlite3.Connection, queue_name: str) -> bool:
        """A read without the write lock: idle consumers poll this, not `take`."""
        row = db.execute("SELECT 1 FROM messages WHERE queue = ? AND state = ? LIMIT 1",
                         (queue_name, READY)).fetchone()
        return row is not None

    def finish(self, db: sqlite3.Connection, seq: int, *, dead: bool) -> None:
        with self.transaction(db):
            if dead:
                db.execute("UPDATE messages SET state = ?, owner = NULL, changed_ms = ? "
                           "WHERE seq = ?", (DEAD, current_millis(), seq))
            else:
                db.execute("DELETE FROM messages WHERE seq = ?", (seq,))

    def put_back(self, db: sqlite3.Connection, seqs: Iterable[int]) -> None:
        with self.transaction(db):
            db.executemany("UPDATE messages SET state = ?, owner = NULL, changed_ms = ? "
                           "WHERE seq = ? AND state = ?",
                           [(READY, current_millis(), seq, TAKEN) for seq in seqs])

    def _recover(self, db: sqlite3.Connection, now: int) -> None:
        dead = [b for (b,) in db.execute("SELECT broker FROM heartbeats WHERE beat_ms < ?",
                                         (now - self.heartbeat_timeout_ms,))]
        for broker in dead:
            moved = db.execute("UPDATE messages SET state = ?, owner = NULL, changed_ms = ? "
                               "WHERE owner = ? AND state = ?", (READY, now, broker, TAKEN))
            db.execute("DELETE FROM heartbeats WHERE broker = ?", (broker,))
            if moved.rowcount:
                log.warning("worker %s stopped beating: %d job message(s) queued again",
                            broker, moved.rowcount)
        db.execute("DELETE FROM messages WHERE state = ? AND changed_ms < ?",
                   (DEAD, now - DEAD_MESSAGE_TTL_MS))


class _SQLiteConsumer(Consumer):
    def __init__(self, broker: SQLiteBroker, queue_name: str, prefetch: int, timeout: int) -> None:
        self.broker = broker
        self.queue_name = queue_name
        self.prefetch = prefetch
        self.max_poll_ms = min(timeout, MAX_POLL_MS)
        self.cache: list[tuple[int, bytes]] = []
        self.outstanding: set[int] = set()
        self.misses = 0
        self.last_beat = 0.0
        self.db = broker.connect()  # one per consumer: it polls several times a second

    def ack(self, message: MessageProxy) -> None:
        self._finish(message, dead=False)

    def nack(self, message: MessageProxy) -> None:
        self._finish(message, dead=True)

    def _finish(self, message: MessageProxy, *, dead: bool) -> None:
        seq = message.options["sqlite_seq"]
        try:
            self.broker.finish(self.db, seq, dead=dead)
        finally:
            self.outstanding.discard(seq)

    def requeue(self, messages: Iterable[MessageProxy]) -> None:
        self.broker.put_back(self.db, (m.options["sqlite_seq"] for m in messages))

    def __next__(self) -> MessageProxy | None:
        if not self.cache:
            room = self.prefetch - len(self.outstanding)
            if room > 0 and self.broker.has_ready(self.db, self.queue_name):
                self.cache = self.broker.take(self.db, self.queue_name, room)
                self.last_beat = time.monotonic()
            else:
                self._beat_now_and_then()
        if self.cache:
            seq, body = self.cache.pop(0)
            self.misses = 0
            self.outstanding.add(seq)
            message = Message.decode(body)
            return MessageProxy(message.copy(options={"sqlite_seq": seq}))
        self.misses, backoff_ms = compute_backoff(self.misses, max_backoff=self.max_poll_ms)
        time.sleep(backoff_ms / 1000)
        return None

    def _beat_now_and_then(self) -> None:
        """Beat (and so recover dead workers' messages) a few times per heartbeat timeout."""
        if time.monotonic() - self.last_beat >= self.broker.heartbeat_timeout_ms / 4000:
            self.broker.take(self.db, self.queue_name, 0)
            self.last_beat = time.monotonic()

    def close(self) -> None:
        if self.cache:  # taken but never handed to a worker thread
            self.broker.put_back(self.db, (seq for seq, _ in self.cache))
            self.cache = []
        self.db.close()
