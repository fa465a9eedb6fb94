"""The donor's own page in a real Chromium: asking for the link, the gifts, a new monthly amount,
Stripe's billing portal (the stand-in's), and the printable yearly statement."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from masthead.funding.models import Campaign, Gift, Pledge
from masthead.funding.tests import stripe_objects as so
from masthead.funding.tests.stripe_standin import StripeStandin
from masthead.funding.tokens import donor_token

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DONATE = "/donate/support-the-riverside-ledger/"


@pytest.fixture
def donor(live_newsroom, settings):
    """Hala gives 15 $ a month (two months paid) to the demo newsroom's campaign."""
    server = StripeStandin().start()
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = server.api_key, server.url
    server.customers = {"cus_hala": so.customer(customer_id="cus_hala", email="hala@example.org")}
    server.subscriptions = [so.subscription(sub_id="sub_hala", customer_id="cus_hala", amount=1500)]
    campaign = Campaign.objects.get(slug="support-the-riverside-ledger")
    Pledge.objects.create(
        subscription_id="sub_hala",
        campaign=campaign,
        email="hala@example.org",
        amount_minor=1500,
        currency="USD",
    )
    for month in (1, 2):
        Gift.objects.create(
            campaign=campaign,
            email="hala@example.org",
            amount_minor=1500,
            currency="USD",
            kind=Gift.Kind.MONTHLY,
            status=Gift.Status.PAID,
            paid_at=datetime(2025, month, 3, 12, tzinfo=UTC),
            invoice_id=f"in_{month}",
        )
    yield live_newsroom + f"/donor/{donor_token(email='hala@example.org')}/"
    server.stop()


def test_manage_my_gift_from_the_donate_page(page, live_newsroom):
    page.goto(live_newsroom + DONATE)
    page.get_by_role("link", name="Manage my gift").click()
    page.get_by_label("Your email address").fill("hala@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("status")).to_contain_text("a link to your gifts is on its way")


def test_the_donor_changes_the_amount_opens_the_portal_and_prints_a_statement(page, donor):
    page.goto(donor)
    expect(page.get_by_role("heading", name="My gifts", level=1)).to_be_visible()
    gifts = page.get_by_role("table")
    expect(gifts.get_by_role("row")).to_have_count(3)  # the heading row and two months
    expect(gifts).to_contain_text("January 3, 2025")
    monthly = page.get_by_role("region", name="Monthly gift: Support The Riverside Ledger")
    expect(monthly).to_contain_text("15 $ a month")
    monthly.get_by_label("New monthly amount (USD)").fill("20")
    monthly.get_by_role("button", name="Change the amount").click()
    expect(page.get_by_role("status")).to_contain_text("Your monthly gift has been changed")
    expect(monthly).to_contain_text("20 $ a month")
    page.get_by_role("link", name="Statement 2025 (printable page)").click()
    expect(page.get_by_role("heading", name="Statement of gifts 2025")).to_be_visible()
    expect(page.get_by_text("Total given in 2025: 30 $")).to_be_visible()
    page.get_by_role("link", name="Back to my gifts").click()
    page.get_by_role("button", name="Change my card").click()
    expect(page.get_by_role("heading", name="Stand-in billing portal")).to_be_visible()
