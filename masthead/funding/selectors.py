"""Reads of the funding app: the current campaign, period totals, the bar, and the staff export."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from babel.dates import format_date, format_interval
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from masthead.core.digits import digits_localize
from masthead.core.generation import generation_read
from masthead.core.sitename import site_name

from .models import Campaign, Gift, Pledge
from .money import input_value, money_format
from .periods import Period, days_remaining, local_date, month_period, period_at, site_zone

BAR_GENERATION = "funding-bar"


STRIPE_ID = re.compile(r"[A-Za-z0-9_]{1,255}")


@dataclass(frozen=True)
class Marker:
    amount_minor: int
    label: str
    percent: float


@dataclass(frozen=True)
class CampaignBar:
    slug: str
    name: str
    period_label: str
    raised_minor: int
    goal_minor: int
    raised_label: str
    goal_label: str
    percent: float
    markers: tuple[Marker, ...]
    days: int
    raised_major: str  # for <progress value max>: the numbers a screen reader may announce
    goal_major: str


def payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def campaign_current(*, moment: datetime | None = None) -> Campaign | None:
    """The newest active campaign that is running now."""
    moment = moment or timezone.now()
    for campaign in Campaign.objects.filter(active=True).order_by("-created_at")[:10]:
        if period_at(campaign=campaign, moment=moment) is not None:
            return campaign
    return None


def campaign_get(*, slug: str) -> Campaign | None:
    return Campaign.objects.filter(slug=slug, active=True).first()


def period_raised(*, campaign: Campaign, period: Period) -> int:
    """Paid gifts of the period, net of partial refunds, in the campaign's minor units."""
    total = Gift.objects.filter(
        campaign=campaign,
        period_start=period.start,
        status=Gift.Status.PAID,
        currency__iexact=campaign.currency,
    ).aggregate(total=Sum(F("amount_minor") - F("refunded_minor")))["total"]
    return total or 0


def babel_locale(language: str | None = None) -> str:
    return translation.to_locale(language or translation.get_language() or settings.LANGUAGE_CODE)


def period_label(*, campaign: Campaign, period: Period, locale: str) -> str:
    """ "AUGUST 2025" for a monthly campaign, the date range for a fixed one, in the reader's language."""
    if campaign.period_kind == Campaign.PeriodKind.MONTHLY:
        return digits_localize(format_date(period.start, "LLLL y", locale=locale).upper(), language=locale)
    label = format_interval(period.start, period.last_day, "yMMMd", locale=locale).upper()
    return digits_localize(label, language=locale)


def campaign_bar_build(
    *, campaign: Campaign, moment: datetime | None = None, locale: str
) -> CampaignBar | None:
    moment = moment or timezone.now()
    period = period_at(campaign=campaign, moment=moment)
    if period is None:
        return None
    raised = period_raised(campaign=campaign, period=period)
    goal = max(campaign.goal_minor, 1)

    def fmt(amount: int) -> str:
        return money_format(amount_minor=amount, currency=campaign.currency, locale=locale)

    markers = tuple(
        Marker(amount_minor=m, label=fmt(m), percent=round(min(m / goal, 1) * 100, 2))
        for m in sorted(campaign.markers_minor or [])
        if m > 0
    )
    return CampaignBar(
        slug=campaign.slug,
        name=campaign.name,
        period_label=period_label(campaign=campaign, period=period, locale=locale),
        raised_minor=raised,
        goal_minor=campaign.goal_minor,
        raised_label=fmt(raised),
        goal_label=fmt(campaign.goal_minor),
        percent=round(min(raised / goal, 1) * 100, 2),
        markers=markers,
        days=days_remaining(period=period, moment=moment),
        raised_major=input_value(amount_minor=raised, currency=campaign.currency),
        goal_major=input_value(amount_minor=campaign.goal_minor, currency=campaign.currency),
    )


def _bar_version() -> str:
    """Recording money bumps it (services/gifts.py, bar_cache_clear), in every process."""
    return generation_read(BAR_GENERATION)


