"""The task worker: django-tasks-db's worker with a heartbeat, the recovery of tasks whose worker
died, and a claim given back when it is told to stop twice.

django-tasks-db claims a task by setting its row to RUNNING (with ``started_at`` and the
worker's id appended to ``worker_ids``) inside ``SELECT … FOR UPDATE SKIP LOCKED``, so two workers
never take the same task; it records nothing else about workers. A worker killed while running a
task (SIGKILL, a lost machine, the OOM killer) leaves that row RUNNING for ever. So:

- each worker writes a ``TaskWorker`` row every ``BEAT_SECONDS`` from a thread of its own, also
  while a long task runs;
- every worker, every ``BEAT_SECONDS`` × 6, queues again (READY) the RUNNING tasks that started
  more than ``TASK_WORKER_DEAD_SECONDS`` ago and whose last worker has not beaten for that long
  (``tasks_abandoned_requeue``). Every task that mails or touches money is idempotent, so running
  one again after its worker died has one effect;
- SIGTERM lets the task in hand finish, then stops (django-tasks-db's own behaviour); a second
  SIGTERM during a task stops it at once and gives its claim back (READY), where django-tasks-db
  would have marked it FAILED. `masthead run` sends the second one when a task outlasts its
  stop timeout, before SIGKILL.
"""

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import TaskWorker

log = logging.getLogger("masthead.tasks")
BEAT_SECONDS = 5.0
RECOVER_EVERY = 6  # beats


class _Released(SystemExit):
    """Raised inside a running task by the second stop signal: give the claim back, exit."""


def worker_id_new() -> str:
    """Unique across the pool, and readable in the admin and the logs: host, pid, random."""
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


def worker_beat(*, worker_id: str) -> None:
    now = timezone.now()
    updated = TaskWorker.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        TaskWorker.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": now, "started_at": now})


def worker_forget(*, worker_id: str) -> None:
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def tasks_abandoned_requeue(*, now: Any = None) -> int:
    """Queues again the tasks left RUNNING by a worker that stopped beating; returns how many.
    Also forgets workers silent for a day."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_WORKER_DEAD_SECONDS)
    alive = set(TaskWorker.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))
    requeued = 0
    stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for pk, worker_ids, started_at, path in stale.values_list("pk", "worker_ids", "started_at", "task_path"):
        if worker_ids and worker_ids[-1] in alive:
            continue  # a long task of a live worker
        # The same row as read (started_at): a worker that claimed it meanwhile keeps it.
        if DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            requeued += 1
            log.warning("task %s (%s) was left running by worker %s; queued again", pk, path, worker_ids[-1:])
    TaskWorker.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return requeued


class TaskWorkerLoop(Worker):
    """django-tasks-db's Worker, with the heartbeat, the recovery and the release above."""

    def __init__(self, *, interval: float = 0.5, worker_id: str | None = None):
        super().__init__(
            queue_names=["default"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=True,
            max_tasks=None,
            worker_id=worker_id or worker_id_new(),
            excluded_queue_names=[],
        )
        self._stopped = threading.Event()

    def run(self) -> None:
        self.configure_signals()  # SIGTERM, SIGINT: finish the task in hand, then stop
        beat = threading.Thread(target=self._beat_loop, name="task-worker-beat", daemon=True)
        beat.start()
        try:
            super().run()
        finally:
            self._stopped.set()
            beat.join(BEAT_SECONDS * 2)
            # The database gone: the row ages out, and nothing waits on it.
            with contextlib.suppress(DatabaseError):
                worker_forget(worker_id=self.worker_id)

    def _beat_loop(self) -> None:
        beats = 0
        while True:
            try:
                worker_beat(worker_id=self.worker_id)
                if beats % RECOVER_EVERY == 0:
                    tasks_abandoned_requeue()
            except DatabaseError as error:  # PostgreSQL restarting: the next beat tries again
                log.info("task worker heartbeat failed: %s", error)
                connection.close()
            beats += 1
            if self._stopped.wait(BEAT_SECONDS):
                connection.close()
                return

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if not self.running and self.running_task:
            log.warning("stopped again during a task: giving its claim back")
            self.reset_signals()
            raise _Released(1)
        super().shutdown(signum, frame)

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        mark_failed = db_task_result.set_failed

        def set_failed(exc: BaseException) -> None:
            if not isinstance(exc, _Released):
                mark_failed(exc)
                return
            DBTaskResult.objects.filter(pk=db_task_result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
            raise exc  # out of the worker's loop: the process exits

        db_task_result.set_failed = set_failed
        super().run_task(db_task_result)
