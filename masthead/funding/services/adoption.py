"""Adopting the donors a Stripe account has outside Masthead (GiveWP, a Payment Link, the dashboard).

`masthead import stripe` (migration app) lists the account's objects and hands each one here: an
active monthly subscription becomes a pledge of the campaign, a paid invoice or payment a gift in
the period it was paid, a refund reverses its gift. Everything goes through the webhook's ledger
(ledger.gift_apply merges by Stripe ids), so a repeated run, or the webhook of the same invoice at
the same moment, counts nothing twice. Nothing is asked of Stripe here and no receipt is queued:
donors get no mail from an adoption. Objects made through Masthead (their metadata names a
campaign) are the webhook's and are left alone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q

from ..models import Campaign, Gift, PaymentLink, Pledge
from .gifts import bar_cache_clear
from .ledger import PaymentNews, gift_apply, pledge_apply
from .stripe_events import _dict, _id, _int, _invoice_payment_intent, _invoice_subscription, _moment

TIED = "made through Masthead (the webhook records it)"
UNPAID = "not paid"
SKIPPED_FIELDS = ("created_at", "updated_at")


@dataclass(frozen=True)
class Adopted:
    """What became of one Stripe object: imported, updated, unchanged or skipped (with a reason)."""

    outcome: str
    reason: str = ""
    target: Gift | Pledge | None = None
    refunded_minor: int = 0


def _skipped(reason: str) -> Adopted:
    return Adopted(outcome="skipped", reason=reason)


def _snapshot(row: models.Model | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if f.name not in SKIPPED_FIELDS
    }


def _merged(*, find: Callable[[], Gift | Pledge | None], write: Callable[[], Gift | Pledge]) -> Adopted:
    """Writes one object in its own savepoint; a concurrent webhook that created the same row
    first makes the insert clash, and the retry finds and merges into that row."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                before = _snapshot(find())
                row = write()
        except IntegrityError:
            if attempt == 2:
                raise
            continue
        if before is None:
            return Adopted(outcome="imported", target=row)
        return Adopted(outcome="unchanged" if before == _snapshot(row) else "updated", target=row)
    raise AssertionError("unreachable")


def _currency_refusal(currency: str, campaign: Campaign) -> str:
    if currency.upper() == campaign.currency.upper():
        return ""
    return f"in {currency.upper() or 'no currency'}, not the campaign's {campaign.currency}"


def _monthly_price(subscription: dict[str, Any]) -> tuple[int, str] | None:
    """The monthly amount of all the subscription's items, or None when it is not billed monthly."""
    total, currency = 0, str(subscription.get("currency") or "")
    for item in _dict(subscription, "items").get("data") or []:
        price = _dict(item, "price")
        recurring = _dict(price, "recurring")
        if recurring.get("interval") != "month" or recurring.get("interval_count", 1) != 1:
            return None
        total += (_int(price.get("unit_amount")) or 0) * (_int(item.get("quantity")) or 1)
        currency = currency or str(price.get("currency") or "")
    return (total, currency) if total else None


def subscription_adopt(*, campaign: Campaign, subscription: dict[str, Any]) -> Adopted:
    """An active monthly subscription made outside Masthead becomes a monthly pledge of the campaign."""
    sub_id = _id(subscription.get("id"))
    if not sub_id or subscription.get("status") != "active":
        return _skipped("not active")
    if _dict(subscription, "metadata").get("campaign"):
        return _skipped(TIED)
    price = _monthly_price(subscription)
    if price is None:
        return _skipped("not billed monthly")
    amount, currency = price
    if refusal := _currency_refusal(currency, campaign):
        return _skipped(refusal)
    customer = _dict(subscription, "customer")

    def write() -> Pledge:
        return pledge_apply(
            subscription_id=sub_id,
            campaign_slug=campaign.slug,
            email=str(customer.get("email") or ""),
            donor_name=str(customer.get("name") or ""),
            amount_minor=amount,
            currency=currency,
        )

    return _merged(find=lambda: Pledge.objects.filter(subscription_id=sub_id).first(), write=write)


def _gift_find(ids: dict[str, str]) -> Gift | None:
    query = Q()
    for name, value in ids.items():
        if value:
            query |= Q(**{name: value})
    return Gift.objects.filter(query).order_by("pk").first() if query else None


def _gift_merged(news: PaymentNews) -> Adopted:
    def write() -> Gift:
        outcome = gift_apply(news=news)
        assert outcome is not None  # news always carries an id here
        return outcome.gift

    adopted = _merged(find=lambda: _gift_find(news.ids), write=write)
    return Adopted(outcome=adopted.outcome, target=adopted.target, refunded_minor=news.refunded_minor or 0)


def _pledge_campaign(subscription_id: str, campaign: Campaign) -> Campaign:
    """An adopted (or earlier) pledge's campaign wins for its months; else the one adopting."""
    pledge = Pledge.objects.filter(subscription_id=subscription_id).select_related("campaign").first()
    return pledge.campaign if pledge and pledge.campaign else campaign


