"""The task worker of the Redis queue (MASTHEAD_TASK_BACKEND=redis), keeping the database worker's
promises (core/taskworker.py): a dead worker's task runs again, a live one's long task does not,
SIGTERM finishes the task in hand, a second SIGTERM gives it back.

django-tasks-redis hands a task out as an entry of a Redis stream read by a consumer group; the
entry stays pending for its worker until acknowledged, and the library's sweep takes over entries
pending longer than REDIS_CLAIM_TIMEOUT, puts their tasks back READY and runs them again. Redis
counts that time from the delivery, so a task longer than the timeout would be taken from a live
worker and run twice. So:

- a thread of each worker renews its claim on the entry in hand every ``BEAT_SECONDS`` (XCLAIM to
  itself with JUSTID: the idle time starts again, the delivery count stays), also during a long
  task, and the timeout is ``TASK_WORKER_DEAD_SECONDS``, as on the database queue;
- between two reads of the queue the worker runs the library's sweep every ``BEAT_SECONDS`` × 6
  (more often when the timeout is short): what a silent worker held is claimed by this one and
  run again. Not in the beat thread: the sweep claims an entry before it marks its task READY,
  and a read in between (the beat's first sweep and the first read both come at start) found the
  task still RUNNING, took the entry for another worker's and acknowledged it away, so the task
  was never run (seen once under load in CI's test of a killed worker);
- SIGTERM lets the task in hand finish, then stops; a second SIGTERM during a task stops it, puts
  it back READY on its stream and exits with status 1 (`masthead run` sends it when a task outlasts
  its stop timeout, before SIGKILL).
"""

import contextlib
import logging
import threading
import time
from typing import Any, cast

from django.conf import settings
from django.tasks import TaskResultStatus, task_backends
from django_tasks_redis import GracefulShutdown
from redis import RedisError

from .taskworker import BEAT_SECONDS, RECOVER_EVERY, worker_id_new

log = logging.getLogger("masthead.tasks")
RETRY_MAX_SECONDS = 30.0

# The entry's idle time starts again only while this worker still holds it: a worker that was
# taken for dead and lost it must not take it back.
_CLAIM_RENEW = """
if #redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1, ARGV[3]) == 0 then
    return 0
end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
return 1
"""


class _Released(SystemExit):
    """Raised inside a running task by the second stop signal: give the task back, exit."""


class RedisTaskWorkerLoop:
    """Receives, runs and acknowledges tasks one at a time, as one consumer of the group."""

    def __init__(self, *, worker_id: str | None = None, backend_name: str = "default"):
        # django-tasks-redis has no types: its backend and broker are Any here.
        self.backend: Any = cast(Any, task_backends[backend_name])
        self.broker: Any = self.backend.broker
        self.worker_id = worker_id or worker_id_new()
        self.held: Any = None  # the stream entry whose task is running
        dead_seconds = settings.TASK_WORKER_DEAD_SECONDS
        # Beats well within the timeout, so that a live worker's entry never looks abandoned.
        self.beat_seconds = min(BEAT_SECONDS, dead_seconds / 3)
        self.sweep_seconds = self.beat_seconds * max(
            1, min(RECOVER_EVERY, int(dead_seconds / 2 / self.beat_seconds))
        )
        self._next_sweep = 0.0  # time.monotonic() of the next sweep: at once
        self._stopped = threading.Event()
        self._shutdown = GracefulShutdown(on_signal=self._on_signal, force_on_repeat=False, log_signals=False)

    def run(self) -> None:
        beat = threading.Thread(target=self._beat_loop, name="task-worker-beat", daemon=True)
        with self._shutdown:  # SIGTERM, SIGINT: finish the task in hand, then stop
            beat.start()
            log.info("task worker %s serving the Redis queue", self.worker_id)
            try:
                pause = 1.0
                while not self._shutdown.is_set():
                    pause = self._serve_once(pause)
            finally:
                self._stopped.set()
                beat.join(BEAT_SECONDS * 2)
                with contextlib.suppress(RedisError):  # what it held stays for the sweep
                    self.broker.remove_consumer(self.worker_id)

    def _serve_once(self, pause: float) -> float:
        """Sweeps when due, waits up to the block timeout for a task and runs it; returns the next
        retry pause."""
        try:
            if time.monotonic() >= self._next_sweep:
                if claimed := self.broker.claim_stale_messages(self.worker_id):
                    log.warning("%s task(s) left by a worker that stopped beating; queued again", claimed)
                self._next_sweep = time.monotonic() + self.sweep_seconds
            messages = self.broker.receive(
                wait_seconds=self.backend.block_timeout / 1000, worker_id=self.worker_id
            )
        except RedisError as error:
            log.warning("the task worker cannot reach Redis (%s); trying again in %.0f s", error, pause)
            self._shutdown.wait(pause)
            return min(pause * 2, RETRY_MAX_SECONDS)
        for message in messages:
            self._run(message)
        return 1.0

    def _run(self, message: Any) -> None:
        self.held = message
        try:
            self.backend.run_task(message.task_id, worker_id=self.worker_id)
        except _Released:
            self._give_back(message)
            raise
        except Exception:
            # Not started (its code does not import, Redis failed): the entry stays pending and
            # is served again; the library has recorded what it could.
            log.exception("task %s could not be run", message.task_id)
            return
        finally:
            self.held = None
        self.broker.ack(message)

    def _give_back(self, message: Any) -> None:
        if self.backend.transition_task_status(
            message.task_id, TaskResultStatus.READY, [TaskResultStatus.RUNNING]
        ):
            self.broker.requeue(self.backend.get_task_data(message.task_id))
        self.broker.ack(message)

    def _on_signal(self, signum: int, count: int) -> None:
        if count == 1:
            log.info("task worker %s stopping after the task in hand", self.worker_id)
        elif self.held is not None:
            log.warning("stopped again during a task: giving its claim back")
            raise _Released(1)

    def _beat_loop(self) -> None:
        """Renews the claim on the entry in hand, also during a long task."""
        renew = self.backend.get_client().register_script(_CLAIM_RENEW)
        while not self._stopped.wait(self.beat_seconds):
            try:
                if (message := self.held) is not None:
                    stream_key, message_id = message.handle
                    renew(keys=[stream_key], args=[self.backend.consumer_group, message_id, self.worker_id])
            except RedisError as error:  # Redis restarting: the next beat tries again
                log.info("task worker heartbeat failed: %s", error)
