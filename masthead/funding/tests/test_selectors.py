"""The campaign bar as readers get it: period label, amounts, markers, countdown, cached and fresh;
the donors' export rows and a monthly gift by its subscription."""

from datetime import UTC, date, datetime

from django.test import override_settings
from django.utils import translation

from masthead.funding.models import Campaign, Gift, Pledge
from masthead.funding.selectors import (
    campaign_bar,
    campaign_bar_build,
    campaign_current,
    gifts_paid_by_donors,
    pledge_get,
    pledges_active_emails,
)
from masthead.funding.services.gifts import bar_cache_clear

AUG_30 = datetime(2025, 8, 30, 14, 24, tzinfo=UTC)


def test_the_bar_in_english(campaign):
    Gift.objects.create(
        campaign=campaign,
        period_start=date(2025, 8, 1),
        amount_minor=222_000,
        currency="USD",
        kind="offline",
        status="paid",
    )
    bar = campaign_bar_build(campaign=campaign, moment=AUG_30, locale="en")
    assert bar.period_label == "AUGUST 2025"
    assert (bar.raised_label, bar.goal_label) == ("2,220 $", "5,000 $")
    assert [m.label for m in bar.markers] == ["500 $", "2,500 $", "5,000 $"]
    assert [m.percent for m in bar.markers] == [10.0, 50.0, 100.0]
    assert (bar.raised_major, bar.goal_major, bar.percent, bar.days) == ("2220", "5000", 44.4, 2)


def test_the_bar_in_arabic(campaign):
    bar = campaign_bar_build(campaign=campaign, moment=AUG_30, locale="ar")
    assert bar.period_label == "أغسطس 2025"
    assert bar.goal_label == "5,000 $"  # the site keeps "$" in Arabic too (settings default)


def test_only_paid_gifts_of_this_period_count(campaign):
    for status, period in [
        ("paid", date(2025, 8, 1)),
        ("pending", date(2025, 8, 1)),
        ("refunded", date(2025, 8, 1)),
        ("paid", date(2025, 7, 1)),
    ]:
        Gift.objects.create(
            campaign=campaign, period_start=period, amount_minor=1000, currency="USD", status=status
        )
    assert campaign_bar_build(campaign=campaign, moment=AUG_30, locale="en").raised_minor == 1000


def test_the_newest_running_campaign_is_shown(campaign):
    Campaign.objects.create(
        name="Old drive",
        slug="old",
        goal_minor=100,
        period_kind="fixed",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 2, 1),
    )
    Campaign.objects.create(name="Off", slug="off", goal_minor=100, active=False)
    assert campaign_current() == campaign


def test_the_bar_is_cached_and_cleared_when_money_is_recorded(campaign, django_assert_num_queries):
    campaign_bar()
    with django_assert_num_queries(0):
        assert campaign_bar().raised_minor == 0
    Gift.objects.create(
        campaign=campaign,
        period_start=date.today().replace(day=1),
        amount_minor=500,
        currency="USD",
        status="paid",
    )
    assert campaign_bar().raised_minor == 0  # still the cached bar
    bar_cache_clear()
    assert campaign_bar().raised_minor == 500


def test_the_bar_on_a_page_last_day_and_plural(campaign, client, settings):
    settings.TIME_ZONE = "UTC"
    html = client.get("/donate/support/").content.decode()
    assert '<progress class="campaign-bar__progress" max="5000" value="0"' in html
    assert 'aria-valuetext="0 $ raised of 5,000 $"' in html
    assert "Support The Riverside Ledger</a>" in html
    assert "remaining" in html or "Last day" in html


@override_settings(TIME_ZONE="UTC")
def test_countdown_text(campaign):
    from django.template.loader import render_to_string

    def text(moment):
        bar = campaign_bar_build(campaign=campaign, moment=moment, locale="en")
        return render_to_string("funding/includes/bar.html", {"bar": bar, "SITE_NAME": "X"})

    with translation.override("en"):
        assert "Last day" in text(datetime(2025, 8, 31, 1, 0, tzinfo=UTC))
        assert "2 days remaining" in text(AUG_30)
        assert "31 days remaining" in text(datetime(2025, 8, 1, 0, 0, tzinfo=UTC))


def _gift(campaign, *, email: str, status: str, paid_at=None, amount: int = 1000, refunded: int = 0):
    return Gift.objects.create(
        campaign=campaign,
        period_start=date(2025, 8, 1),
        amount_minor=amount,
        refunded_minor=refunded,
        currency="USD",
        kind="offline",
        status=status,
        email=email,
        paid_at=paid_at,
    )


def test_gifts_paid_by_donors_are_the_paid_named_gifts_oldest_first(campaign):
    later = datetime(2025, 8, 20, tzinfo=UTC)
    _gift(campaign, email="hala@example.org", status="paid", paid_at=later, amount=2500, refunded=500)
    _gift(campaign, email="ruth@example.org", status="paid", paid_at=AUG_30.replace(day=2))
    _gift(campaign, email="", status="paid", paid_at=later)
    _gift(campaign, email="colm@example.org", status="pending")

    assert list(gifts_paid_by_donors()) == [
        ("ruth@example.org", "USD", 1000, 0, AUG_30.replace(day=2)),
        ("hala@example.org", "USD", 2500, 500, later),
    ]


def test_pledges_active_emails_are_lower_cased_and_only_of_active_pledges(campaign):
    Pledge.objects.create(subscription_id="sub_hala", email="Hala@Example.org", amount_minor=1500)
    Pledge.objects.create(
        subscription_id="sub_ruth", email="ruth@example.org", amount_minor=900, status=Pledge.Status.CANCELED
    )

    assert pledges_active_emails() == {"hala@example.org"}


def test_pledge_get_by_its_stripe_subscription(campaign):
    pledge = Pledge.objects.create(subscription_id="sub_hala", email="hala@example.org", amount_minor=1500)

    assert pledge_get(subscription_id="sub_hala") == pledge
    assert pledge_get(subscription_id="sub_other") is None