def campaign_bar(*, language: str | None = None) -> CampaignBar | None:
    """The bar of the current campaign for the reader's language, cached briefly.

    The key holds the site's date (the countdown changes at midnight) and a version that
    recording money bumps (services/gifts.py, bar_cache_clear), so a new gift shows at once.
    """
    locale = babel_locale(language)
    key = f"funding:bar:{_bar_version()}:{locale}:{local_date(timezone.now()).isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    campaign = campaign_current()
    bar = campaign_bar_build(campaign=campaign, locale=locale) if campaign else None
    cache.set(key, bar or False, settings.FUNDING_BAR_CACHE_SECONDS)
    return bar


def gifts_paid_by_donors() -> Iterator[tuple[str, str, int, int, datetime | None]]:
    """Each paid gift that names a donor, oldest first: email, currency, amount and refunded
    (minor units), when it was paid; streamed, for the donors' CSV export."""
    paid = Gift.objects.filter(status=Gift.Status.PAID).exclude(email="").order_by("paid_at")
    return paid.values_list("email", "currency", "amount_minor", "refunded_minor", "paid_at").iterator()


def pledges_active_emails() -> set[str]:
    """The (lower-cased) addresses of donors who give monthly now."""
    active = Pledge.objects.filter(status=Pledge.Status.ACTIVE)
    return {email.lower() for email in active.values_list("email", flat=True)}


def pledge_get(*, subscription_id: str) -> Pledge | None:
    """The monthly gift of a Stripe subscription (a signed cancel link names one), or None."""
    return Pledge.objects.filter(subscription_id=subscription_id).first()


def gifts_for_export() -> QuerySet[Gift]:
    """Every gift with its campaign, oldest first, for the staff CSV export."""
    return Gift.objects.select_related("campaign").order_by("created_at", "id")


# --- the admin's home ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GiftTally:
    currency: str
    today_count: int
    today_minor: int
    month_count: int
    month_minor: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=site_zone())


def gifts_tally(*, moment: datetime | None = None) -> list[GiftTally]:
    """Paid gifts of today and of this calendar month (site time zone), per currency, in one query."""
    moment = moment or timezone.now()
    today = local_date(moment)
    today_starts, month_starts = _day_start(today), _day_start(month_period(today).start)
    net = F("amount_minor") - F("refunded_minor")
    is_today = Q(paid_at__gte=today_starts)
    rows = (
        Gift.objects.filter(status=Gift.Status.PAID, paid_at__gte=month_starts, paid_at__lte=moment)
        .values("currency")
        .annotate(
            today_count=Count("id", filter=is_today),
            today_minor=Sum(net, filter=is_today, default=0),
            month_count=Count("id"),
            month_minor=Sum(net, default=0),
        )
        .order_by("-month_minor")
    )
    return [
        GiftTally(
            currency=row["currency"] or "USD",
            today_count=row["today_count"],
            today_minor=row["today_minor"],
            month_count=row["month_count"],
            month_minor=row["month_minor"],
        )
        for row in rows
    ]


def pledges_this_month(*, moment: datetime | None = None) -> dict[str, int]:
    """Monthly gifts started and cancelled this calendar month (site time zone), in one query."""
    moment = moment or timezone.now()
    month_starts = _day_start(month_period(local_date(moment)).start)
    return Pledge.objects.filter(
        Q(created_at__gte=month_starts) | Q(canceled_at__gte=month_starts)
    ).aggregate(
        started=Count("id", filter=Q(created_at__gte=month_starts)),
        cancelled=Count("id", filter=Q(canceled_at__gte=month_starts)),
    )


# --- the campaigns and gifts lists of the admin ---------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    raised_minor: int
    goal_minor: int
    percent: float


