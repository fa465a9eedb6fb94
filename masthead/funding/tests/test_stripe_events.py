"""Applying Stripe's events (services/stripe_events.py): what each event does to the ledger, once,
seen through the totals, the gifts and the donor's mail. The webhook's own checks (signatures,
bodies) are in test_webhooks.py."""

import time
from datetime import date

import pytest
from django.core import mail

from masthead.funding.exceptions import MalformedEvent
from masthead.funding.models import Gift, Pledge, StripeEvent
from masthead.funding.services.stripe_events import event_check, stripe_event_process, stripe_events_reconcile

from . import events
from .conftest import at, nothing_recorded, raised


def process(event: dict) -> str:
    return stripe_event_process(event=event)


def test_a_paid_checkout_counts_and_sends_one_receipt(campaign, on_commit):
    with on_commit(execute=True):
        assert process(events.session_completed(amount=2500)) == "applied"
    assert raised(campaign) == 2500
    gift = Gift.objects.get()
    assert (gift.kind, gift.status, gift.email) == ("one_time", "paid", "reader@example.org")
    assert len(mail.outbox) == 1
    assert "25 $" in mail.outbox[0].body and mail.outbox[0].to == ["reader@example.org"]


def test_an_unpaid_checkout_does_not_count_until_its_payment_succeeds(campaign):
    process(events.session_completed(paid=False))
    assert raised(campaign) == 0
    assert Gift.objects.get().status == "pending"
    process(events.async_succeeded())
    assert raised(campaign) == 2500


def test_a_failed_async_payment_never_counts(campaign):
    process(events.session_completed(paid=False))
    process(events.async_failed())
    assert Gift.objects.get().status == "failed"
    assert raised(campaign) == 0


def test_a_payment_link_naming_the_campaign_counts(campaign):
    """Started on Stripe (a Payment Link), not here: no period in the metadata, only the campaign."""
    process(events.session_completed(session="cs_link", pi="pi_link", amount=4000, period=""))
    assert raised(campaign) == 4000


def test_a_paid_session_for_no_known_campaign_is_kept_but_counts_nowhere(campaign):
    process(events.session_completed(campaign="no-such-campaign"))
    assert Gift.objects.get().campaign is None
    assert raised(campaign) == 0


def test_the_period_named_at_checkout_wins_over_the_payment_time(campaign, settings):
    settings.TIME_ZONE = "UTC"
    event = events.session_completed(period="2025-08-01", created=int(at(2025, 9, 1, 0, 5).timestamp()))
    process(event)
    assert Gift.objects.get().period_start == date(2025, 8, 1)


def test_a_full_refund_reverses_and_a_partial_one_reduces(campaign):
    process(events.session_completed(pi="pi_a", session="cs_a", amount=2500))
    process(events.session_completed(pi="pi_b", session="cs_b", amount=1000))
    process(events.charge_refunded(pi="pi_a", amount=2500))
    process(events.charge_refunded(pi="pi_b", amount=1000, refunded=300))
    assert raised(campaign) == 700
    assert set(Gift.objects.values_list("status", flat=True)) == {"refunded", "paid"}


def test_each_month_of_a_monthly_gift_counts_in_its_month(campaign, settings):
    settings.TIME_ZONE = "UTC"
    aug, sep = at(2025, 8, 10), at(2025, 9, 10)
    process(events.subscription_session_completed(period="2025-08-01", created=int(aug.timestamp())))
    process(events.invoice_paid(invoice="in_1", pi="pi_in_1", paid_at=int(aug.timestamp())))
    process(events.invoice_paid(invoice="in_2", pi="pi_in_2", paid_at=int(sep.timestamp()), new_shape=False))
    assert raised(campaign, date(2025, 8, 1)) == 1000
    assert raised(campaign, date(2025, 9, 1)) == 1000
    assert Gift.objects.filter(kind="monthly").count() == 2
    assert Pledge.objects.get().status == "active"
    process(events.subscription_deleted())
    assert Pledge.objects.get().status == "canceled"


