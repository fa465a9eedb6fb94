"""Gifts recorded by staff (services/gifts.py): a cheque or cash counts at once, in its period,
and the campaign bar and the cached pages that show it are renewed."""

from datetime import UTC, date, datetime

from masthead.core.pagecache import page_cache_generation
from masthead.funding.models import Gift
from masthead.funding.selectors import campaign_bar
from masthead.funding.services.gifts import bar_cache_clear, gift_record_offline


def test_an_offline_gift_is_paid_at_once_in_the_period_of_the_day_received(campaign, on_commit):
    received = datetime(2025, 8, 30, 15, 0, tzinfo=UTC)
    with on_commit(execute=True):
        recorded = gift_record_offline(
            gift=Gift(campaign=campaign, amount_minor=12_000, donor_name="Bakery", paid_at=received)
        )
    recorded.refresh_from_db()
    assert (recorded.kind, recorded.status, recorded.currency) == ("offline", "paid", "USD")
    assert (recorded.paid_at, recorded.period_start) == (received, date(2025, 8, 1))


def test_an_offline_gift_without_a_date_is_received_now_and_clears_the_bar(campaign, on_commit):
    campaign_bar()
    with on_commit(execute=True):
        recorded = gift_record_offline(gift=Gift(campaign=campaign, amount_minor=12_000, donor_name="Bakery"))
    assert recorded.paid_at is not None
    assert campaign_bar().raised_label == "120 $"


def test_clearing_the_bar_retires_the_cached_pages_too(campaign):
    before = page_cache_generation()
    bar_cache_clear()
    assert page_cache_generation() != before