def campaigns_period_figures(
    *, campaigns: Iterable[Campaign], moment: datetime | None = None
) -> dict[int, PeriodFigures]:
    """Raised and goal of each campaign's current period (running ones only), in one query."""
    moment = moment or timezone.now()
    periods = {c.pk: (c, period_at(campaign=c, moment=moment)) for c in campaigns}
    running = Q(pk__in=[])
    for campaign, period in periods.values():
        if period is not None:
            running |= Q(
                campaign_id=campaign.pk, period_start=period.start, currency__iexact=campaign.currency
            )
    totals = dict(
        Gift.objects.filter(running, status=Gift.Status.PAID)
        .values("campaign_id")
        .annotate(total=Sum(F("amount_minor") - F("refunded_minor")))
        .values_list("campaign_id", "total")
    )
    figures: dict[int, PeriodFigures] = {}
    for pk, (campaign, period) in periods.items():
        if period is not None:
            raised = totals.get(pk) or 0
            percent = round(min(raised / max(campaign.goal_minor, 1), 1) * 100, 1)
            figures[pk] = PeriodFigures(raised_minor=raised, goal_minor=campaign.goal_minor, percent=percent)
    return figures


def campaign_state(*, campaign: Campaign, shown: Campaign | None, moment: datetime | None = None) -> str:
    """What a campaign is doing now, in words (the list shows this instead of "active: True")."""
    moment = moment or timezone.now()
    today = local_date(moment)
    if not campaign.active:
        return _("Switched off: readers do not see it")
    if campaign.period_kind == Campaign.PeriodKind.FIXED:
        if not (campaign.starts_on and campaign.ends_on):
            return _("No dates set: it cannot run")
        if today < campaign.starts_on:
            return _("Starts on %(date)s") % {"date": _date_label(campaign.starts_on)}
        if today > campaign.ends_on:
            return _("Ended on %(date)s") % {"date": _date_label(campaign.ends_on)}
    if shown is not None and shown.pk == campaign.pk:
        return _("Running: shown on every page")
    return _("Running, but a newer campaign is shown")


def _date_label(day: date) -> str:
    return format_date(day, "medium", locale=babel_locale())


def gift_periods() -> list[tuple[str, str]]:
    """(value, label) of every period that has gifts, newest first, for the gifts list's filter."""
    starts = (
        Gift.objects.exclude(period_start=None)
        .order_by("-period_start")
        .values_list("period_start", flat=True)
    )
    locale = babel_locale()
    return [
        (start.isoformat(), format_date(start, "LLLL y" if start.day == 1 else "medium", locale=locale))
        for start in starts.distinct()
        if start is not None  # excluded by the query already: says so to the type checker
    ]


# --- the donor's own page ---------------------------------------------------------------------


@dataclass(frozen=True)
class DonorGiftRow:
    day: date | None
    date_label: str
    amount_label: str  # with what was refunded of it, if anything
    net_minor: int  # what stays given: the amount less any refund
    currency: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    campaign_name: str
    reference: str


@dataclass(frozen=True)
class StatementTotal:
    currency: str
    net_minor: int
    label: str


@dataclass(frozen=True)
class Statement:
    year: int
    organisation_name: str
    organisation_address: tuple[str, ...]
    donor_email: str
    donor_name: str
    rows: tuple[DonorGiftRow, ...]
    totals: tuple[StatementTotal, ...]
    issued_label: str


def _donor_gifts(email: str) -> list[Gift]:
    """Every paid (or since refunded) gift recorded under the address, newest first."""
    return list(
        Gift.objects.filter(email__iexact=email, status__in=(Gift.Status.PAID, Gift.Status.REFUNDED))
        .select_related("campaign")
        .order_by("-paid_at", "-pk")
    )


def _gift_row(gift: Gift, locale: str) -> DonorGiftRow:
    currency = gift.currency or "USD"
    day = local_date(gift.paid_at) if gift.paid_at else None
    net = 0 if gift.status == Gift.Status.REFUNDED else gift.amount_minor - gift.refunded_minor
    amount = money_format(amount_minor=gift.amount_minor, currency=currency, locale=locale)
    if gift.status == Gift.Status.REFUNDED:
        amount = _("%(amount)s (refunded)") % {"amount": amount}
    elif gift.refunded_minor:
        back = money_format(amount_minor=gift.refunded_minor, currency=currency, locale=locale)
        amount = _("%(amount)s (%(refunded)s refunded)") % {"amount": amount, "refunded": back}
    return DonorGiftRow(
        day=day,
        date_label=digits_localize(format_date(day, "long", locale=locale), language=locale) if day else "",
        amount_label=amount,
        net_minor=net,
        currency=currency,
        kind=gift.kind,
        kind_label=str(gift.get_kind_display()),
        status=gift.status,
        status_label=str(gift.get_status_display()),
        campaign_name=gift.campaign.name if gift.campaign else "",
        reference=gift.external_id or "",
    )