def invoice_adopt(*, campaign: Campaign, invoice: dict[str, Any], since: datetime | None) -> Adopted:
    """A paid invoice (a month of a subscription, or a one-off invoice) becomes a gift."""
    amount = _int(invoice.get("amount_paid"))
    if invoice.get("status") != "paid" or not _id(invoice.get("id")):
        return _skipped(UNPAID)
    if not amount:
        return _skipped("nothing paid (a trial or a credit)")
    subscription, meta = _invoice_subscription(invoice)
    if meta.get("campaign"):
        return _skipped(TIED)
    paid_at = _moment(_dict(invoice, "status_transitions").get("paid_at")) or _moment(invoice.get("created"))
    if since and paid_at and paid_at < since:
        return _skipped("paid before --since")
    target = _pledge_campaign(subscription, campaign) if subscription else campaign
    currency = str(invoice.get("currency") or "")
    if refusal := _currency_refusal(currency, target):
        return _skipped(refusal)
    news = PaymentNews(
        ids={"invoice_id": _id(invoice.get("id")), "payment_intent_id": _invoice_payment_intent(invoice)},
        kind=Gift.Kind.MONTHLY if subscription else Gift.Kind.ONE_TIME,
        status=Gift.Status.PAID,
        amount_minor=amount,
        currency=currency,
        email=str(invoice.get("customer_email") or ""),
        donor_name=str(invoice.get("customer_name") or ""),
        subscription_id=subscription,
        campaign_slug=target.slug,
        paid_at=paid_at,
    )
    return _gift_merged(news)


def invoice_payment(invoice: dict[str, Any]) -> str:
    """The payment intent that paid the invoice, when the listing says."""
    return _invoice_payment_intent(invoice)


def _invoice_of(charge: dict[str, Any], invoice_payments: dict[str, str]) -> str:
    """The invoice a charge paid: named on it (older APIs), seen in this run, or linked before."""
    payment = _id(charge.get("payment_intent"))
    if invoice := _id(charge.get("invoice")) or invoice_payments.get(payment, ""):
        return invoice
    link = PaymentLink.objects.filter(payment_intent_id=payment).first() if payment else None
    if link:
        return link.invoice_id
    gift = (
        Gift.objects.filter(payment_intent_id=payment).exclude(invoice_id=None).first() if payment else None
    )
    return gift.invoice_id or "" if gift else ""


def _refund_news(charge: dict[str, Any]) -> tuple[str | None, int]:
    refunded = _int(charge.get("amount_refunded")) or 0
    return (Gift.Status.REFUNDED if charge.get("refunded") is True else None), refunded


def _invoice_refund_adopt(charge: dict[str, Any], invoice: str) -> Adopted:
    """The payment of an invoice counts with its invoice; only its refund is news here."""
    status, refunded = _refund_news(charge)
    if not refunded:
        return _skipped("paid an invoice (counted with it)")
    ids = {"invoice_id": invoice, "payment_intent_id": _id(charge.get("payment_intent"))}
    if _gift_find(ids) is None:
        return _skipped("refund of an invoice that is not in the ledger")
    return _gift_merged(PaymentNews(ids=ids, status=status, refunded_minor=refunded))


def charge_adopt(
    *, campaign: Campaign, charge: dict[str, Any], invoice_payments: dict[str, str], since: datetime | None
) -> Adopted:
    """A one-time payment becomes a gift (its refund, if any, reverses it); an invoice's payment
    adds only its refund to that invoice's gift. `invoice_payments` maps the payment intents of
    the invoices listed in this run to their invoices."""
    if charge.get("status") != "succeeded" or charge.get("paid") is not True:
        return _skipped(UNPAID)
    if invoice := _invoice_of(charge, invoice_payments):
        return _invoice_refund_adopt(charge, invoice)
    payment = _id(charge.get("payment_intent"))
    if not payment:
        return _skipped("a charge without a payment intent (older than 2019)")
    known = _gift_find({"payment_intent_id": payment})
    if _dict(charge, "metadata").get("campaign") or (known and known.checkout_session_id):
        return _skipped(TIED)
    paid_at = _moment(charge.get("created"))
    if since and paid_at and paid_at < since:
        return _skipped("paid before --since")
    if refusal := _currency_refusal(str(charge.get("currency") or ""), campaign):
        return _skipped(refusal)
    status, refunded = _refund_news(charge)
    billing = _dict(charge, "billing_details")
    news = PaymentNews(
        ids={"payment_intent_id": payment},
        kind=Gift.Kind.ONE_TIME,
        status=status or Gift.Status.PAID,
        amount_minor=_int(charge.get("amount")),
        refunded_minor=refunded,
        currency=str(charge.get("currency") or ""),
        email=str(billing.get("email") or charge.get("receipt_email") or ""),
        donor_name=str(billing.get("name") or ""),
        campaign_slug=campaign.slug,
        paid_at=paid_at,
    )
    return _gift_merged(news)


def adoption_settle() -> None:
    """Once the adoption commits: the bar and the pages that show it count the adopted gifts."""
    transaction.on_commit(bar_cache_clear)
