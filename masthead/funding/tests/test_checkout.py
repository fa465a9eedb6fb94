"""Stripe Checkout for a gift (services/checkout.py): what Stripe is asked for, once per form, and
the refusals a donor sees (not configured, too many attempts, Stripe said no)."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from masthead.core.refusal import Refusal
from masthead.funding.models import Gift
from masthead.funding.services.checkout import CheckoutRequest, checkout_create, checkout_params

AUG_30 = datetime(2025, 8, 30, 14, 0, tzinfo=UTC)


@pytest.fixture
def one_off(campaign) -> CheckoutRequest:
    return CheckoutRequest(
        campaign=campaign, amount_minor=2500, monthly=False, email="hala@example.org", network="n1", nonce="x"
    )


def test_a_one_off_gift_is_a_payment_that_names_its_campaign_and_period(one_off):
    params = checkout_params(request=one_off, now=AUG_30, language="fr")
    assert (params["mode"], params["submit_type"], params["locale"]) == ("payment", "donate", "fr")
    assert params["line_items"] == [
        {
            "quantity": 1,
            "price_data": {
                "currency": "usd",
                "unit_amount": 2500,
                "product_data": {"name": "Support The Riverside Ledger"},
            },
        }
    ]
    meta = {"campaign": "support", "period": "2025-08-01", "language": "fr"}
    assert params["metadata"] == params["payment_intent_data"]["metadata"] == meta
    assert params["customer_email"] == "hala@example.org"
    assert params["success_url"].endswith("/donate/support/thanks/?session_id={CHECKOUT_SESSION_ID}")


def test_a_monthly_gift_is_a_subscription_whose_later_months_carry_only_the_campaign(one_off):
    params = checkout_params(request=replace(one_off, monthly=True), now=AUG_30, language="en")
    assert params["mode"] == "subscription" and "submit_type" not in params
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}
    assert params["subscription_data"] == {"metadata": {"campaign": "support"}}


def test_an_arabic_reader_gets_checkout_in_their_browsers_language(one_off):
    """Checkout has no Arabic page: "auto" follows the browser; the receipt still goes in Arabic."""
    params = checkout_params(request=one_off, now=AUG_30, language="ar")
    assert (params["locale"], params["metadata"]["language"]) == ("auto", "ar")


def test_a_checkout_is_created_at_stripe_once_per_form_and_records_nothing(one_off, stripe_standin):
    first = checkout_create(request=one_off, language="en")
    checkout_create(request=one_off, language="en")  # a double click: the same nonce
    checkout_create(request=replace(one_off, nonce="y"), language="en")
    assert first.startswith(stripe_standin.url + "/pay/cs_test_")
    keys = [r.headers["Idempotency-Key"] for r in stripe_standin.checkout_requests()]
    assert keys[0] == keys[1] != keys[2]
    assert not Gift.objects.exists()  # nothing until Stripe says paid


def test_without_keys_checkout_is_refused_as_not_configured(one_off, settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(Refusal) as refusal:
        checkout_create(request=one_off, language="en")
    assert refusal.value.status_code == 503
    assert refusal.value.message == "Online payments are not configured on this site."


def test_too_many_attempts_from_one_address_are_refused_before_stripe_is_asked(
    one_off, stripe_standin, settings
):
    settings.FUNDING_RATE_CHECKOUT_EMAIL = "2/3600"
    for nonce in ("a", "b"):
        checkout_create(request=replace(one_off, nonce=nonce, network=nonce), language="en")
    with pytest.raises(Refusal) as refusal:
        checkout_create(request=replace(one_off, nonce="c", network="c"), language="en")
    assert refusal.value.status_code == 429 and "Too many payment attempts" in refusal.value.message
    assert len(stripe_standin.checkout_requests()) == 2


def test_a_refusal_from_stripe_becomes_a_409_for_the_donor(one_off, stripe_standin):
    stripe_standin.fail_next = 1
    with pytest.raises(Refusal) as refusal:
        checkout_create(request=one_off, language="en")
    assert refusal.value.status_code == 409
    assert "The payment service did not accept this request" in refusal.value.message