def donor_gift_rows(*, email: str, language: str | None = None) -> list[DonorGiftRow]:
    locale = babel_locale(language)
    return [_gift_row(gift, locale) for gift in _donor_gifts(email)]


@dataclass(frozen=True)
class DonorPledgeRow:
    subscription_id: str
    campaign_name: str
    active: bool
    currency: str
    amount_label: str
    amount_input: str  # the amount as typed in the change form


def donor_pledges(*, email: str, language: str | None = None) -> list[DonorPledgeRow]:
    """The address's monthly gifts, running ones first."""
    locale = babel_locale(language)
    pledges = (
        Pledge.objects.filter(email__iexact=email)
        .select_related("campaign")
        .order_by("status", "-created_at")
    )
    return [
        DonorPledgeRow(
            subscription_id=p.subscription_id,
            campaign_name=p.campaign.name if p.campaign else "",
            active=p.status == Pledge.Status.ACTIVE,
            currency=p.currency or "USD",
            amount_label=money_format(
                amount_minor=p.amount_minor, currency=p.currency or "USD", locale=locale
            ),
            amount_input=input_value(amount_minor=p.amount_minor, currency=p.currency or "USD"),
        )
        for p in pledges
    ]


def donor_pledge(*, email: str, subscription_id: str) -> Pledge | None:
    """The monthly gift, only if it is this donor's. Stripe's ids are ASCII letters, digits and
    "_": anything else is no id of ours (a NUL, which PostgreSQL cannot even compare, included)."""
    if not STRIPE_ID.fullmatch(subscription_id):
        return None
    return Pledge.objects.filter(email__iexact=email, subscription_id=subscription_id).first()


def donor_known(*, email: str) -> bool:
    return (
        Gift.objects.filter(email__iexact=email).exclude(status=Gift.Status.PENDING).exists()
        or Pledge.objects.filter(email__iexact=email).exists()
    )


def donor_years(*, rows: list[DonorGiftRow]) -> list[int]:
    return sorted({row.day.year for row in rows if row.day}, reverse=True)


def organisation_address() -> tuple[str, ...]:
    lines = settings.ORGANISATION_ADDRESS.replace("\n", "|").split("|")
    return tuple(line.strip() for line in lines if line.strip())


def donor_statement(*, email: str, year: int, language: str | None = None) -> Statement:
    """Every gift the address made in the calendar year (site time zone), oldest first, with the
    total per currency of what stayed given (refunds taken off)."""
    locale = babel_locale(language)
    gifts = [g for g in reversed(_donor_gifts(email)) if g.paid_at and local_date(g.paid_at).year == year]
    rows = tuple(_gift_row(g, locale) for g in gifts)
    sums: dict[str, int] = {}
    for row in rows:
        sums[row.currency] = sums.get(row.currency, 0) + row.net_minor
    totals = tuple(
        StatementTotal(currency=c, net_minor=n, label=money_format(amount_minor=n, currency=c, locale=locale))
        for c, n in sorted(sums.items())
    )
    today = local_date(timezone.now())
    return Statement(
        year=year,
        organisation_name=settings.ORGANISATION_NAME or site_name(language),
        organisation_address=organisation_address(),
        donor_email=email,
        donor_name=next((g.donor_name for g in reversed(gifts) if g.donor_name), ""),
        rows=rows,
        totals=totals,
        issued_label=digits_localize(format_date(today, "long", locale=locale), language=locale),
    )
