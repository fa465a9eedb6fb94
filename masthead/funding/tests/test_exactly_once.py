"""Exactly once: concurrent duplicates count once, and the order of a payment's events does not matter."""

import itertools
import json
import threading
from datetime import date

import pytest
from django.db import connection, transaction
from django.test import Client

from masthead.funding.models import Gift, Pledge, StripeEvent
from masthead.funding.periods import month_period
from masthead.funding.selectors import period_raised
from masthead.funding.services.stripe_events import stripe_event_process
from masthead.funding.signatures import signature_header

from . import events
from .conftest import WEBHOOK_SECRET, at


def _deliver_concurrently(event: dict, times: int) -> list[int]:
    body = json.dumps(event).encode()
    barrier, statuses = threading.Barrier(times), []

    def deliver():
        try:
            barrier.wait()
            statuses.append(_post(body).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_the_same_event_ten_times_at_once_counts_once(campaign, settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    statuses = _deliver_concurrently(events.session_completed(amount=2500), 10)
    assert statuses == [200] * 10
    assert period_raised(campaign=campaign, period=month_period(date.today())) == 2500
    assert (StripeEvent.objects.count(), Gift.objects.count()) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_two_events_of_one_payment_at_once_make_one_gift(campaign, settings):
    """Different events racing to create the same payment's row: one waits or retries, none doubles."""
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    for n in range(5):
        first = events.session_completed(session=f"cs_r{n}", pi=f"pi_r{n}", paid=False)
        second = events.async_succeeded(session=f"cs_r{n}", pi=f"pi_r{n}")
        threads = [
            threading.Thread(target=lambda e=e: (_deliver_one(e), connection.close()))
            for e in (first, second)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert Gift.objects.count() == 5
    assert period_raised(campaign=campaign, period=month_period(date.today())) == 5 * 2500


def _post(body: bytes):
    return Client().post(
        "/webhooks/stripe/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_header(payload=body, secret=WEBHOOK_SECRET),
    )


def _deliver_one(event):
    return _post(json.dumps(event).encode())


def _final_state(campaign) -> tuple:
    gifts = sorted(
        (g.status, g.kind, g.amount_minor, g.refunded_minor, g.period_start, g.campaign_id, g.paid_at)
        for g in Gift.objects.all()
    )
    totals = tuple(period_raised(campaign=campaign, period=month_period(date(2025, m, 1))) for m in (8, 9))
    pledges = tuple(Pledge.objects.values_list("status", "amount_minor"))
    return tuple(gifts), totals, pledges


def _every_order_ends_the_same(campaign, payment_events) -> set:
    outcomes = set()
    for order in itertools.permutations(payment_events):
        with transaction.atomic():
            for event in order:
                stripe_event_process(event=event)
            outcomes.add(_final_state(campaign))
            transaction.set_rollback(True)
    return outcomes


AUG, SEP = int(at(2025, 8, 10).timestamp()), int(at(2025, 9, 10).timestamp())


def test_every_order_of_a_delayed_payment_then_refund_gives_the_same_state(campaign, settings):
    settings.TIME_ZONE = "UTC"
    payment = [
        events.session_completed(paid=False, period="2025-08-01", created=AUG),
        events.async_succeeded(period="2025-08-01", created=AUG + 60),
        events.charge_refunded(pi="pi_1", amount=2500, refunded=1000, created=AUG + 120),
        events.session_completed(paid=False, period="2025-08-01", created=AUG),  # a retried copy
    ]
    outcomes = _every_order_ends_the_same(campaign, payment)
    assert len(outcomes) == 1
    ((gifts, totals, _),) = outcomes
    assert totals == (1500, 0)
    assert [g[0] for g in gifts] == ["paid"]


def test_a_refunded_month_finds_its_gift_through_the_invoice_payment(campaign, settings):
    """2025 API: invoice.paid without its payments, a refund naming only the payment intent."""
    settings.TIME_ZONE = "UTC"
    payment = [
        events.subscription_session_completed(period="2025-08-01", created=AUG),
        events.invoice_paid(invoice="in_1", pi="", paid_at=AUG, created=AUG),
        events.invoice_payment_paid(invoice="in_1", pi="pi_in_1", created=AUG),
        events.charge_refunded(pi="pi_in_1", amount=1000, created=AUG + 600),
    ]
    outcomes = _every_order_ends_the_same(campaign, payment)
    assert len(outcomes) == 1
    ((gifts, totals, _),) = outcomes
    assert [g[0] for g in gifts] == ["refunded"] and totals == (0, 0)


def test_every_order_of_a_monthly_gifts_events_gives_the_same_state(campaign, settings):
    settings.TIME_ZONE = "UTC"
    payment = [
        events.subscription_session_completed(period="2025-08-01", created=AUG),
        events.invoice_paid(invoice="in_1", pi="pi_in_1", paid_at=AUG, created=AUG),
        events.invoice_paid(invoice="in_2", pi="pi_in_2", paid_at=SEP, created=SEP),
        events.charge_refunded(pi="pi_in_2", amount=1000, created=SEP + 60),  # 2025 API: no invoice
        events.subscription_deleted(created=SEP + 120),
    ]
    outcomes = _every_order_ends_the_same(campaign, payment)
    assert len(outcomes) == 1
    ((gifts, totals, pledges),) = outcomes
    assert totals == (1000, 0)  # August paid; September's month refunded
    assert sorted(g[0] for g in gifts) == ["paid", "refunded"]
    assert pledges == (("canceled", 1000),)
