"""Enqueueing on the Redis queue (core/redistasks.py): a task queued in a transaction reaches Redis
only if it commits; a Redis that is down fails the caller outside a transaction, and only logs
after a commit (the data is stored)."""

import contextlib
import logging

import pytest
import redis
from django.db import transaction
from django.tasks import TaskResultStatus

from masthead.core.redistasks import CommittedRedisTaskBackend

from .redis_queue import backend_for
from .redis_server import free_port
from .worker_processes import lines_append


@pytest.mark.django_db
def test_a_task_queued_in_a_transaction_reaches_redis_only_when_it_commits(
    queue, tmp_path, django_capture_on_commit_callbacks
):
    class RolledBack(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True):
        with contextlib.suppress(RolledBack), transaction.atomic():
            queue.enqueue(tmp_path / "out", "rolled back")
            raise RolledBack
        pending = queue.backend.enqueue(lines_append, (), {"path": "x", "name": "kept"})
        assert queue.stored() == 0, "nothing before the commit"
    assert queue.stored() == 1, "the kept one after it, the rolled-back one never"
    assert queue.status(pending.id) == TaskResultStatus.READY, "the caller's result names the stored task"


def _unreachable() -> CommittedRedisTaskBackend:
    return backend_for(f"redis://127.0.0.1:{free_port()}/0", prefix="unreachable")


@pytest.mark.django_db
def test_redis_down_at_the_commit_is_logged_and_fails_nothing(django_capture_on_commit_callbacks, caplog):
    with (
        caplog.at_level(logging.ERROR, logger="masthead.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _unreachable().enqueue(lines_append, (), {"path": "x", "name": "lost"})
    assert "task masthead.core.tests.worker_processes.lines_append could not be queued" in caplog.text


def test_redis_down_outside_a_transaction_fails_the_enqueue():
    with pytest.raises(redis.ConnectionError):
        _unreachable().enqueue(lines_append, (), {"path": "x", "name": "refused"})
