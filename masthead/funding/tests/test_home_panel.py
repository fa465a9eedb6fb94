"""The Money panel of the admin's home and the campaigns and gifts lists: figures against known
gifts, the panel's query cost, who sees it, and a campaign with no period running."""

from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import timezone

from masthead.funding.home_panel import money_panel
from masthead.funding.models import Campaign, Gift, Pledge
from masthead.funding.money import money_format
from masthead.funding.periods import local_date, month_period
from masthead.funding.selectors import gifts_tally, pledges_this_month

MOMENT = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def _gift(campaign, amount, paid_at, *, status=Gift.Status.PAID, kind=Gift.Kind.ONE_TIME, name=""):
    return Gift.objects.create(
        campaign=campaign,
        period_start=month_period(local_date(paid_at)).start,
        amount_minor=amount,
        currency="USD",
        kind=kind,
        status=status,
        paid_at=paid_at,
        donor_name=name,
    )


def _pledge(sub, created, canceled=None):
    pledge = Pledge.objects.create(subscription_id=sub, amount_minor=1000, currency="USD")
    Pledge.objects.filter(pk=pledge.pk).update(created_at=created, canceled_at=canceled)


def test_gifts_of_today_and_of_the_month(campaign):
    _gift(campaign, 2_500, MOMENT - timedelta(hours=3))
    _gift(campaign, 1_000, MOMENT - timedelta(hours=1))
    _gift(campaign, 10_000, datetime(2026, 3, 2, tzinfo=UTC))
    _gift(campaign, 5_000, datetime(2026, 2, 27, tzinfo=UTC))  # last month
    _gift(campaign, 7_000, MOMENT - timedelta(hours=2), status=Gift.Status.PENDING)

    (usd,) = gifts_tally(moment=MOMENT)

    assert (usd.today_count, usd.today_minor) == (2, 3_500)
    assert (usd.month_count, usd.month_minor) == (3, 13_500)


def test_monthly_gifts_started_and_cancelled_this_month(db):
    _pledge("sub_new", datetime(2026, 3, 3, tzinfo=UTC))
    _pledge("sub_left", datetime(2026, 1, 10, tzinfo=UTC), canceled=datetime(2026, 3, 5, tzinfo=UTC))
    _pledge("sub_old", datetime(2026, 2, 1, tzinfo=UTC), canceled=datetime(2026, 2, 20, tzinfo=UTC))

    assert pledges_this_month(moment=MOMENT) == {"started": 1, "cancelled": 1}


def test_the_panel_shows_the_bar_figures_and_links_to_the_gifts(client, editor, campaign):
    now = timezone.now()
    _gift(campaign, 2_500, now - timedelta(minutes=5))
    _gift(campaign, 1_000, now - timedelta(minutes=1))
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    panel = html[html.index('id="masthead-money') :]
    shown = money_format(amount_minor=3_500, currency="USD", locale="en")
    goal = money_format(amount_minor=500_000, currency="USD", locale="en")
    assert f"{shown} raised of {goal}" in panel
    assert "days left" in panel or "1 day left" in panel
    assert f"Today: 2 gifts, {shown}" in panel
    assert "0 new monthly gifts this month" in panel
    assert "/admin/funding_gifts/?status=paid" in panel


def test_no_campaign_running_is_said_plainly(client, editor, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(
        period_kind=Campaign.PeriodKind.FIXED, starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 31)
    )
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "No campaign is running now" in html
    assert "No gift has been paid this month yet." in html


def test_only_who_may_see_gifts_sees_the_money(client, django_user_model, campaign):
    user = django_user_model.objects.create_user("rhea", "rhea@ledger.example", "pw")
    group = Group.objects.create(name="Staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert 'id="masthead-money' not in client.get("/admin/").content.decode()

    group.permissions.add(Permission.objects.get(codename="view_gift"))
    assert 'id="masthead-money' in client.get("/admin/").content.decode()


def test_the_panel_costs_a_few_queries(editor, campaign, django_assert_max_num_queries):
    for minutes in range(30):
        _gift(campaign, 1_000, timezone.now() - timedelta(minutes=minutes))
    request = RequestFactory().get("/admin/")
    request.user = editor

    with django_assert_max_num_queries(4):
        html = money_panel(editor).render_html({"request": request, "csrf_token": ""})
    assert "Today: 30 gifts" in html


def test_the_campaigns_list_shows_this_period_and_the_state_in_words(client, editor, campaign):
    _gift(campaign, 125_000, timezone.now() - timedelta(minutes=5))
    Campaign.objects.create(
        name="Flood appeal",
        slug="flood",
        goal_minor=100_000,
        period_kind=Campaign.PeriodKind.FIXED,
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 1, 31),
    )
    Campaign.objects.create(name="Old drive", slug="old", goal_minor=100_000, active=False)
    client.force_login(editor)

    html = client.get("/admin/funding_campaigns/").content.decode()

    raised = money_format(amount_minor=125_000, currency="USD", locale="en")
    goal = money_format(amount_minor=500_000, currency="USD", locale="en")
    assert f"{raised} of {goal}" in html
    assert '<progress value="25.0" max="100"' in html
    assert "Running: shown on every page" in html
    assert "Ended on Jan 31, 2020" in html
    assert "Switched off: readers do not see it" in html
    assert "No period running" in html
    assert ">True<" not in html


def test_the_gifts_list_filters_by_period_kind_and_status(client, editor, campaign):
    _gift(campaign, 1_000, datetime(2026, 2, 3, tzinfo=UTC), kind=Gift.Kind.MONTHLY, name="Feb monthly")
    _gift(campaign, 1_000, datetime(2026, 2, 4, tzinfo=UTC), name="Feb one-time")
    _gift(
        campaign,
        1_000,
        datetime(2026, 2, 5, tzinfo=UTC),
        kind=Gift.Kind.MONTHLY,
        status=Gift.Status.REFUNDED,
        name="Feb refunded",
    )
    _gift(campaign, 1_000, datetime(2026, 3, 3, tzinfo=UTC), kind=Gift.Kind.MONTHLY, name="Mar monthly")
    client.force_login(editor)

    html = client.get(
        "/admin/funding_gifts/?period_start=2026-02-01&kind=monthly&status=paid"
    ).content.decode()

    assert "Feb monthly" in html
    assert not any(name in html for name in ("Feb one-time", "Feb refunded", "Mar monthly"))
    assert "February 2026" in html  # the period filter names its choices in words
    assert client.get("/admin/funding_gifts/?period_start=nonsense").status_code == 200
