"""The counters behind every rate limit, in both stores: the database table (the embedded
default, SQLite or PostgreSQL) and Redis (127.0.0.1:6379 db 15, always running here and in CI)."""

import secrets
import threading
from unittest import mock

import pytest
from django.db import connection

from masthead.core import counters
from masthead.core.counters import counter_increment, counters_prune
from masthead.core.models import RateCounter

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_store(settings):
    """Counters in Redis under a prefix of this test's own; its keys are deleted afterwards."""
    import redis

    settings.COUNTERS_REDIS_URL = REDIS_TEST_URL
    settings.COUNTERS_PREFIX = f"test-{secrets.token_hex(4)}"
    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield client
    for key in client.scan_iter(f"{settings.COUNTERS_PREFIX}:*"):
        client.delete(key)


@pytest.fixture
def database_store(settings):
    settings.COUNTERS_REDIS_URL = ""


def _hammer(*, key: str, threads: int, each: int) -> None:
    barrier = threading.Barrier(threads)

    def count():
        barrier.wait()
        try:
            for _ in range(each):
                counter_increment(key=key, seconds=60)
        finally:
            connection.close()

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


@pytest.mark.django_db
def test_database_counts_each_event_of_a_window(database_store):
    assert [counter_increment(key="k", seconds=60) for _ in range(3)] == [1, 2, 3]
    assert counter_increment(key="other", seconds=60) == 1


@pytest.mark.django_db
def test_database_window_starts_afresh_once_it_has_ended(database_store):
    with mock.patch.object(counters.time, "time", return_value=1_000_000.0):
        for _ in range(4):
            counter_increment(key="k", seconds=60)
    with mock.patch.object(counters.time, "time", return_value=1_000_059.0):
        assert counter_increment(key="k", seconds=60) == 5
    with mock.patch.object(counters.time, "time", return_value=1_000_061.0):
        assert counter_increment(key="k", seconds=60) == 1
    with mock.patch.object(counters.time, "time", return_value=1_000_062.0):
        assert counter_increment(key="k", seconds=60) == 2


@pytest.mark.django_db(transaction=True)
def test_database_counts_concurrent_events_exactly(database_store):
    """8 threads, each with its own database connection, × 25 events: exactly 200."""
    _hammer(key="crowd", threads=8, each=25)

    assert RateCounter.objects.get(key="crowd").hits == 200


@pytest.mark.django_db
def test_expired_windows_are_pruned(database_store):
    with mock.patch.object(counters.time, "time", return_value=1_000_000.0):
        counter_increment(key="old", seconds=60)
    counter_increment(key="current", seconds=60)

    assert counters_prune() == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["current"]


def test_redis_counts_each_event_and_sets_the_expiry(redis_store, settings):
    assert [counter_increment(key="k", seconds=60) for _ in range(3)] == [1, 2, 3]

    ttl = redis_store.pttl(f"{settings.COUNTERS_PREFIX}:counter:k")
    assert 55_000 < ttl <= 60_000, "the first event's expiry, not renewed by later ones"


def test_redis_gives_an_expiry_to_a_key_that_lost_it(redis_store, settings):
    """The add/incr race of the cache API left keys without expiry (a limit for ever): the
    script repairs any such key on the next event."""
    redis_store.set(f"{settings.COUNTERS_PREFIX}:counter:k", 7)

    assert counter_increment(key="k", seconds=60) == 8
    assert redis_store.pttl(f"{settings.COUNTERS_PREFIX}:counter:k") > 0


def test_redis_window_starts_afresh_once_it_has_ended(redis_store, settings):
    counter_increment(key="k", seconds=60)
    redis_store.pexpire(f"{settings.COUNTERS_PREFIX}:counter:k", 1)
    while redis_store.exists(f"{settings.COUNTERS_PREFIX}:counter:k"):
        pass  # a millisecond

    assert counter_increment(key="k", seconds=60) == 1


def test_redis_counts_concurrent_events_exactly(redis_store, settings):
    _hammer(key="crowd", threads=8, each=25)

    assert int(redis_store.get(f"{settings.COUNTERS_PREFIX}:counter:crowd")) == 200
