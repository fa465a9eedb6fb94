"""Task workers that die, stop or run side by side (core/taskworker.py): a task left running by a
killed worker is run again by another, SIGTERM finishes the task in hand, a second SIGTERM gives it
back, and several workers on PostgreSQL run each task once. The workers are `masthead worker`
processes; the tasks write to a file, so what ran can be seen from outside."""

import os
import signal
import sqlite3
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from conftest import migrated_copy
from masthead.core.models import TaskWorker
from masthead.core.taskworker import tasks_abandoned_requeue

from .worker_processes import lines, lines_append, wait_for, worker_env, worker_start


def _queued(*, path: Path, name: str, seconds: float = 0.0, **fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=lines_append.module_path,
        args_kwargs={"args": [], "kwargs": {"path": str(path), "name": name, "seconds": seconds}},
        backend_name="default",
        run_after=get_date_max(),
        **fields,
    )


@pytest.mark.django_db
def test_only_tasks_of_workers_that_stopped_beating_are_queued_again(settings, tmp_path):
    settings.TASK_WORKER_DEAD_SECONDS = 60
    now = timezone.now()
    long_ago = now - timedelta(minutes=5)
    TaskWorker.objects.create(worker_id="alive", beat_at=now, started_at=long_ago)
    TaskWorker.objects.create(worker_id="silent", beat_at=long_ago, started_at=long_ago)
    running = {"status": TaskResultStatus.RUNNING, "started_at": long_ago}
    of_dead = _queued(path=tmp_path / "x", name="dead", worker_ids=["silent"], **running)
    of_unknown = _queued(path=tmp_path / "x", name="unknown", worker_ids=["gone"], **running)
    of_alive = _queued(path=tmp_path / "x", name="alive", worker_ids=["silent", "alive"], **running)
    just_claimed = _queued(
        path=tmp_path / "x", name="new", worker_ids=["gone"], status=TaskResultStatus.RUNNING, started_at=now
    )

    assert tasks_abandoned_requeue(now=now) == 2

    statuses = {row.pk: row.status for row in DBTaskResult.objects.all()}
    assert statuses[of_dead.pk] == statuses[of_unknown.pk] == TaskResultStatus.READY
    assert statuses[of_alive.pk] == statuses[just_claimed.pk] == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=of_dead.pk).started_at is None


# --- From outside: `masthead worker` processes on a data dir of their own (SQLite) -----------------


@pytest.fixture(scope="module")
def worker_site(tmp_path_factory, migrated_database):
    """A migrated embedded data dir, and a way to queue lines_append there."""
    data_dir = tmp_path_factory.mktemp("taskworker") / "data"
    migrated_copy(migrated_database, data_dir)

    def enqueue(path: Path, name: str, seconds: float) -> str:
        db = sqlite3.connect(data_dir / "masthead.sqlite3")
        with db:
            task_id = uuid.uuid4().hex
            db.execute(
                "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, args_kwargs,"
                " priority, task_path, worker_ids, queue_name, backend_name, run_after,"
                " exception_class_path, traceback)"
                " VALUES (?, 'READY', datetime('now'), ?, 0, ?, '[]', 'default', 'default',"
                " '2000-01-01 00:00:00', '', '')",
                [
                    task_id,
                    f'{{"args": [], "kwargs": {{"path": "{path}", "name": "{name}", "seconds": {seconds}}}}}',
                    lines_append.module_path,
                ],
            )
        db.close()
        return task_id

    def status(task_id: str) -> str:
        db = sqlite3.connect(data_dir / "masthead.sqlite3")
        try:
            return db.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?", [task_id]
            ).fetchone()[0]
        finally:
            db.close()

    return data_dir, enqueue, status


@pytest.mark.once
def test_a_task_left_running_by_a_killed_worker_is_run_by_another(worker_site, tmp_path):
    data_dir, enqueue, status = worker_site
    env, log, out = (
        worker_env(data_dir, MASTHEAD_TASK_WORKER_DEAD_SECONDS="3"),
        tmp_path / "w.log",
        tmp_path / "out",
    )
    first = worker_start(env, log)
    try:
        task_id = enqueue(out, "story", 4)
        wait_for(lambda: lines(out) == ["story start"], 120, "the first worker started the task", log)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        assert status(task_id) == "RUNNING"

        second = worker_start(env, log)
        try:
            wait_for(lambda: status(task_id) == "SUCCESSFUL", 120, "another worker ran it again", log)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert lines(out) == ["story start", "story start", "story end"]


@pytest.mark.once
def test_sigterm_finishes_the_task_in_hand_and_a_second_gives_it_back(worker_site, tmp_path):
    data_dir, enqueue, status = worker_site
    env, log = worker_env(data_dir), tmp_path / "w.log"
    finished, released = tmp_path / "finished", tmp_path / "released"

    worker = worker_start(env, log)
    task_id = enqueue(finished, "short", 2)
    wait_for(lambda: lines(finished) == ["short start"], 120, "the task started", log)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(30) == 0
    assert lines(finished) == ["short start", "short end"]
    assert status(task_id) == "SUCCESSFUL"

    worker = worker_start(env, log)
    task_id = enqueue(released, "long", 600)
    wait_for(lambda: lines(released) == ["long start"], 120, "the task started", log)
    worker.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(30) != 0
    assert status(task_id) == "READY", log.read_text()[-3000:]
    assert lines(released) == ["long start"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_several_workers_on_postgresql_run_each_task_once(tmp_path):
    out = tmp_path / "out"
    for n in range(200):
        _queued(path=out, name=f"t{n}")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = worker_env(tmp_path / "data", DATABASE_URL=url)
    log = tmp_path / "w.log"
    workers = [worker_start(env, log) for _ in range(3)]
    try:
        wait_for(
            lambda: not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists(),
            300,
            "every task ran",
            log,
        )
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(30)
    assert sorted(lines(out)) == sorted(f"t{n} {part}" for n in range(200) for part in ("start", "end"))
    ran_by = {tuple(ids) for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)}
    assert len({ids[0] for ids in ran_by}) > 1, "the work was shared"
