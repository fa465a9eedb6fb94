"""The Redis queue's worker (MASTHEAD_TASK_BACKEND=redis; core/redistaskworker.py)
against the real Redis (127.0.0.1:6379 db 7, running here and in CI, under a key prefix of each
test's own): `masthead worker` processes run each task once, a killed worker's task is run again,
a live worker's long task is not taken from it, SIGTERM finishes the task in hand and a second gives
it back."""

import os
import signal
import time

import pytest
from django.tasks import TaskResultStatus

from .worker_processes import lines, lines_append, wait_for, worker_start

pytestmark = pytest.mark.once  # its own processes on the embedded defaults
BACKEND = "masthead.core.redistasks.CommittedRedisTaskBackend"


def _stop(*workers) -> list[int]:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    return [worker.wait(30) for worker in workers]


def _kill(*workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)


def test_a_queued_task_is_run_once_by_a_worker(queue, tmp_path):
    out, log = tmp_path / "out", tmp_path / "w.log"
    worker = worker_start(queue.env(), log)
    try:
        task_id = queue.enqueue(out, "one")
        wait_for(lambda: queue.status(task_id) == TaskResultStatus.SUCCESSFUL, 120, "the task ran", log)
        assert _stop(worker) == [0]
    finally:
        _kill(worker)
    assert lines(out) == ["one start", "one end"]


def test_several_workers_run_each_task_once(queue, tmp_path):
    out, log = tmp_path / "out", tmp_path / "w.log"
    workers = [worker_start(queue.env(), log) for _ in range(3)]
    try:
        # Each worker says so once its stop signal is handled: a worker still starting when the
        # others have run every task would otherwise die of the SIGTERM below (exit -15).
        wait_for(lambda: log.read_text().count("serving the Redis queue") == 3, 120, "three workers", log)
        task_ids = [queue.enqueue(out, f"t{n}") for n in range(200)]
        wait_for(
            lambda: all(queue.status(i) == TaskResultStatus.SUCCESSFUL for i in task_ids),
            300,
            "every task ran",
            log,
        )
        assert _stop(*workers) == [0, 0, 0]
    finally:
        _kill(*workers)
    assert sorted(lines(out)) == sorted(f"t{n} {part}" for n in range(200) for part in ("start", "end"))
    ran_by = {queue.backend.get_result(i).worker_ids[0] for i in task_ids}
    assert len(ran_by) > 1, "the work was shared"


def test_a_task_left_running_by_a_killed_worker_is_run_by_another(queue, tmp_path):
    out, log = tmp_path / "out", tmp_path / "w.log"
    env = queue.env(MASTHEAD_TASK_WORKER_DEAD_SECONDS="3")
    first = worker_start(env, log)
    second = None
    try:
        task_id = queue.enqueue(out, "story", 4)
        wait_for(lambda: lines(out) == ["story start"], 120, "the first worker started the task", log)
        _kill(first)
        assert queue.status(task_id) == TaskResultStatus.RUNNING

        second = worker_start(env, log)
        wait_for(
            lambda: queue.status(task_id) == TaskResultStatus.SUCCESSFUL, 120, "another worker ran it", log
        )
        assert _stop(second) == [0]
    finally:
        _kill(first, *([second] if second else []))
    assert lines(out) == ["story start", "story start", "story end"]
    assert "queued again" in log.read_text()


def test_a_live_workers_task_longer_than_the_timeout_is_not_run_twice(queue, tmp_path):
    """Redis would count the task's age from its delivery: the claim renewed by the worker's beat
    keeps another worker from taking it as abandoned."""
    out, log = tmp_path / "out", tmp_path / "w.log"
    env = queue.env(MASTHEAD_TASK_WORKER_DEAD_SECONDS="3")
    # Both serving before the task comes: the one that does not take it sweeps every second for
    # entries idle 3 s.
    workers = [worker_start(env, log) for _ in range(2)]
    try:
        wait_for(lambda: log.read_text().count("serving the Redis queue") == 2, 120, "both serve", log)
        task_id = queue.enqueue(out, "long", 9)
        wait_for(lambda: queue.status(task_id) == TaskResultStatus.SUCCESSFUL, 120, "the task ended", log)
        assert _stop(*workers) == [0, 0]
    finally:
        _kill(*workers)
    assert lines(out) == ["long start", "long end"]


def test_sigterm_finishes_the_task_in_hand_and_a_second_gives_it_back(queue, tmp_path):
    finished, released, log = tmp_path / "finished", tmp_path / "released", tmp_path / "w.log"
    worker = worker_start(queue.env(), log)
    try:
        task_id = queue.enqueue(finished, "short", 2)
        wait_for(lambda: lines(finished) == ["short start"], 120, "the task started", log)
        assert _stop(worker) == [0]
        assert lines(finished) == ["short start", "short end"]
        assert queue.status(task_id) == TaskResultStatus.SUCCESSFUL

        worker = worker_start(queue.env(), log)
        task_id = queue.enqueue(released, "long", 5)
        wait_for(lambda: lines(released) == ["long start"], 120, "the task started", log)
        worker.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) != 0
        assert queue.status(task_id) == TaskResultStatus.READY, log.read_text()[-3000:]
        assert lines(released) == ["long start"]

        # Back in the queue, not only marked READY: the next worker runs it at once.
        worker = worker_start(queue.env(), log)
        wait_for(lambda: queue.status(task_id) == TaskResultStatus.SUCCESSFUL, 120, "it ran again", log)
        assert _stop(worker) == [0]
    finally:
        _kill(worker)
    assert lines(released) == ["long start", "long start", "long end"]


def test_a_fresh_worker_sweeps_before_it_reads_so_a_dead_workers_task_runs(queue, tmp_path, settings):
    """In-process, one step of the loop: the sweep and the read take turns in one thread. When the
    sweep ran in the beat thread, a read between its claim and its "READY" found the task RUNNING
    and acknowledged its entry away: the task was never run (CI, under load)."""
    from masthead.core.redistaskworker import RedisTaskWorkerLoop

    options = dict(queue.backend.options, REDIS_CLAIM_TIMEOUT=1, REDIS_BLOCK_TIMEOUT=200)
    settings.TASKS = {**settings.TASKS, "redis-test": {"BACKEND": BACKEND, "OPTIONS": options}}
    settings.TASK_WORKER_DEAD_SECONDS = 1
    out = tmp_path / "out"
    loop = RedisTaskWorkerLoop(backend_name="redis-test")
    task_id = loop.backend.enqueue(lines_append, (), {"path": str(out), "name": "story"}).id
    (taken,) = loop.broker.receive(worker_id="a-worker-that-dies")  # its entry, pending for it
    assert taken.task_id == task_id
    loop.backend.transition_task_status(task_id, TaskResultStatus.RUNNING, [TaskResultStatus.READY])
    time.sleep(1.2)  # longer than the claim timeout: the dead worker's entry is stale

    loop._serve_once(1.0)

    assert lines(out) == ["story start", "story end"]
    assert loop.backend.get_result(task_id).status == TaskResultStatus.SUCCESSFUL
