"""When an address may next be mailed: after the gather delay, one window after the last mail, or
at the digest hour."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.subscriptions.services.batching import due_at


@pytest.fixture
def timing(settings):
    settings.SUBSCRIPTIONS_GATHER_SECONDS = 30
    settings.SUBSCRIPTIONS_WINDOW_SECONDS = 300
    settings.SUBSCRIPTIONS_DIGEST_HOUR = 7
    settings.TIME_ZONE = "UTC"


NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def test_a_first_mail_waits_only_the_gather_delay(timing):
    assert due_at(frequency="instant", last_mailed_at=None, now=NOON) == NOON + timedelta(seconds=30)


def test_the_next_mail_waits_for_the_window_to_end(timing):
    last = NOON - timedelta(seconds=60)
    assert due_at(frequency="instant", last_mailed_at=last, now=NOON) == last + timedelta(seconds=300)
    long_ago = NOON - timedelta(hours=1)
    assert due_at(frequency="instant", last_mailed_at=long_ago, now=NOON) == NOON + timedelta(seconds=30)


def test_a_digest_waits_for_the_next_digest_hour(timing):
    assert due_at(frequency="daily", last_mailed_at=None, now=NOON) == datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    early = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
    assert due_at(frequency="daily", last_mailed_at=early, now=NOON) == datetime(
        2026, 12, 2, 7, 0, tzinfo=UTC
    )
