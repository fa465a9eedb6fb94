"""The campaign bar and the donate page in a real Chromium, without Stripe keys and with the stand-in."""

import re
from datetime import date

import pytest
from babel.dates import format_date
from playwright.sync_api import expect

from masthead.funding.tests.stripe_standin import StripeStandin

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DONATE = "/donate/support-the-riverside-ledger/"


@pytest.fixture
def standin(settings):
    server = StripeStandin().start()
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = server.api_key, server.url
    settings.FUNDING_FORM_MIN_SECONDS = 0  # Playwright fills the form faster than a person
    yield server
    server.stop()


def test_the_bar_shows_the_month_progress_markers_countdown_and_button(
    page, live_newsroom, foreign_requests, settings
):
    settings.STRIPE_SECRET_KEY = ""
    page.goto(live_newsroom + "/")
    bar = page.get_by_role("region", name="Fundraising campaign")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text(format_date(date.today(), "LLLL y", locale="en").upper())
    progress = bar.get_by_role("progressbar", name="Amount raised")
    expect(progress).to_have_attribute("max", "5000")
    expect(progress).to_have_attribute("value", "2220")  # the demo's offline gifts
    expect(progress).to_have_attribute("aria-valuetext", "2,220 $ raised of 5,000 $")
    markers = bar.get_by_role("list", name="Milestones").get_by_role("listitem")
    expect(markers).to_have_text(["500 $", "2,500 $", "5,000 $"])
    expect(bar).to_contain_text(re.compile(r"\d+ days? remaining|Last day"))
    bar.get_by_role("link", name="Support The Riverside Ledger").click()
    expect(page).to_have_url(live_newsroom + DONATE)
    assert foreign_requests == []


def test_without_keys_the_donate_page_says_payments_are_not_configured(page, live_newsroom, settings):
    settings.STRIPE_SECRET_KEY = ""
    page.goto(live_newsroom + DONATE)
    expect(page.get_by_role("status")).to_contain_text("Online payments are not configured on this site")
    expect(page.get_by_role("button", name="Continue to payment")).to_have_count(0)


def test_choosing_a_preset_and_submitting_goes_to_stripes_checkout(page, live_newsroom, standin):
    page.goto(live_newsroom + DONATE)
    page.get_by_role("radio", name="25 $").check()
    page.get_by_label("Email (for your receipt)").fill("reader@example.org")
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_role("heading", name="Stand-in checkout")).to_be_visible()
    assert page.url == f"{standin.url}/pay/cs_test_000001"
    (request,) = standin.checkout_requests()
    price = request.params["line_items"][0]["price_data"]
    assert (request.params["mode"], price["unit_amount"], price["currency"]) == ("payment", "2500", "usd")
    assert request.params["metadata"]["campaign"] == "support-the-riverside-ledger"


def test_an_amount_under_the_minimum_is_announced_and_the_email_kept(page, live_newsroom, standin):
    page.goto(live_newsroom + DONATE)
    page.get_by_role("radio", name="25 $").check()
    page.get_by_label("Your amount (USD)").fill("1")  # typing chooses "Other amount"
    expect(page.get_by_role("radio", name="Other amount")).to_be_checked()
    page.get_by_label("Email (for your receipt)").fill("reader@example.org")
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_role("alert")).to_contain_text("The smallest gift is 3 $.")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_label("Email (for your receipt)")).to_have_value("reader@example.org")
    assert standin.checkout_requests() == []
