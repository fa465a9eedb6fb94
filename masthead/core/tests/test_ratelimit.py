"""The one rate limiter: its rule format and its verdicts (the store is tested in test_counters)."""

from unittest import mock

import pytest

from masthead.core import counters
from masthead.core.models import RateCounter
from masthead.core.ratelimit import Limit, Rate, rate_limit_hit, rate_limits_enforce, rates_parse
from masthead.core.refusal import Refusal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_store(settings):
    settings.COUNTERS_REDIS_URL = ""


def test_rules_parse():
    assert rates_parse("5/60, 30/3600") == [Rate(5, 60), Rate(30, 3600)]
    assert rates_parse("") == []


@pytest.mark.parametrize("rule", ["5", "5/0", "five/60", "5/60/2"])
def test_a_malformed_rule_is_an_error(rule):
    with pytest.raises(ValueError):  # noqa: PT011  (the contract: ValueError on anything else)
        rates_parse(rule)


def test_over_the_limit_after_count_events():
    hits = [rate_limit_hit(scope="t", key="k", rule="3/60") for _ in range(5)]

    assert hits == [False, False, False, True, True]


def test_keys_and_scopes_count_apart():
    for _ in range(3):
        rate_limit_hit(scope="t", key="a", rule="3/60")

    assert not rate_limit_hit(scope="t", key="b", rule="3/60")
    assert not rate_limit_hit(scope="u", key="a", rule="3/60")


def test_no_rule_and_no_key_limit_nothing():
    assert not any(rate_limit_hit(scope="t", key="k", rule="") for _ in range(50))
    assert not any(rate_limit_hit(scope="t", key="", rule="1/60") for _ in range(5))


def test_the_longer_window_catches_a_slow_stream():
    hits = []
    with mock.patch.object(counters.time, "time") as now:
        for minute in range(10):  # one a minute: never 5 in a minute, but 10 in an hour
            now.return_value = 1_000_020.0 + minute * 61
            hits.append(rate_limit_hit(scope="t", key="slow", rule="5/60,8/3600"))

    assert hits == [False] * 8 + [True, True]


def test_the_store_holds_no_raw_address():
    rate_limit_hit(scope="email", key="mina@example.org", rule="5/60")

    (key,) = RateCounter.objects.values_list("key", flat=True)
    assert "mina" not in key and len(key) < 100


def test_limits_enforced_together_refuse_with_429_and_count_every_limit():
    limits = [Limit("t-network", "net", "2/60"), Limit("t-email", "ruth@example.org", "3/60")]
    for _ in range(2):
        rate_limits_enforce(limits=limits, message="Slow down.")

    with pytest.raises(Refusal) as refused:
        rate_limits_enforce(limits=limits, message="Slow down.")

    assert (refused.value.message, refused.value.status_code) == ("Slow down.", 429)
    # The address's own limit counted the refused event too: its fourth is over from a new network.
    assert rate_limit_hit(scope="t-email", key="ruth@example.org", rule="3/60")
