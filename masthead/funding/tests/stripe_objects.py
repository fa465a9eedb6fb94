"""Stripe objects as the API lists them (subscriptions, invoices, charges: API 2025 shapes), for the
stand-in's lists in the adoption and donor-page tests."""

import itertools

_ids = itertools.count(1)


def customer(*, email="givewp@example.org", name="Hala Haddad", customer_id=None) -> dict:
    return {"id": customer_id or f"cus_{next(_ids):06d}", "object": "customer", "email": email, "name": name}


def subscription(
    *,
    sub_id: str,
    customer_id: str,
    amount=1500,
    currency="usd",
    interval="month",
    metadata=None,
    created=1_750_000_000,
    status="active",
) -> dict:
    price = {
        "id": f"price_{sub_id}",
        "object": "price",
        "unit_amount": amount,
        "currency": currency,
        "product": f"prod_{sub_id}",
        "recurring": {"interval": interval, "interval_count": 1},
    }
    return {
        "id": sub_id,
        "object": "subscription",
        "status": status,
        "customer": customer_id,
        "currency": currency,
        "metadata": metadata or {},
        "items": {"object": "list", "data": [{"id": f"si_{sub_id}", "price": price, "quantity": 1}]},
        "created": created,
    }


def invoice(
    *,
    invoice_id: str,
    paid_at: int,
    amount=1500,
    subscription=None,
    pi=None,
    metadata=None,
    email="givewp@example.org",
    name="Hala Haddad",
    currency="usd",
) -> dict:
    obj = {
        "id": invoice_id,
        "object": "invoice",
        "status": "paid",
        "amount_paid": amount,
        "currency": currency,
        "customer_email": email,
        "customer_name": name,
        "created": paid_at - 60,
        "status_transitions": {"paid_at": paid_at},
        "parent": None,
    }
    if subscription:
        details = {"subscription": subscription, "metadata": metadata or {}}
        obj["parent"] = {"type": "subscription_details", "subscription_details": details}
    if pi:  # listed only when expanded (data.payments)
        obj["payments"] = {"data": [{"payment": {"type": "payment_intent", "payment_intent": pi}}]}
    return obj


def charge(
    *,
    pi: str,
    created: int,
    amount=5000,
    refunded=0,
    email="once@example.org",
    name="Omar Farouk",
    currency="usd",
    metadata=None,
) -> dict:
    return {
        "id": "ch_" + pi,
        "object": "charge",
        "status": "succeeded",
        "paid": True,
        "payment_intent": pi,
        "amount": amount,
        "amount_refunded": refunded,
        "refunded": refunded >= amount,
        "currency": currency,
        "billing_details": {"email": email, "name": name},
        "receipt_email": email,
        "metadata": metadata or {},
        "created": created,
    }
