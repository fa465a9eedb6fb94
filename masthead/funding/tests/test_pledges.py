"""Stopping a monthly gift (services/pledges.py): at Stripe first, then in the ledger; once."""

import pytest

from masthead.core.refusal import Refusal
from masthead.funding.models import Pledge
from masthead.funding.services.pledges import pledge_cancel


def test_a_monthly_gift_is_stopped_at_stripe_and_recorded(monthly, stripe_standin):
    stopped = pledge_cancel(subscription_id="sub_hala")
    assert stopped is not None and stopped.status == Pledge.Status.CANCELED and stopped.canceled_at
    (request,) = stripe_standin.requests
    assert (request.method, request.path) == ("DELETE", "/v1/subscriptions/sub_hala")


def test_a_stopped_gift_is_not_stopped_twice(monthly, stripe_standin):
    pledge_cancel(subscription_id="sub_hala")
    again = pledge_cancel(subscription_id="sub_hala")
    assert again is not None and again.status == Pledge.Status.CANCELED
    assert len(stripe_standin.requests) == 1


def test_an_unknown_gift_is_none_and_stripe_is_not_asked(db, stripe_standin):
    assert pledge_cancel(subscription_id="sub_unknown") is None
    assert stripe_standin.requests == []


def test_when_stripe_refuses_the_gift_stays_active(monthly, stripe_standin):
    stripe_standin.fail_next = 1
    with pytest.raises(Refusal) as refusal:
        pledge_cancel(subscription_id="sub_hala")
    assert refusal.value.status_code == 409
    assert "could not cancel this gift" in refusal.value.message
    assert Pledge.objects.get().status == Pledge.Status.ACTIVE
