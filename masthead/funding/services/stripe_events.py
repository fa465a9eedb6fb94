"""Applying a Stripe event exactly once: the event id is stored in the transaction of its effects.

Used by the webhook and by `stripe_reconcile` alike. Each handler reads one event's object
(tolerating the field moves of Stripe's API versions) into a ledger.PaymentNews.
"""

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.db import IntegrityError, transaction

from ..exceptions import MalformedEvent
from ..models import Gift, PaymentLink, Pledge, StripeEvent
from ..tasks import receipt_send_later
from .gifts import bar_cache_clear
from .ledger import Outcome, PaymentNews, gift_apply, gift_exists, pledge_apply

logger = logging.getLogger(__name__)

# A Stripe object (an event, a session, an invoice…) as its JSON reads: any field may be missing
# or of another type than the API says, so each is checked where it is read.
type StripeObject = dict[str, Any]
type Handler = Callable[[StripeObject, StripeObject], Outcome | None]


def _id(value: Any) -> str:
    """Stripe sends a related object as its id, or expanded as a dict."""
    if isinstance(value, dict):
        value = value.get("id")
    return value[:255] if isinstance(value, str) else ""


def _moment(seconds: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(seconds), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _int(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**15
    return value if ok else None


def _dict(obj: StripeObject, key: str) -> StripeObject:
    value = obj.get(key)
    return value if isinstance(value, dict) else {}


def _metadata(obj: StripeObject) -> StripeObject:
    return _dict(obj, "metadata")


def _period(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _session_news(event: StripeObject, session: StripeObject, status: str | None) -> PaymentNews:
    meta = _metadata(session)
    subscription = session.get("mode") == "subscription"
    details = _dict(session, "customer_details")
    ids = {"checkout_session_id": _id(session.get("id"))}
    if subscription:
        ids["invoice_id"] = _id(session.get("invoice"))
    else:
        ids["payment_intent_id"] = _id(session.get("payment_intent"))
    return PaymentNews(
        ids=ids,
        kind=Gift.Kind.MONTHLY if subscription else Gift.Kind.ONE_TIME,
        status=status,
        amount_minor=_int(session.get("amount_total")),
        currency=str(session.get("currency") or ""),
        email=str(details.get("email") or session.get("customer_email") or ""),
        subscription_id=_id(session.get("subscription")),
        language=str(meta.get("language") or ""),
        campaign_slug=str(meta.get("campaign") or ""),
        period=_period(meta.get("period")),
        paid_at=_moment(event.get("created")) if status == Gift.Status.PAID else None,
    )


def on_session_completed(event: StripeObject, session: StripeObject) -> Outcome | None:
    paid = session.get("payment_status") == "paid"
    news = _session_news(event, session, Gift.Status.PAID if paid else Gift.Status.PENDING)
    if news.subscription_id:
        pledge_apply(
            subscription_id=news.subscription_id,
            campaign_slug=news.campaign_slug,
            email=news.email,
            amount_minor=news.amount_minor,
            currency=news.currency,
        )
    return gift_apply(news=news)


def on_session_async_succeeded(event: StripeObject, session: StripeObject) -> Outcome | None:
    return gift_apply(news=_session_news(event, session, Gift.Status.PAID))


def on_session_async_failed(event: StripeObject, session: StripeObject) -> Outcome | None:
    return gift_apply(news=_session_news(event, session, Gift.Status.FAILED))


def _invoice_subscription(invoice: StripeObject) -> tuple[str, StripeObject]:
    """The subscription and its metadata, wherever this API version put them."""
    parent = _dict(invoice, "parent")
    details = _dict(parent, "subscription_details") or _dict(invoice, "subscription_details")
    subscription = _id(details.get("subscription")) or _id(invoice.get("subscription"))
    return subscription, _metadata(details)


def _invoice_payment_intent(invoice: StripeObject) -> str:
    if pi := _id(invoice.get("payment_intent")):
        return pi
    for item in _dict(invoice, "payments").get("data") or []:
        payment = item.get("payment") if isinstance(item, dict) else None
        if isinstance(payment, dict) and (pi := _id(payment.get("payment_intent"))):
            return pi
    return ""


def _pledge_campaign(subscription_id: str) -> str:
    """A Payment Link may name the campaign on its checkout session only: later months find it here."""
    if not subscription_id:
        return ""
    pledge = Pledge.objects.filter(subscription_id=subscription_id).select_related("campaign").first()
    return pledge.campaign.slug if pledge and pledge.campaign else ""


def on_invoice_paid(event: StripeObject, invoice: StripeObject) -> Outcome | None:
    subscription, meta = _invoice_subscription(invoice)
    amount = _int(invoice.get("amount_paid"))
    if not amount or not (subscription or meta.get("campaign")):
        return None  # a trial month or an invoice that is not a gift
    transitions = _dict(invoice, "status_transitions")
    campaign_slug = str(meta.get("campaign") or "") or _pledge_campaign(subscription)
    news = PaymentNews(
        ids={"invoice_id": _id(invoice.get("id")), "payment_intent_id": _invoice_payment_intent(invoice)},
        kind=Gift.Kind.MONTHLY,
        status=Gift.Status.PAID,
        amount_minor=amount,
        currency=str(invoice.get("currency") or ""),
        email=str(invoice.get("customer_email") or ""),
        subscription_id=subscription,
        campaign_slug=campaign_slug,
        paid_at=_moment(transitions.get("paid_at")) or _moment(event.get("created")),
    )
    if subscription:
        pledge_apply(
            subscription_id=subscription,
            campaign_slug=news.campaign_slug,
            email=news.email,
            amount_minor=amount,
            currency=news.currency,
        )
    return gift_apply(news=news)


def on_invoice_payment_paid(event: StripeObject, invoice_payment: StripeObject) -> Outcome | None:
    """Since API 2025-03-31 a charge no longer names its invoice, and the invoice.paid payload may
    not list its payments: this event links the two, so a refund finds its month's gift."""
    ids = {
        "invoice_id": _id(invoice_payment.get("invoice")),
        "payment_intent_id": _id(_dict(invoice_payment, "payment").get("payment_intent")),
    }
    if not (ids["invoice_id"] and ids["payment_intent_id"]):
        return None
    PaymentLink.objects.get_or_create(
        invoice_id=ids["invoice_id"], defaults={"payment_intent_id": ids["payment_intent_id"]}
    )
    # Rows already made from either side become one; otherwise the link waits for them.
    return gift_apply(news=PaymentNews(ids=ids)) if gift_exists(ids=ids) else None


def on_charge_refunded(event: StripeObject, charge: StripeObject) -> Outcome | None:
    news = PaymentNews(
        ids={
            "payment_intent_id": _id(charge.get("payment_intent")),
            "invoice_id": _id(charge.get("invoice")),
        },
        status=Gift.Status.REFUNDED if charge.get("refunded") is True else None,
        amount_minor=_int(charge.get("amount")),
        refunded_minor=_int(charge.get("amount_refunded")),
        currency=str(charge.get("currency") or ""),
    )
    return gift_apply(news=news)


def on_subscription_deleted(event: StripeObject, subscription: StripeObject) -> None:
    ended = _moment(subscription.get("canceled_at")) or _moment(event.get("created"))
    if sub_id := _id(subscription.get("id")):
        pledge_apply(subscription_id=sub_id, canceled_at=ended or datetime.now(UTC))


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": on_session_completed,
    "checkout.session.async_payment_succeeded": on_session_async_succeeded,
    "checkout.session.async_payment_failed": on_session_async_failed,
    "invoice.paid": on_invoice_paid,
    "invoice_payment.paid": on_invoice_payment_paid,
    "charge.refunded": on_charge_refunded,
    "customer.subscription.deleted": on_subscription_deleted,
}


def event_check(event: object) -> tuple[str, str, StripeObject]:
    """The event's id, type and object; MalformedEvent when it is not shaped like a Stripe event."""
    if not isinstance(event, dict):
        raise MalformedEvent("not an object")
    event_id, event_type = event.get("id"), event.get("type")
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not (isinstance(event_id, str) and event_id and isinstance(event_type, str) and isinstance(obj, dict)):
        raise MalformedEvent("missing id, type or data.object")
    return event_id[:255], event_type, obj


def stripe_event_process(*, event: StripeObject, source: str = "webhook") -> str:
    """Applies the event once: "applied", "duplicate" or "ignored" (a type we do not handle)."""
    event_id, event_type, obj = event_check(event)
    handler = HANDLERS.get(event_type)
    if handler is None:
        return "ignored"
    # Two different events of one payment may race to create its row: the loser's unique ids
    # clash, its transaction rolls back whole, and it runs again and finds the row.
    for attempt in range(3):
        try:
            return _process_once(event, event_id, event_type, obj, handler, source)
        except IntegrityError:
            if attempt == 2:
                raise
            logger.info("retrying Stripe event %s after a concurrent write", event_id)
    return "duplicate"  # unreachable


@transaction.atomic
def _process_once(
    event: StripeObject, event_id: str, event_type: str, obj: StripeObject, handler: Handler, source: str
) -> str:
    defaults = {"type": event_type, "created": _moment(event.get("created")), "source": source}
    _, created = StripeEvent.objects.get_or_create(id=event_id, defaults=defaults)
    if not created:
        return "duplicate"
    outcome = handler(event, obj)
    # Only gifts to a campaign get a receipt: the newsroom's other Stripe sales are not gifts.
    # The receipt is queued first, and clearing the bar's cache may fail without failing
    # anything (robust): after the commit the money is stored, so Stripe must hear 200 and the
    # receipt must go out whatever the cache does.
    if outcome and outcome.became_paid and outcome.gift.email and outcome.gift.campaign_id:
        receipt_send_later(gift_id=outcome.gift.pk)
    transaction.on_commit(bar_cache_clear, robust=True)
    return "applied"


def stripe_events_reconcile(*, days: int) -> dict[str, int]:
    """Lists Stripe's events of the last `days` days and applies, oldest first, those not yet applied."""
    from .. import stripe_client

    since = int(datetime.now(UTC).timestamp()) - days * 86400
    listed = list(stripe_client.events_since(created_gte=since, types=sorted(HANDLERS)))
    counts = {"listed": len(listed), "applied": 0, "duplicate": 0, "ignored": 0, "malformed": 0}
    for event in sorted(listed, key=lambda e: (e.get("created") or 0, e.get("id") or "")):
        try:
            counts[stripe_event_process(event=event, source="reconcile")] += 1
        except MalformedEvent:
            counts["malformed"] += 1
    return counts
