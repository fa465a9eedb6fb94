"""Writes of the ledger: what one Stripe event says about one payment, merged into its Gift row.

Every merge is commutative (ids are filled in, the status takes the furthest of the two, amounts
the larger, paid_at the earlier), so the events of one payment end in the same row whatever
order they arrive in. Callers hold a transaction (see stripe_events.py).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from ..models import Campaign, Gift, PaymentLink, Pledge
from ..periods import period_at

# Keyed by plain strings: the rows and the events hold statuses and kinds as the strings stored.
STATUS_RANK: dict[str, int] = {
    Gift.Status.PENDING: 0,
    Gift.Status.FAILED: 1,
    Gift.Status.PAID: 2,
    Gift.Status.REFUNDED: 3,
}
KIND_RANK: dict[str, int] = {Gift.Kind.ONE_TIME: 0, Gift.Kind.MONTHLY: 1}
ID_FIELDS = ("checkout_session_id", "payment_intent_id", "invoice_id")
DONOR_FIELDS = ("email", "donor_name", "note", "language")  # who gave: what an erasure blanks


@dataclass
class PaymentNews:
    """What one event tells about one payment; None means "this event does not say"."""

    ids: dict[str, str] = field(default_factory=dict)  # some of ID_FIELDS
    kind: str = Gift.Kind.ONE_TIME
    status: str | None = None
    amount_minor: int | None = None
    refunded_minor: int | None = None
    currency: str = ""
    email: str = ""
    donor_name: str = ""
    language: str = ""
    subscription_id: str = ""
    campaign_slug: str = ""
    period: date | None = None
    paid_at: datetime | None = None


@dataclass
class Outcome:
    gift: Gift
    became_paid: bool


def _ids_linked(ids: dict[str, str]) -> dict[str, str]:
    """The ids, completed by a known link between an invoice and the payment that paid it."""
    invoice, payment = ids.get("invoice_id"), ids.get("payment_intent_id")
    if invoice and not payment:
        link = PaymentLink.objects.filter(invoice_id=invoice).first()
        return {**ids, "payment_intent_id": link.payment_intent_id} if link else ids
    if payment and not invoice:
        link = PaymentLink.objects.filter(payment_intent_id=payment).first()
        return {**ids, "invoice_id": link.invoice_id} if link else ids
    return ids


def gift_exists(*, ids: dict[str, str]) -> bool:
    query = Q()
    for name, value in ids.items():
        query |= Q(**{name: value})
    return Gift.objects.filter(query).exists()


def gift_apply(*, news: PaymentNews) -> Outcome | None:
    ids = _ids_linked({k: v for k, v in news.ids.items() if v})
    if not ids:
        return None
    query = Q()
    for name, value in ids.items():
        query |= Q(**{name: value})
    rows = list(Gift.objects.select_for_update().filter(query).order_by("pk"))
    gift = rows[0] if rows else Gift(kind=news.kind)
    was_paid = gift.pk is not None and gift.status in (Gift.Status.PAID, Gift.Status.REFUNDED)
    for other in rows[1:]:
        _gift_merge(gift, other)
        other.delete()  # first, so that the ids it held are free for the survivor
    _gift_merge_news(gift, news, ids)
    _gift_settle_period(gift, news)
    gift.external_id = ids_best(gift)
    gift.save()
    return Outcome(gift=gift, became_paid=not was_paid and gift.status == Gift.Status.PAID)


def ids_best(gift: Gift) -> str | None:
    """The gift's canonical key: the invoice (one per month), else the payment, else the session."""
    return gift.invoice_id or gift.payment_intent_id or gift.checkout_session_id


def _furthest(a: str, b: str | None) -> str:
    return a if b is None or STATUS_RANK[a] >= STATUS_RANK[b] else b


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return min(x for x in (a, b) if x is not None) if (a or b) else None


