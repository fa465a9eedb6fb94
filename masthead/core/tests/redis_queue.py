"""The Redis task queue of a test (the `queue` fixture, conftest.py): the real Redis (127.0.0.1:6379
db 7, running here and in CI) under a key prefix of the test's own, its backend as settings.py
builds it, and the environment that makes `masthead worker` processes serve it."""

import uuid

import redis

from masthead.core.redistasks import CommittedRedisTaskBackend

from .worker_processes import lines_append, worker_env

REDIS_TEST_URL = "redis://127.0.0.1:6379/7"


class Queue:
    """The queue a test's workers serve: the backend they build from the environment, built here."""

    def __init__(self, tmp_path, client: redis.Redis):
        self.prefix = f"test-{uuid.uuid4().hex[:12]}"
        self.client = client
        self.backend = backend_for(REDIS_TEST_URL, prefix=self.prefix)
        self.data_dir = tmp_path / "data"

    def env(self, **extra: str) -> dict:
        return worker_env(
            self.data_dir,
            MASTHEAD_TASK_BACKEND="redis",
            MASTHEAD_TASKS_REDIS_URL=REDIS_TEST_URL,
            MASTHEAD_CACHE_PREFIX=self.prefix,
            **extra,
        )

    def enqueue(self, path, name: str, seconds: float = 0.0) -> str:
        return self.backend.enqueue(
            lines_append, (), {"path": str(path), "name": name, "seconds": seconds}
        ).id

    def status(self, task_id: str) -> str:
        return self.backend.get_result(task_id).status

    def stored(self) -> int:
        return sum(1 for _ in self.client.scan_iter(f"{self.prefix}-tasks:*:result:*"))


def backend_for(url: str, *, prefix: str) -> CommittedRedisTaskBackend:
    # The options settings.py gives the backend that matter to where tasks are kept.
    return CommittedRedisTaskBackend(
        "default",
        {
            "OPTIONS": {
                "REDIS_URL": url,
                "REDIS_KEY_PREFIX": f"{prefix}-tasks",
                "REDIS_SOCKET_CONNECT_TIMEOUT": 1,
            }
        },
    )
