"""Fixed-window counters in Django's cache (local memory, or Redis with REDIS_URL).

`cache.add` creates a window's counter only if absent and `cache.incr` is atomic in both
backends, so concurrent posts from several processes are all counted (Redis) — with the
local-memory cache each process counts on its own, which is what the embedded one-process site
needs.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def limits_parse(text: str) -> list[Limit]:
    """'5/60,30/3600' → at most 5 per minute and 30 per hour; '' → no limit."""
    limits = []
    for part in text.split(","):
        if part.strip():
            count, seconds = part.split("/")
            limits.append(Limit(int(count), int(seconds)))
    return limits


def _counter_key(scope: str, key: str, limit: Limit, now: float) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]  # bounded key length, no raw email
    return f"mh:rl:{scope}:{digest}:{limit.seconds}:{int(now // limit.seconds)}"


def rate_limit_hit(*, scope: str, key: str, limits: list[Limit]) -> bool:
    """Count one event for `key` in every window; True when any window is now over its limit."""
    cache = caches[getattr(settings, "MODERATION_RATE_CACHE", "default")]
    now = time.time()
    over = False
    for limit in limits:
        counter = _counter_key(scope, key, limit, now)
        cache.add(counter, 0, timeout=limit.seconds + 1)
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add and incr: this event starts a new window
            cache.add(counter, 1, timeout=limit.seconds + 1)
            count = 1
        over = over or count > limit.count
    return over
