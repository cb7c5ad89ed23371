"""The embedded broker keeps Dramatiq's promise: a dead worker's message goes to another."""

from __future__ import annotations

import time
from pathlib import Path

from dramatiq import Message

from bulletin.service.sqlite_broker import SQLiteBroker


def message(n: int) -> Message:
    return Message(queue_name="build", actor_name="build", args=(f"job-{n}",), kwargs={},
                   options={})


def test_messages_come_out_once_in_order_and_ack_removes_them(tmp_path: Path):
    broker = SQLiteBroker(tmp_path / "q.sqlite3")
    broker.declare_queue("build")
    for n in range(3):
        broker.enqueue(message(n))
    other = SQLiteBroker(tmp_path / "q.sqlite3")  # a second worker process on the same file
    first = broker.consume("build", prefetch=2)
    second = other.consume("build", prefetch=2)
    got = [next(first), next(first), next(second)]
    assert [m.args[0] for m in got] == ["job-0", "job-1", "job-2"]
    assert next(second) is None  # nothing left to take
    for m in got[:2]:
        first.ack(m)
    second.nack(got[2])  # dead-lettered: not pending, never handed out again
    assert broker.pending("build") == 0
    assert next(first) is None


def test_a_silent_broker_s_messages_are_taken_by_a_live_one(tmp_path: Path):
    dead = SQLiteBroker(tmp_path / "q.sqlite3", heartbeat_timeout_ms=200)
    live = SQLiteBroker(tmp_path / "q.sqlite3", heartbeat_timeout_ms=200)
    dead.declare_queue("build")
    dead.enqueue(message(7))
    taken = next(dead.consume("build"))
    assert taken is not None
    consumer = live.consume("build")
    assert next(consumer) is None  # the owner beat a moment ago: still its message
    time.sleep(0.3)  # the owner is SIGKILLed: no more beats
    again = None
    deadline = time.monotonic() + 5
    while again is None and time.monotonic() < deadline:
        again = next(consumer)
    assert again is not None and again.args == ("job-7",)
    consumer.ack(again)
    assert live.pending("build") == 0


def test_delayed_messages_wait_in_the_delay_queue(tmp_path: Path):
    broker = SQLiteBroker(tmp_path / "q.sqlite3")
    broker.declare_queue("build")
    assert broker.get_declared_delay_queues() == {"build.DQ"}
    broker.enqueue(message(1), delay=5000)
    assert next(broker.consume("build")) is None
    delayed = next(broker.consume("build.DQ"))
    assert delayed is not None and delayed.options["eta"] > 0


def test_requeue_and_close_put_untouched_messages_back(tmp_path: Path):
    broker = SQLiteBroker(tmp_path / "q.sqlite3")
    broker.declare_queue("build")
    for n in range(2):
        broker.enqueue(message(n))
    consumer = broker.consume("build", prefetch=2)
    first = next(consumer)
    consumer.requeue([first])
    consumer.close()
    again = broker.consume("build", prefetch=2)
    assert sorted(next(again).args[0] for _ in range(2)) == ["job-0", "job-1"]
