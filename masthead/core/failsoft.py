"""Redis as an accelerator, never a single point of failure: the cache and the counters go on
without it.

With REDIS_URL, the cache (generations, the campaign bar, a thread's JSON pages, Wagtail's own
entries), the page cache and the rate-limit counters live in Redis. When Redis stops answering:

- the cache answers "miss" to every read and forgets every write (``FailSoftRedisCache``), so
  pages are rendered for each request instead of served from the page cache, and nothing that
  only clears a cache (the campaign bar after a payment) can fail a request or a payment;
- the rate-limit counters are counted in the database table instead (core/counters.py), so
  limits still hold across every process, with windows that start afresh.

A breaker keeps a dead Redis from costing a connection attempt (up to the socket timeout) on
every call: after a failure the process leaves Redis alone for ``RETRY_SECONDS``, then tries
again. When Redis answers again, every process that saw it down retires the page cache and the
other generations once (``on_recovery``): changes made meanwhile could not retire them.
"""

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger("masthead.redis")

RETRY_SECONDS = 2.0
# A Redis that accepts connections but does not answer must not hold a request for long.
SOCKET_TIMEOUT_SECONDS = 0.5


def _redis_errors() -> tuple[type[Exception], ...]:
    import redis

    # ConnectionError and TimeoutError (a restart, a network cut); BusyLoadingError (a Redis
    # reading its data back after a start) is a ConnectionError too. Other errors are bugs.
    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class Breaker:
    """Whether one Redis is to be left alone for now; shared by the threads of a process."""

    def __init__(self, name: str):
        self.name = name
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """True while calls should not even be tried."""
        return self._down and time.monotonic() < self._down_until

    def failed(self, error: Exception) -> None:
        with self._lock:
            if not self._down:
                log.warning("Redis at %s unreachable (%s); going on without it", self.name, error)
            self._down = True
            self._down_until = time.monotonic() + RETRY_SECONDS

    def succeeded(self) -> None:
        if not self._down:
            return
        with self._lock:
            if not self._down:
                return
            self._down = False
        log.warning("Redis at %s answers again", self.name)
        for hook in list(_recovery_hooks):
            try:
                hook()
            except Exception:  # a hook's failure must not fail the call that saw the recovery
                log.exception("after Redis at %s came back", self.name)


_breakers: dict[str, Breaker] = {}
_recovery_hooks: list[Callable[[], None]] = []


def breaker_for(location: str) -> Breaker:
    """The process's breaker for one Redis server (its databases fail together)."""
    address = urlsplit(location)
    name = f"{address.hostname}:{address.port or 6379}"  # never the password
    if name not in _breakers:
        _breakers.setdefault(name, Breaker(name))
    return _breakers[name]


def on_recovery(hook: Callable[[], None]) -> None:
    """Calls `hook()` whenever a Redis this process saw down answers again."""
    if hook not in _recovery_hooks:
        _recovery_hooks.append(hook)


def redis_call[T](breaker: Breaker, call: Callable[[], T], fallback: Callable[[], T]) -> T:
    """`call()` while the breaker's Redis answers, else `fallback()` (and that Redis is left
    alone for RETRY_SECONDS)."""
    if breaker.is_open:
        return fallback()
    try:
        result = call()
    except _redis_errors() as error:
        breaker.failed(error)
        return fallback()
    breaker.succeeded()
    return result


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache that behaves as an empty cache while Redis is unreachable: reads
    miss, writes are dropped, incr() says the key is missing. Nothing raises."""

    def __init__(self, server: Any, params: dict[str, Any]):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, params)
        servers = re.split("[;,]", server) if isinstance(server, str) else server
        self._breaker = breaker_for(servers[0])

    def _call(self, method: str, fallback: Callable[[], Any], *args: Any) -> Any:
        parent = getattr(super(), method)
        return redis_call(self._breaker, lambda: parent(*args), fallback)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("add", lambda: False, key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call("get", lambda: default, key, default, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("get_many", dict, keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        def missing() -> Any:
            raise ValueError(f"Key '{key}' not found (Redis unreachable)")

        return self._call("incr", missing, key, delta, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self) -> Any:
        return self._call("clear", lambda: False)
