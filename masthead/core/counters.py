"""Counters with an expiry, shared by every process (and machine) of the site: the store behind
rate limits (core/ratelimit.py).

Where they live: in Redis when REDIS_URL is set (or MASTHEAD_COUNTERS_REDIS_URL, a Redis of
their own), else in a table of the site's database (SQLite or PostgreSQL). While Redis does not
answer they are counted in the database table (core/failsoft.py): limits keep holding across
every process, in windows that start afresh there. Never in the cache: the local-memory cache
is per process and bounded, so page entries would evict counters and each worker would count on
its own.

Each increment is one atomic step, so the add-then-increment race of the cache API cannot
happen: in the database one INSERT … ON CONFLICT DO UPDATE … RETURNING (the same statement on
SQLite ≥ 3.35 and PostgreSQL) counts and restarts an expired window; in Redis one Lua script
increments and sets the expiry of a key that has none. A window starts at its first event and
lasts `seconds`.

In the database the increment belongs to the caller's transaction: call it outside one (as the
screening pipeline and the views do) when the count must survive a rollback.
"""

import random
import time
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection

from .failsoft import SOCKET_TIMEOUT_SECONDS, breaker_for, redis_call

PRUNE_ONE_IN = 200  # increments; expired rows are deleted now and then, by whoever counts

# Standard SQL with double-quoted names: the same text runs on SQLite and PostgreSQL.
_INCREMENT_SQL = (
    'INSERT INTO core_ratecounter ("key", hits, window_ends) VALUES (%s, 1, %s) '
    'ON CONFLICT ("key") DO UPDATE SET '
    "hits = CASE WHEN core_ratecounter.window_ends <= %s THEN 1 ELSE core_ratecounter.hits + 1 END, "
    "window_ends = CASE WHEN core_ratecounter.window_ends <= %s THEN excluded.window_ends "
    "ELSE core_ratecounter.window_ends END "
    "RETURNING hits"
)
_INCREMENT_LUA = """
local hits = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits
"""


def counter_increment(*, key: str, seconds: int) -> int:
    """Counts one event for `key`; returns the events in its current window, this one included."""
    if settings.COUNTERS_REDIS_URL:
        return redis_call(
            breaker_for(settings.COUNTERS_REDIS_URL),
            lambda: _redis_increment(key=key, seconds=seconds),
            lambda: _database_increment(key=key, seconds=seconds),
        )
    return _database_increment(key=key, seconds=seconds)


def counters_prune(*, now: float | None = None) -> int:
    """Deletes the database's expired windows; returns how many."""
    from .models import RateCounter

    deleted, _ = RateCounter.objects.filter(window_ends__lt=time.time() if now is None else now).delete()
    return deleted


def _database_increment(*, key: str, seconds: int) -> int:
    now = time.time()
    with connection.cursor() as cursor:
        cursor.execute(_INCREMENT_SQL, [key, now + seconds, now, now])
        hits = int(cursor.fetchone()[0])
    if random.randrange(PRUNE_ONE_IN) == 0:  # noqa: S311 (spreading chores, not a secret)
        counters_prune(now=now)
    return hits


@cache
def _redis_script(url: str) -> Any:
    import redis

    client = redis.Redis.from_url(
        url, socket_connect_timeout=SOCKET_TIMEOUT_SECONDS, socket_timeout=SOCKET_TIMEOUT_SECONDS
    )
    return client.register_script(_INCREMENT_LUA)


def _redis_increment(*, key: str, seconds: int) -> int:
    name = f"{settings.COUNTERS_PREFIX}:counter:{key}"
    return int(_redis_script(settings.COUNTERS_REDIS_URL)(keys=[name], args=[seconds * 1000]))
