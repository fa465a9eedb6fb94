"""Periods in the site's time zone: the month rolls over at local midnight; the countdown counts up."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from masthead.funding.models import Campaign
from masthead.funding.periods import days_remaining, month_period, period_at

NEW_YORK = ZoneInfo("America/New_York")


def monthly():
    return Campaign(period_kind=Campaign.PeriodKind.MONTHLY)


def test_the_month_rolls_over_at_midnight_in_the_sites_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    last_minute = datetime(2025, 8, 31, 23, 59, 59, tzinfo=NEW_YORK)  # already 1 Sept in UTC
    first_minute = datetime(2025, 9, 1, 0, 0, 0, tzinfo=NEW_YORK)
    assert last_minute.astimezone(UTC).month == 9
    assert period_at(campaign=monthly(), moment=last_minute).start == date(2025, 8, 1)
    assert period_at(campaign=monthly(), moment=first_minute).start == date(2025, 9, 1)


def test_in_utc_the_same_moment_is_already_september(settings):
    settings.TIME_ZONE = "UTC"
    moment = datetime(2025, 8, 31, 23, 59, 59, tzinfo=NEW_YORK)
    assert period_at(campaign=monthly(), moment=moment).start == date(2025, 9, 1)


@pytest.mark.parametrize(
    ("moment", "days"),
    [
        (datetime(2025, 8, 1, 0, 0), 31),  # the first day: the whole month
        (datetime(2025, 8, 1, 23, 59), 31),
        (datetime(2025, 8, 30, 14, 24), 2),  # 1.4 days left shows 2
        (datetime(2025, 8, 31, 0, 0), 1),  # the last day
        (datetime(2025, 8, 31, 23, 59), 1),
        (datetime(2025, 2, 27, 12, 0), 2),
        (datetime(2024, 2, 1, 0, 0), 29),  # a leap year
    ],
)
def test_countdown(settings, moment, days):
    settings.TIME_ZONE = "Asia/Kuwait"
    local = moment.replace(tzinfo=ZoneInfo("Asia/Kuwait"))
    assert days_remaining(period=month_period(local.date()), moment=local) == days


def test_december_rolls_into_january():
    assert month_period(date(2025, 12, 15)).end == date(2026, 1, 1)


def test_a_fixed_campaign_runs_only_between_its_dates(settings):
    settings.TIME_ZONE = "UTC"
    campaign = Campaign(
        period_kind=Campaign.PeriodKind.FIXED, starts_on=date(2025, 11, 1), ends_on=date(2025, 12, 15)
    )
    inside = datetime(2025, 12, 15, 23, 0, tzinfo=UTC)
    period = period_at(campaign=campaign, moment=inside)
    assert (period.start, period.last_day) == (date(2025, 11, 1), date(2025, 12, 15))
    assert days_remaining(period=period, moment=inside) == 1
    assert period_at(campaign=campaign, moment=datetime(2025, 12, 16, 0, 0, tzinfo=UTC)) is None
    assert period_at(campaign=campaign, moment=datetime(2025, 10, 31, 23, 0, tzinfo=UTC)) is None
