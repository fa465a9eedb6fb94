"""Fixtures of the funding tests: a campaign, a local Stripe stand-in, signed webhook posts."""

import json
from datetime import UTC, datetime

import pytest

from masthead.funding.models import Campaign
from masthead.funding.signatures import signature_header

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


def at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
