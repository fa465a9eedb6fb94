"""The task queue on Redis (MASTHEAD_TASK_BACKEND=redis): django-tasks-redis's backend, whose
enqueue takes effect only if the transaction that made it commits.

The database queue writes a task in the same transaction as the data that caused it, so a task is
queued only if that data is stored, and only visible once it is. Redis is outside the transaction:
a task written there at once could run before its row is committed (the worker finds nothing), or
run although the transaction rolled back (a receipt for a payment that was never stored). So an
enqueue inside an atomic block waits for the commit (``transaction.on_commit``) and is dropped on
a rollback; outside one it goes to Redis at once. This is the one place that decides it, for every
caller: Masthead's apps and Wagtail's own tasks (search index, reference index) alike.

What the database queue had and this one has not: a task whose commit succeeded but whose enqueue
failed (Redis down at that moment, or the process killed in between) is not queued. It is logged
("… could not be queued …") rather than failing a request whose data is already stored.
"""

import logging
from typing import Any

from django.db import transaction
from django.tasks import Task, TaskResult, TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_redis import RedisTaskBackend
from redis import RedisError

log = logging.getLogger("masthead.tasks")


class CommittedRedisTaskBackend(RedisTaskBackend):  # type: ignore[misc]  # the library has no types
    """RedisTaskBackend whose enqueue inside a transaction waits for its commit."""

    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any, Any]:
        if not transaction.get_connection().in_atomic_block:
            return super().enqueue(task, args, kwargs)  # type: ignore[no-any-return]
        # Refused now, in the caller, like an enqueue that is not deferred.
        self.validate_task(task)
        pending = self._pending_result(task, args, kwargs)
        transaction.on_commit(lambda: self._enqueue_committed(pending, task, args, kwargs))
        return pending

    def _pending_result(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any, Any]:
        """What the caller gets back before the commit: READY, under an id of its own until the
        task is stored, when it takes the stored task's fields (as TaskResult.refresh does)."""
        return TaskResult(
            task=task,
            id=f"pending-{get_random_string(16)}",
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def _enqueue_committed(
        self, pending: TaskResult[Any, Any], task: Task[Any, Any], args: Any, kwargs: Any
    ) -> None:
        try:
            stored = super().enqueue(task, args, kwargs)
        except RedisError as error:
            # After the commit: the data is stored, and failing the request now would tell the
            # caller (a reader, Stripe) that it was not.
            log.error(
                "task %s could not be queued after its transaction committed: %s", task.module_path, error
            )
            return
        for name in ("id", "enqueued_at"):
            object.__setattr__(pending, name, getattr(stored, name))
