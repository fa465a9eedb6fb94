"""`stripe_reconcile --days N`: applies the events the webhook missed; running it twice changes nothing."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from masthead.funding.models import Gift, StripeEvent

from . import events


def run(days: int) -> str:
    out = io.StringIO()
    call_command("stripe_reconcile", days=days, stdout=out)
    return out.getvalue()


def test_missed_events_are_applied_once_across_pages(campaign, stripe_standin, webhook_post):
    now = int(time.time())
    missed = [
        events.session_completed(session=f"cs_{i}", pi=f"pi_{i}", amount=1000, created=now - i * 60)
        for i in range(150)
    ]  # more than one page of 100
    webhook_post(missed[0])  # this one did arrive
    old = events.session_completed(session="cs_old", pi="pi_old", created=now - 40 * 86400)
    other = {"id": "evt_other", "type": "customer.created", "created": now, "data": {"object": {}}}
    stripe_standin.events = [*missed, old, other]
    assert "150 events of the last 30 days: 149 applied, 1 already recorded" in run(30)
    assert Gift.objects.filter(status="paid").count() == 150
    listing = [r for r in stripe_standin.requests if r.path == "/v1/events"]
    assert len(listing) == 2 and listing[1].params["starting_after"]
    assert "checkout.session.completed" in listing[0].params["types"]
    before = (StripeEvent.objects.count(), list(Gift.objects.values_list("status", "amount_minor")))
    assert "0 applied, 150 already recorded" in run(30)
    assert (StripeEvent.objects.count(), list(Gift.objects.values_list("status", "amount_minor"))) == before


def test_only_the_last_n_days_are_asked_for(campaign, stripe_standin):
    stripe_standin.events = [events.session_completed(created=int(time.time()) - 3 * 86400)]
    assert "0 events of the last 2 days" in run(2)
    assert "1 applied" in run(4)


@pytest.mark.parametrize("days", [0, 31, -1, 365])
def test_days_outside_1_to_30_is_a_clear_error(days, stripe_standin, db):
    with pytest.raises(CommandError, match="between 1 and 30"):
        run(days)
    assert stripe_standin.requests == []


def test_without_keys_it_says_so(settings, db):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(CommandError, match="STRIPE_SECRET_KEY is not set"):
        run(3)
