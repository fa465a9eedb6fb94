"""Fixtures of the kernel's tests."""

import pytest
import redis

from .redis_queue import REDIS_TEST_URL, Queue


@pytest.fixture
def queue(tmp_path):
    """A Redis task queue of the test's own (redis_queue.py), emptied afterwards."""
    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")  # CI starts one and fails any skip
    queue = Queue(tmp_path, client)
    yield queue
    for key in client.scan_iter(f"{queue.prefix}*"):
        client.delete(key)
    client.close()
