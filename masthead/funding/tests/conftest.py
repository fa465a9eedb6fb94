"""Fixtures of the funding tests: a campaign, Hala's gifts, a local Stripe stand-in, signed webhook posts."""

import json
from datetime import UTC, date, datetime

import pytest

from masthead.funding.models import Campaign, Gift, Pledge, StripeEvent
from masthead.funding.periods import month_period
from masthead.funding.selectors import period_raised
from masthead.funding.signatures import signature_header

from . import stripe_objects as so
from .stripe_standin import StripeStandin

WEBHOOK_SECRET = "whsec_test_current"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs what the code defers to the commit (cache clearing, receipts) inside the test's transaction."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def campaign(db):
    return Campaign.objects.create(
        name="Support The Riverside Ledger",
        slug="support",
        currency="USD",
        goal_minor=500_000,
        markers_minor=[50_000, 250_000, 500_000],
        presets_minor=[500, 1_000, 2_500, 5_000, 10_000],
        custom_min_minor=300,
        custom_max_minor=1_000_000,
        thank_you_text="Thanks for keeping local news free.",
    )


@pytest.fixture
def stripe_standin(settings):
    standin = StripeStandin().start()
    settings.STRIPE_SECRET_KEY = standin.api_key
    settings.STRIPE_API_BASE = standin.url
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    yield standin
    standin.stop()


@pytest.fixture
def webhook_post(client, settings):
    """Posts an event to the webhook, signed with the current secret (or as told)."""
    settings.STRIPE_WEBHOOK_SECRET = f"whsec_test_old,{WEBHOOK_SECRET}"

    def post(event, *, secret=WEBHOOK_SECRET, timestamp=None, body: bytes | None = None, header=None):
        payload = body if body is not None else json.dumps(event).encode()
        if header is None:
            header = signature_header(payload=payload, secret=secret, timestamp=timestamp)
        return client.post(
            "/webhooks/stripe/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )

    return post


def raised(campaign, day: date | None = None) -> int:
    """What the campaign's bar counts for the month of `day` (today by default)."""
    return period_raised(campaign=campaign, period=month_period(day or date.today()))


def nothing_recorded() -> bool:
    return not StripeEvent.objects.exists() and not Gift.objects.exists()


def at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def gift(campaign, *, email="hala@example.org", amount=2500, paid_at=None, name="", **fields) -> Gift:
    """A paid gift of 25 $ from Hala (as the ledger holds it after Stripe's events)."""
    return Gift.objects.create(
        campaign=campaign,
        email=email,
        donor_name=name,
        amount_minor=amount,
        currency="USD",
        status=fields.pop("status", Gift.Status.PAID),
        paid_at=paid_at or at(2025, 8, 10),
        **fields,
    )


@pytest.fixture
def monthly(campaign, stripe_standin):
    """Hala's monthly gift of 15 $, known to the ledger and to Stripe."""
    stripe_standin.customers = {"cus_hala": so.customer(customer_id="cus_hala", email="hala@example.org")}
    stripe_standin.subscriptions = [so.subscription(sub_id="sub_hala", customer_id="cus_hala", amount=1500)]
    return Pledge.objects.create(
        subscription_id="sub_hala",
        campaign=campaign,
        email="Hala@Example.org",
        amount_minor=1500,
        currency="USD",
    )
