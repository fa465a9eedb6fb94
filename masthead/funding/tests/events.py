"""Stripe events as the webhook receives them, built for the tests (shapes of API 2025 and older)."""

import itertools
import time

_ids = itertools.count(1)


def _event(event_type: str, obj: dict, created: int | None = None, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test_{next(_ids):06d}",
        "object": "event",
        "type": event_type,
        "created": created or int(time.time()),
        "data": {"object": obj},
    }


def session_completed(
    *,
    session="cs_1",
    pi="pi_1",
    amount=2500,
    currency="usd",
    campaign="support",
    period="",
    paid=True,
    email="reader@example.org",
    created=None,
    **kw,
) -> dict:
    obj = {
        "id": session,
        "object": "checkout.session",
        "mode": "payment",
        "payment_intent": pi,
        "payment_status": "paid" if paid else "unpaid",
        "amount_total": amount,
        "currency": currency,
        "customer_details": {"email": email},
        "metadata": {"campaign": campaign, "period": period},
    }
    return _event("checkout.session.completed", obj, created, **kw)


def async_succeeded(**kwargs) -> dict:
    event = session_completed(paid=True, **kwargs)
    event["type"] = "checkout.session.async_payment_succeeded"
    return event


def async_failed(**kwargs) -> dict:
    event = session_completed(paid=False, **kwargs)
    event["type"] = "checkout.session.async_payment_failed"
    return event


def subscription_session_completed(
    *,
    session="cs_sub",
    invoice="in_1",
    subscription="sub_1",
    amount=1000,
    campaign="support",
    period="",
    created=None,
) -> dict:
    obj = {
        "id": session,
        "object": "checkout.session",
        "mode": "subscription",
        "invoice": invoice,
        "subscription": subscription,
        "payment_status": "paid",
        "amount_total": amount,
        "currency": "usd",
        "customer_details": {"email": "monthly@example.org"},
        "metadata": {"campaign": campaign, "period": period},
    }
    return _event("checkout.session.completed", obj, created)


def invoice_paid(
    *,
    invoice="in_1",
    subscription="sub_1",
    pi="pi_in_1",
    amount=1000,
    campaign="support",
    paid_at=None,
    new_shape=True,
    created=None,
) -> dict:
    """new_shape: the 2025 API (parent.subscription_details, payments); else the older fields."""
    paid_at = paid_at or int(time.time())
    obj = {
        "id": invoice,
        "object": "invoice",
        "amount_paid": amount,
        "currency": "usd",
        "customer_email": "monthly@example.org",
        "status_transitions": {"paid_at": paid_at},
    }
    details = {"subscription": subscription, "metadata": {"campaign": campaign}}
    if new_shape:
        obj["parent"] = {"type": "subscription_details", "subscription_details": details}
        if pi:  # the payments list is not always in the payload
            obj["payments"] = {"data": [{"payment": {"type": "payment_intent", "payment_intent": pi}}]}
    else:
        obj.update(subscription=subscription, subscription_details=details, payment_intent=pi)
    return _event("invoice.paid", obj, created)


def invoice_payment_paid(*, invoice="in_1", pi="pi_in_1", created=None) -> dict:
    obj = {
        "id": "inpay_" + invoice,
        "object": "invoice_payment",
        "invoice": invoice,
        "status": "paid",
        "payment": {"type": "payment_intent", "payment_intent": pi},
    }
    return _event("invoice_payment.paid", obj, created)


def charge_refunded(*, pi="pi_1", invoice=None, amount=2500, refunded=None, created=None) -> dict:
    refunded = amount if refunded is None else refunded
    obj = {
        "id": "ch_" + pi,
        "object": "charge",
        "payment_intent": pi,
        "amount": amount,
        "currency": "usd",
        "amount_refunded": refunded,
        "refunded": refunded >= amount,
    }
    if invoice:
        obj["invoice"] = invoice
    return _event("charge.refunded", obj, created)


def subscription_deleted(*, subscription="sub_1", created=None) -> dict:
    obj = {
        "id": subscription,
        "object": "subscription",
        "status": "canceled",
        "canceled_at": created or int(time.time()),
    }
    return _event("customer.subscription.deleted", obj, created)