def _gift_merge(gift: Gift, other: Gift) -> None:
    for name in (*ID_FIELDS, "subscription_id", "currency", "email", "language"):
        setattr(gift, name, getattr(gift, name) or getattr(other, name))
    gift.personal_erased_at = _earliest(gift.personal_erased_at, other.personal_erased_at)
    if gift.personal_erased_at:
        _forget_donor(gift)
    gift.campaign_id = gift.campaign_id or other.campaign_id
    gift.status = _furthest(gift.status, other.status)
    # Only Stripe's gifts merge, and their kinds (one-time, monthly) are both ranked: never None.
    gift.kind = max(gift.kind, other.kind, key=KIND_RANK.get)  # type: ignore[arg-type]
    gift.amount_minor = max(gift.amount_minor, other.amount_minor)
    gift.refunded_minor = max(gift.refunded_minor, other.refunded_minor)
    gift.paid_at = _earliest(gift.paid_at, other.paid_at)
    gift.receipt_sent_at = _earliest(gift.receipt_sent_at, other.receipt_sent_at)
    if other.period_from_metadata and not gift.period_from_metadata:
        gift.period_start, gift.period_from_metadata = other.period_start, True


def _gift_merge_news(gift: Gift, news: PaymentNews, ids: dict[str, str]) -> None:
    for name, value in ids.items():
        setattr(gift, name, getattr(gift, name) or value)
    gift.subscription_id = gift.subscription_id or news.subscription_id
    gift.currency = gift.currency or news.currency.upper()[:3]
    if gift.personal_erased_at is None and _pledge_erased(gift.subscription_id):
        gift.personal_erased_at = timezone.now()  # a later month of an erased monthly gift
    if gift.personal_erased_at is None:
        gift.email = gift.email or news.email[:254]
        gift.donor_name = gift.donor_name or news.donor_name[:200]
        gift.language = gift.language or news.language[:10]
    gift.kind = max(gift.kind, news.kind, key=KIND_RANK.get)  # type: ignore[arg-type]  # as above
    gift.status = _furthest(gift.status, news.status)
    gift.amount_minor = max(gift.amount_minor, news.amount_minor or 0)
    gift.refunded_minor = max(gift.refunded_minor, news.refunded_minor or 0)
    gift.paid_at = _earliest(gift.paid_at, news.paid_at)
    if news.campaign_slug and gift.campaign_id is None:
        gift.campaign = Campaign.objects.filter(slug=news.campaign_slug).first()


def _pledge_erased(subscription_id: str) -> bool:
    return (
        bool(subscription_id)
        and Pledge.objects.filter(subscription_id=subscription_id, personal_erased_at__isnull=False).exists()
    )


def _forget_donor(gift: Gift) -> None:
    """What a privacy erasure blanks on a gift (funding/services/privacy.py); the money stays."""
    for name in DONOR_FIELDS:
        setattr(gift, name, "")


def _gift_settle_period(gift: Gift, news: PaymentNews) -> None:
    """The period named at checkout wins; otherwise the campaign's period of the payment's time."""
    if news.period and gift.campaign and not gift.period_from_metadata:
        gift.period_start, gift.period_from_metadata = news.period, True
    if gift.period_from_metadata or gift.campaign is None or gift.paid_at is None:
        return
    period = period_at(campaign=gift.campaign, moment=gift.paid_at)
    gift.period_start = period.start if period else None


def pledge_apply(
    *,
    subscription_id: str,
    campaign_slug: str = "",
    email: str = "",
    donor_name: str = "",
    amount_minor: int | None = None,
    currency: str = "",
    canceled_at: datetime | None = None,
) -> Pledge:
    pledge, _ = Pledge.objects.select_for_update().get_or_create(subscription_id=subscription_id)
    if campaign_slug and pledge.campaign_id is None:
        pledge.campaign = Campaign.objects.filter(slug=campaign_slug).first()
    if pledge.personal_erased_at is None:
        pledge.email = pledge.email or email[:254]
        pledge.donor_name = pledge.donor_name or donor_name[:200]
    pledge.amount_minor = max(pledge.amount_minor, amount_minor or 0)
    pledge.currency = pledge.currency or currency.upper()[:3]
    if canceled_at is not None:
        pledge.status = Pledge.Status.CANCELED
        pledge.canceled_at = _earliest(pledge.canceled_at, canceled_at)
    pledge.save()
    return pledge
