"""Job records: created once however many submit at once; ids never reach outside the store."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bulletin.config import Config
from bulletin.errors import ConfigError, InputError
from bulletin.service.articles import from_file, from_json
from bulletin.service.jobs import JobStore
from bulletin.service.queue import BUILD, make_broker
from bulletin.service.settings import ServiceSettings
from bulletin.service.submit import Service

T0 = datetime(2024, 12, 6, 9, 30, tzinfo=UTC)


def test_concurrent_creates_of_one_article_make_one_job(tmp_path: Path):
    store = JobStore(tmp_path)
    submission = from_json({"id": "same", "body": "आज बारिश हुई।"})
    results: list[bool] = []
    start = threading.Barrier(8)

    def create() -> None:
        start.wait()
        results.append(store.create(submission, origin="api", now=T0)[1])

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    (job,) = store.all()
    assert store.source_path(job).read_bytes() == submission.data
    assert not [p for p in store.root.iterdir() if p.name.startswith(".")]  # no temporaries


def test_the_key_is_the_article_id_and_its_content():
    a = from_json({"id": "story", "body": "एक।"})
    assert a.key == from_json({"id": "story", "body": "एक।"}).key
    assert a.key != from_json({"id": "story", "body": "दो।"}).key
    assert a.key != from_json({"id": "other", "body": "एक।"}).key
    assert from_file("Story One.MD", b"# x\n").file_name == "story-one.md"


@pytest.mark.parametrize("job_id", ["../../etc", "..", "", "0" * 31, "0" * 33, "G" * 32,
                                    "/tmp/x", "0123456789abcdef0123456789abcde/"])
def test_malformed_ids_are_unknown(tmp_path: Path, job_id: str):
    assert JobStore(tmp_path).load(job_id) is None


def test_prune_deletes_only_old_finished_jobs(tmp_path: Path):
    store = JobStore(tmp_path)
    old_done, _ = store.create(from_json({"id": "a", "body": "एक।"}), origin="api", now=T0)
    store.change(old_done, "done", T0)
    old_queued, _ = store.create(from_json({"id": "b", "body": "दो।"}), origin="api", now=T0)
    new, _ = store.create(from_json({"id": "c", "body": "तीन।"}), origin="api", now=T0)
    store.change(new, "failed", T0 + timedelta(days=40), error="x")
    assert store.prune(T0 + timedelta(days=30)) == 1
    assert {j.id for j in store.all()} == {old_queued.id, new.id}


def test_service_settings_check_themselves():
    with pytest.raises(ConfigError, match=r"service\.queue"):
        ServiceSettings(queue="amqp://broker")
    with pytest.raises(ConfigError, match=r"service\.port"):
        ServiceSettings(port=0)
    with pytest.raises(ConfigError, match="at least 16"):
        ServiceSettings(tokens=("short",))
    settings = ServiceSettings(tokens=("a" * 16,))
    assert settings.api_tokens({"BULLETIN_API_TOKENS": " b" + "x" * 15 + " , ,"}) == (
        "a" * 16, "b" + "x" * 15)
    assert settings.webhook_secret({}) is None


def test_submit_queues_once_and_again_only_for_a_failed_or_lost_job(tmp_path: Path):
    config = Config()
    now = [T0]
    broker = make_broker("embedded", tmp_path, config.service)
    service = Service(config, tmp_path, broker, lambda: now[0])
    article = from_json({"id": "story", "headline": "ख़बर", "body": "आज बारिश हुई।"})
    job, queued = service.submit(article, origin="api")
    assert queued and broker.pending(BUILD) == 1
    now[0] = T0 + timedelta(minutes=5)
    assert service.submit(article, origin="api") == (job, False)
    service.store.change(job, "failed", now[0], error="engine down")
    again, queued = service.submit(article, origin="api")
    assert queued and again.state == "queued" and again.error is None
    assert broker.pending(BUILD) == 2
    now[0] += timedelta(seconds=config.service.build_timeout_s + 1)  # its message was lost
    assert service.submit(article, origin="api")[1]
    with pytest.raises(InputError, match=r"^empty\.txt: "):
        service.submit(from_file("empty.txt", b"   \n"), origin="watch")
