"""The migration that deletes the counters kept in Redis before the kernel, unkeyed hashes
of donors' addresses among them."""

import hashlib
import importlib

import pytest
import redis

migration = importlib.import_module("masthead.core.migrations.0003_forget_old_rate_counters")
REDIS_TEST_URL = "redis://127.0.0.1:6379/12"  # its own database: test_counters flushes 15


@pytest.fixture
def old_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "test-old-counters",
        }
    }
    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield client
    for key in client.scan_iter(match="test-old-counters:*"):
        client.delete(key)


def test_old_counters_go_and_everything_else_stays(old_redis_cache):
    unkeyed = hashlib.sha256(b"mina@example.org").hexdigest()[:32]
    old_redis_cache.set(f"test-old-counters:1:funding:rate:email:{unkeyed}", 3)  # no expiry: the race
    old_redis_cache.set("test-old-counters:1:mh:rl:email:abc:60:1", 1, ex=60)
    old_redis_cache.set("test-old-counters:1:pagecache:xyz", b"page", ex=60)
    old_redis_cache.set("another-site:1:funding:rate:email:abc", 1, ex=60)

    migration.forget_old_counters(None, None)

    left = {key.decode() for key in old_redis_cache.scan_iter(match="*")}
    assert not any(unkeyed in key for key in left)
    assert "test-old-counters:1:mh:rl:email:abc:60:1" not in left
    assert {"test-old-counters:1:pagecache:xyz", "another-site:1:funding:rate:email:abc"} <= left
    old_redis_cache.delete("another-site:1:funding:rate:email:abc")
