"""The one rate limiter: every limit of the site, one configuration format, counted across
every process (core/counters.py holds the counts).

A rule is "count/seconds", several comma-separated: "5/60,30/3600" allows 5 events a minute and
30 an hour; "" sets no limit. Each window starts at its key's first event.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .counters import counter_increment
from .keyedhash import keyed_hash
from .refusal import Refusal


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def rates_parse(rule: str) -> list[Rate]:
    """'5/60, 30/3600' → [Rate(5, 60), Rate(30, 3600)]; '' → []. ValueError on anything else."""
    rates = []
    for part in rule.split(","):
        if part.strip():
            count, seconds = part.split("/")
            rates.append(Rate(int(count), int(seconds)))
    if any(rate.count < 0 or rate.seconds <= 0 for rate in rates):
        raise ValueError(f"a rate limit is count/seconds with seconds > 0, not {rule!r}")
    return rates


def rate_limit_hit(*, scope: str, key: str, rule: str) -> bool:
    """Counts one event of `key` (an address, a network's hash, a session…) in every window of
    `rule`; True when any window is now over its count. An empty key is not limited."""
    if not key:
        return False
    digest = keyed_hash(key, purpose="rate-limit")  # no raw address in the store, bounded length
    over = False
    for rate in rates_parse(rule):
        hits = counter_increment(key=f"{scope}:{digest}:{rate.seconds}", seconds=rate.seconds)
        over = over or hits > rate.count
    return over


@dataclass(frozen=True)
class Limit:
    """One limit an event counts against: a scope, whose event it is (its key), a rule."""

    scope: str
    key: str
    rule: str


def rate_limits_enforce(*, limits: Sequence[Limit], message: str) -> None:
    """Counts one event against every limit; refuses it (429, `message`) when any is now over.

    Every limit counts the event, even once another is over: an address asking from many
    networks is still held back by its own count.
    """
    over = [rate_limit_hit(scope=limit.scope, key=limit.key, rule=limit.rule) for limit in limits]
    if any(over):
        raise Refusal(message, status_code=429)
