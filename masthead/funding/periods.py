"""Campaign periods in the site's time zone: which period a moment belongs to, and its countdown."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .models import Campaign


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # the day after the last day

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_date(moment: datetime) -> date:
    return moment.astimezone(site_zone()).date()


def month_period(day: date) -> Period:
    start = day.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    return Period(start=start, end=end)


def period_at(*, campaign: Campaign, moment: datetime) -> Period | None:
    """The campaign's period containing `moment`, or None when a fixed campaign is not running."""
    if campaign.period_kind == Campaign.PeriodKind.MONTHLY:
        return month_period(local_date(moment))
    if not (campaign.starts_on and campaign.ends_on):
        return None
    period = Period(start=campaign.starts_on, end=campaign.ends_on + timedelta(days=1))
    return period if period.start <= local_date(moment) < period.end else None


def period_for_start(*, campaign: Campaign, start: date) -> Period:
    if campaign.period_kind == Campaign.PeriodKind.MONTHLY:
        return month_period(start)
    return Period(start=campaign.starts_on, end=campaign.ends_on + timedelta(days=1))


def days_remaining(*, period: Period, moment: datetime | None = None) -> int:
    """Days left, counted up (1.4 days left is 2); 1 on the last day.

    Counted in calendar days of the site's zone, which is the same as rounding the time left up
    to whole days, except that a day with a daylight-saving change still counts as one day.
    """
    moment = moment or timezone.now()
    return max(1, (period.end - local_date(moment)).days)