def test_later_months_of_a_payment_link_subscription_find_their_campaign(campaign, settings):
    """The link named the campaign on its session only; the subscription's invoices carry no metadata."""
    settings.TIME_ZONE = "UTC"
    process(events.subscription_session_completed(created=int(at(2025, 8, 10).timestamp())))
    process(
        events.invoice_paid(
            invoice="in_2", pi="pi_in_2", campaign="", paid_at=int(at(2025, 9, 10).timestamp())
        )
    )
    assert raised(campaign, date(2025, 9, 1)) == 1000


def test_an_invoice_payment_alone_leaves_no_row_in_the_ledger(campaign):
    """Every invoice of the newsroom's other Stripe sales sends one: it only links ids."""
    assert process(events.invoice_payment_paid(invoice="in_shop", pi="pi_shop")) == "applied"
    assert not Gift.objects.exists()


def test_an_unknown_event_type_is_ignored(campaign):
    event = {"id": "evt_x", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}
    assert process(event) == "ignored"
    assert nothing_recorded()


def test_absurd_values_in_an_event_are_cut_to_fit_not_an_error(campaign):
    event = events.session_completed(amount=10**30, currency="dollars", pi="pi_" + "x" * 400)
    event["created"] = 10**20
    assert process(event) == "applied"
    gift = Gift.objects.get()
    assert (gift.amount_minor, len(gift.currency), len(gift.payment_intent_id)) == (0, 3, 255)


def test_the_same_event_ten_times_in_a_row_counts_once(campaign, on_commit):
    event = events.session_completed(amount=2500)
    with on_commit(execute=True):
        answers = [process(event) for _ in range(10)]
    assert answers == ["applied"] + ["duplicate"] * 9
    assert raised(campaign) == 2500
    assert StripeEvent.objects.count() == 1 and Gift.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_cache_that_fails_after_the_payment_is_stored_neither_fails_stripe_nor_loses_the_receipt(
    campaign, on_commit, monkeypatch
):
    """Redis down (or any cache failure) when the bar's cache is cleared: the money is already
    committed, so Stripe hears 200 and the receipt is still queued and sent (#16)."""

    def cache_down():
        raise ConnectionError("Redis unreachable")

    monkeypatch.setattr("masthead.funding.services.stripe_events.bar_cache_clear", cache_down)
    with on_commit(execute=True):
        answer = process(events.session_completed(amount=2500))

    assert answer == "applied"  # the webhook answers 200 with it
    assert raised(campaign) == 2500
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.org"]


def test_no_receipt_for_unpaid_addressless_or_campaignless_payments(campaign, on_commit):
    with on_commit(execute=True):
        process(events.session_completed(paid=False))
        process(events.session_completed(session="cs_2", pi="pi_2", email=""))
        process(events.session_completed(session="cs_3", pi="pi_3", campaign=""))  # not a gift
    assert Gift.objects.count() == 3
    assert mail.outbox == []


def test_event_check_gives_the_id_type_and_object():
    event = events.session_completed(session="cs_9", event_id="evt_9")
    assert event_check(event) == ("evt_9", "checkout.session.completed", event["data"]["object"])


@pytest.mark.parametrize(
    "event",
    [
        None,
        [],
        {"id": "evt_1"},
        {"id": "", "type": "invoice.paid", "data": {"object": {}}},
        {"id": 5, "type": "invoice.paid", "data": {"object": {}}},
        {"id": "evt_1", "type": "invoice.paid", "data": []},
        {"id": "evt_1", "type": "invoice.paid", "data": {"object": "in_1"}},
    ],
)
def test_an_event_not_shaped_like_stripes_is_refused_and_records_nothing(campaign, event):
    with pytest.raises(MalformedEvent):
        process(event)
    assert nothing_recorded()


def test_reconciling_applies_the_missed_events_and_counts_each_outcome(campaign, stripe_standin):
    process(events.session_completed(session="cs_seen", pi="pi_seen", event_id="evt_seen"))
    stripe_standin.events = [
        events.session_completed(session="cs_seen", pi="pi_seen", event_id="evt_seen"),
        events.session_completed(session="cs_missed", pi="pi_missed"),
        {"id": "evt_bad", "type": "invoice.paid", "created": int(time.time()), "data": []},
    ]
    counts = stripe_events_reconcile(days=30)
    assert counts == {"listed": 3, "applied": 1, "duplicate": 1, "ignored": 0, "malformed": 1}
    assert Gift.objects.filter(status="paid").count() == 2
