"""Redis stopping under the site: the cache behaves as an empty one, the counters go to the
database, and when Redis answers again cached pages from before are retired. Each test runs a
Redis server of its own (redis_server.py) and stops it."""

import time

import pytest
import redis
from django.core.cache import cache, caches

from masthead.core import failsoft
from masthead.core.counters import counter_increment
from masthead.core.generation import generation_bump, generation_read
from masthead.core.ratelimit import rate_limit_hit

from .redis_server import redis_server  # noqa: F401 (a fixture)


@pytest.fixture
def redis_caches(redis_server, settings, monkeypatch):  # noqa: F811
    monkeypatch.setattr(failsoft, "RETRY_SECONDS", 0.3)
    settings.CACHES = {
        "default": {"BACKEND": "masthead.core.failsoft.FailSoftRedisCache", "LOCATION": redis_server.url(0)},
        "pages": {"BACKEND": "masthead.core.failsoft.FailSoftRedisCache", "LOCATION": redis_server.url(1)},
    }
    return redis_server


def test_reads_miss_and_writes_are_dropped_while_redis_is_down(redis_caches):
    cache.set("kept", "value", 60)
    assert cache.get("kept") == "value"

    redis_caches.kill()

    assert cache.get("kept") is None
    assert cache.get("kept", "fallback") == "fallback"
    assert cache.get_many(["kept"]) == {}
    assert cache.get_or_set("count", 7) == 7
    assert cache.add("other", 1) is False
    cache.set("other", 1)
    cache.delete("kept")
    assert cache.has_key("kept") is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr("count")
    caches["pages"].clear()


def test_a_hung_redis_costs_one_timeout_then_is_left_alone(redis_caches):
    cache.set("kept", "value", 60)
    pauser = redis.Redis.from_url(redis_caches.url())
    pauser.execute_command("CLIENT", "PAUSE", "3000", "ALL")  # accepts connections, answers nothing

    started = time.monotonic()
    first = cache.get("kept")
    first_took = time.monotonic() - started
    started = time.monotonic()
    rest = [cache.get("kept") for _ in range(200)]
    rest_took = time.monotonic() - started

    assert first is None
    assert first_took < failsoft.SOCKET_TIMEOUT_SECONDS * 3
    assert rest == [None] * 200
    assert rest_took < 0.2  # the breaker is open: not one more timeout


def test_the_cache_is_used_again_once_redis_answers(redis_caches):
    redis_caches.kill()
    cache.set("before", 1)
    redis_caches.start()
    time.sleep(failsoft.RETRY_SECONDS + 0.1)

    cache.set("after", "stored", 60)

    assert cache.get("after") == "stored"
    assert redis.Redis.from_url(redis_caches.url()).get(cache.make_key("after")) is not None


def test_pages_cached_before_an_outage_are_retired_when_redis_answers_again(redis_caches):
    before = generation_read("content")
    pauser = redis.Redis.from_url(redis_caches.url())
    pauser.execute_command("CLIENT", "PAUSE", "1000", "ALL")  # Redis keeps its data throughout
    assert cache.get("anything") is None  # this process sees the outage
    # Meanwhile another machine published a story: its bump could not reach Redis.
    time.sleep(1.1)
    time.sleep(failsoft.RETRY_SECONDS)

    generation_read("content")  # finds Redis back: the retirement runs after this read
    after = generation_read("content")

    assert after != before
    assert after.split(".")[0] != before.split(".")[0], (
        "the shared number moved, not only this machine's stamp"
    )


@pytest.mark.django_db(transaction=True)
def test_rate_limits_are_counted_in_the_database_while_redis_is_down(redis_caches, settings):
    settings.COUNTERS_REDIS_URL = redis_caches.url(2)
    assert [counter_increment(key="in-redis", seconds=60) for _ in range(2)] == [1, 2]

    redis_caches.kill()

    hits = [rate_limit_hit(scope="comment", key="203.0.113.7", rule="3/60") for _ in range(5)]
    assert hits == [False, False, False, True, True]
    assert counter_increment(key="in-redis", seconds=60) == 1  # the database's own window


def test_generation_bumps_never_raise_while_redis_is_down(redis_caches):
    redis_caches.kill()

    generation_bump("content")

    assert generation_read("content").startswith("0.")
