"""Counters that cap confirmation mails per address and subscribe requests per network."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _parse(rule: str) -> tuple[int, int]:
    count, seconds = rule.split("/")
    return int(count), int(seconds)


def _hit(key: str, rule: str) -> bool:
    """Counts one event; True while the count stays within the rule ("count/seconds")."""
    if not rule:
        return True
    limit, seconds = _parse(rule)
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def address_allows_confirmation(email: str) -> bool:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{email}".encode()).hexdigest()[:32]
    return _hit(f"subscriptions:confirm:address:{digest}", settings.SUBSCRIPTIONS_CONFIRM_RATE_ADDRESS)


def network_allows_request(network: str) -> bool:
    return _hit(f"subscriptions:request:network:{network}", settings.SUBSCRIPTIONS_RATE_NETWORK)
