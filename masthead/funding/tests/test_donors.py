"""What a donor does on their own page (services/donors.py): ask for its link, open Stripe's
billing portal, change a monthly amount; each refused clearly when it cannot be done."""

import re

import pytest
from django.core import mail

from masthead.core.refusal import Refusal
from masthead.funding.models import Gift, Pledge
from masthead.funding.services.donors import (
    donor_link_check,
    donor_link_send,
    donor_portal_url,
    donor_url,
    pledge_amount_change,
)
from masthead.funding.tokens import donor_token_read

from .conftest import gift


def stripe_writes(standin) -> list:
    return [r for r in standin.requests if r.method == "POST"]


def test_a_donor_gets_a_mail_with_the_link_to_their_page(campaign):
    gift(campaign)
    assert donor_link_send(email="hala@example.org", language="en") is True
    (sent,) = mail.outbox
    assert sent.to == ["hala@example.org"] and sent.subject == "Your gifts to The Riverside Ledger"
    (token,) = set(re.findall(r"/donor/([^/\s]+)/", sent.body))
    assert donor_token_read(token=token) == "hala@example.org"


def test_an_address_that_never_gave_gets_no_mail(campaign):
    gift(campaign, status=Gift.Status.PENDING)  # started a checkout, never paid
    assert donor_link_send(email="hala@example.org", language="en") is False
    assert donor_link_send(email="stranger@example.org", language="en") is False
    assert mail.outbox == []


def test_the_donor_url_is_signed_for_the_address_and_in_the_language_asked(db):
    url = donor_url(email="hala@example.org", language="ar")
    prefix, token = re.fullmatch(r"http://[^/]+(/ar)?/donor/([^/]+)/", url).groups()
    assert prefix == "/ar" and donor_token_read(token=token) == "hala@example.org"


def test_asking_for_links_too_often_is_refused_for_any_address(db, settings):
    settings.FUNDING_RATE_DONOR_LINK_EMAIL = "2/3600"
    donor_link_check(email="hala@example.org", network="n1")
    donor_link_check(email="Hala@Example.org", network="n2")  # the same address, another network
    with pytest.raises(Refusal) as refusal:
        donor_link_check(email="hala@example.org", network="n3")
    assert refusal.value.status_code == 429 and "Too many requests for a link" in refusal.value.message
    donor_link_check(email="someone@example.org", network="n4")  # another address is not held back


def test_the_portal_is_opened_for_the_customer_of_the_monthly_gift(monthly, stripe_standin):
    url = donor_portal_url(pledge=monthly, return_url="https://ledger.example/donor/t/", language="ar")
    (session,) = stripe_standin.portal_sessions
    assert url == session["url"]
    assert (session["customer"], session["return_url"]) == ("cus_hala", "https://ledger.example/donor/t/")


def test_when_stripe_refuses_the_portal_the_donor_is_told(monthly, stripe_standin):
    stripe_standin.fail_next = 1
    with pytest.raises(Refusal) as refusal:
        donor_portal_url(pledge=monthly, return_url="https://ledger.example/", language="en")
    assert refusal.value.status_code == 409 and stripe_standin.portal_sessions == []


def test_a_new_monthly_amount_goes_to_stripe_then_to_the_ledger(monthly, stripe_standin):
    changed = pledge_amount_change(pledge=monthly, amount_minor=2000)
    assert changed.amount_minor == Pledge.objects.get().amount_minor == 2000
    (update,) = stripe_writes(stripe_standin)
    assert update.path == "/v1/subscriptions/sub_hala" and update.params["proration_behavior"] == "none"
    assert update.params["items"][0]["price_data"]["unit_amount"] == "2000"


def test_the_same_amount_again_asks_stripe_nothing(monthly, stripe_standin):
    assert pledge_amount_change(pledge=monthly, amount_minor=1500).amount_minor == 1500
    assert stripe_writes(stripe_standin) == []


@pytest.mark.parametrize(
    ("amount", "message"),
    [(299, "The smallest gift is 3 $."), (1_000_001, "The largest gift we can take online is 10,000 $.")],
)
def test_an_amount_outside_the_campaigns_range_is_refused(monthly, stripe_standin, amount, message):
    with pytest.raises(Refusal) as refusal:
        pledge_amount_change(pledge=monthly, amount_minor=amount)
    assert (refusal.value.message, refusal.value.field, refusal.value.status_code) == (message, "amount", 400)
    assert stripe_writes(stripe_standin) == [] and Pledge.objects.get().amount_minor == 1500


def test_a_stopped_monthly_gift_cannot_change(monthly, stripe_standin):
    monthly.status = Pledge.Status.CANCELED
    monthly.save()
    with pytest.raises(Refusal) as refusal:
        pledge_amount_change(pledge=monthly, amount_minor=2000)
    assert (refusal.value.status_code, refusal.value.message) == (409, "This monthly gift has stopped.")
    assert stripe_standin.requests == []


def test_when_stripe_refuses_the_amount_the_ledger_keeps_the_old_one(monthly, stripe_standin):
    stripe_standin.fail_next = 1
    with pytest.raises(Refusal) as refusal:
        pledge_amount_change(pledge=monthly, amount_minor=2000)
    assert refusal.value.status_code == 409
    assert Pledge.objects.get().amount_minor == 1500
