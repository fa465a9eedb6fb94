"""Rate-limit counters in the configured cache (local memory, or Redis when REDIS_URL is set:
CI runs this file both ways)."""

import threading
from unittest import mock

from django.core.cache import cache

from masthead.moderation import ratelimit
from masthead.moderation.ratelimit import Limit, limits_parse, rate_limit_hit


def test_limits_parse():
    assert limits_parse("5/60, 30/3600") == [Limit(5, 60), Limit(30, 3600)]
    assert limits_parse("") == []


def test_over_the_limit_after_count_events():
    hits = [rate_limit_hit(scope="t", key="k", limits=[Limit(3, 60)]) for _ in range(5)]
    assert hits == [False, False, False, True, True]


def test_keys_and_scopes_count_apart():
    for _ in range(3):
        rate_limit_hit(scope="t", key="a", limits=[Limit(3, 60)])
    assert not rate_limit_hit(scope="t", key="b", limits=[Limit(3, 60)])
    assert not rate_limit_hit(scope="u", key="a", limits=[Limit(3, 60)])


def test_the_longer_window_catches_a_slow_stream():
    limits = [Limit(5, 60), Limit(8, 3600)]
    with mock.patch.object(ratelimit.time, "time") as now:
        hits = []
        for minute in range(10):  # one post a minute: never 5 in a minute, but 10 in an hour
            now.return_value = 1_000_020.0 + minute * 60
            hits.append(rate_limit_hit(scope="t", key="slow", limits=limits))
    assert hits == [False] * 8 + [True, True]


def test_a_new_window_starts_afresh():
    with mock.patch.object(ratelimit.time, "time", return_value=1_000_020.0):
        for _ in range(3):
            rate_limit_hit(scope="t", key="k", limits=[Limit(2, 60)])
    with mock.patch.object(ratelimit.time, "time", return_value=1_000_080.0):
        assert not rate_limit_hit(scope="t", key="k", limits=[Limit(2, 60)])


def test_concurrent_events_are_all_counted():
    """8 threads × 25 events: the counter ends at exactly 200 (add + incr are atomic)."""
    barrier = threading.Barrier(8)

    def post():
        barrier.wait()
        for _ in range(25):
            rate_limit_hit(scope="t", key="crowd", limits=[Limit(1000, 3600)])

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = [ratelimit._counter_key("t", "crowd", Limit(1000, 3600), ratelimit.time.time())]
    assert cache.get(keys[0]) == 200


def test_the_cache_key_holds_no_raw_email():
    key = ratelimit._counter_key("email", "mina@example.org", Limit(5, 60), 0)
    assert "mina" not in key and len(key) < 100
