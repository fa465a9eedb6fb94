"""What a process needs before it starts: the database (waited for), the cache and media storage.

A node started while PostgreSQL restarts waits for it with a log line each few seconds instead of
exiting; a Redis URL or an S3 endpoint that cannot be reached after the same wait fails the start
with one sentence naming the setting, which is what an operator needs to fix it. A missing bucket
or refused S3 keys fail it at once: waiting does not mend them.
"""

import logging
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection

from .s3 import MediaStorageError, media_storage_check

log = logging.getLogger("masthead.startup")
RETRY_SECONDS = 2.0


class StartFailed(Exception):
    """The site cannot start; the message is one sentence for the operator."""


def _wait_seconds() -> float:
    return float(os.environ.get("MASTHEAD_START_WAIT_SECONDS", "60"))


def _retry(what: str, check: Callable[[], None], *, deadline: float) -> Exception | None:
    """Calls `check` until it passes (None) or the deadline passes (the last error)."""
    while True:
        try:
            check()
            return None
        except Exception as error:  # any failure to reach it; the message says which
            if time.monotonic() >= deadline or getattr(error, "lasting", False):
                return error
            log.warning(
                "waiting for %s: %s (retrying for up to %.0f s more)",
                what,
                error,
                deadline - time.monotonic(),
            )
            time.sleep(RETRY_SECONDS)


def _database() -> None:
    connection.close()  # a connection broken by a restart is dropped, not reused
    connection.ensure_connection()


def _cache() -> None:
    from django.core.cache import cache

    cache.set("masthead:start-probe", "1", 5)
    if cache.get("masthead:start-probe") != "1":
        raise OSError("it did not keep a value")


def _task_queue() -> None:
    from django.tasks import task_backends

    task_backends["default"].get_client().ping()


def _task_backend_check() -> None:
    """A queue that is misnamed or has no Redis fails at once: waiting would not mend it."""
    if settings.TASK_BACKEND not in ("database", "redis"):
        raise StartFailed(
            f"Masthead cannot start: MASTHEAD_TASK_BACKEND is {settings.TASK_BACKEND!r}; "
            "it must be database or redis."
        )
    if settings.TASK_BACKEND == "redis" and not settings.TASKS_REDIS_URL:
        raise StartFailed(
            "Masthead cannot start: MASTHEAD_TASK_BACKEND=redis needs a Redis: "
            "set MASTHEAD_TASKS_REDIS_URL or REDIS_URL."
        )


def dependencies_wait(*, wait_seconds: float | None = None) -> None:
    """Waits for the database, then checks Redis (cache, task queue) and S3 when configured;
    raises StartFailed."""
    _task_backend_check()
    deadline = time.monotonic() + (_wait_seconds() if wait_seconds is None else wait_seconds)
    checks = [("the database", "DATABASE_URL", _database)]
    if os.environ.get("REDIS_URL"):
        checks.append(("Redis", "REDIS_URL", _cache))
    if settings.TASK_BACKEND == "redis":
        checks.append(("the task queue's Redis", "MASTHEAD_TASKS_REDIS_URL or REDIS_URL", _task_queue))
    if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        checks.append(("the S3 bucket", "AWS_STORAGE_BUCKET_NAME", media_storage_check))
    for what, setting, check in checks:
        error = _retry(what, check, deadline=deadline)
        if isinstance(error, MediaStorageError):  # its message names the setting already
            raise StartFailed(f"Masthead cannot start: {error}.")
        if error:
            raise StartFailed(f"Masthead cannot start: {what} ({setting}) cannot be reached: {error}")
