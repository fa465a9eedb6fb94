"""Claims on deliveries: which worker may mail what, so that each notification goes out once.

A flush claims an address's deliveries by marking them "sending" with `claimed_at`, in one
transaction holding the address's row (SELECT … FOR UPDATE), so two live workers never claim the
same rows. A claim older than SUBSCRIPTIONS_CLAIM_STALE_SECONDS was left by a worker that died
between the claim and "sent": the next flush of that address takes it again and sends it as the
same mail (same deliveries, hence the same Message-ID), due or not, since it was due back then.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from ..models import Delivery, DeliveryStatus, Subscriber
from .batching import due_at


@dataclass
class Claim:
    """The deliveries of one mail to one address, held by this worker until marked."""

    subscriber: Subscriber
    previous_mailed_at: datetime | None  # restored when the mail must wait for a retry
    deliveries: list[Delivery] = field(default_factory=list)


def claim_stale_before(*, now: datetime) -> datetime:
    """Claims made before this time were left by a dead worker."""
    return now - timedelta(seconds=settings.SUBSCRIPTIONS_CLAIM_STALE_SECONDS)


def claims_take(*, subscriber_ids: list[int], now: datetime) -> tuple[list[Claim], list[int]]:
    """In one transaction holding these addresses: takes again the claims left by dead workers,
    and claims the waiting deliveries of the addresses that may be mailed now. Returns the claims
    and the addresses not yet due that still want mail."""
    with transaction.atomic():
        subscribers = list(Subscriber.objects.select_for_update().filter(pk__in=subscriber_ids))
        retaken = _stale_retake(subscribers=subscribers, now=now)
        due = [s for s in subscribers if s.suppressed_at is None and _is_due(s, now)]
        claims = _pending_claim(due=due, now=now)
        Subscriber.objects.filter(pk__in=[c.subscriber.pk for c in claims]).update(
            last_mailed_at=now, flush_due_at=None
        )
        claimed = {c.subscriber.pk for c in claims}
        Subscriber.objects.filter(pk__in=[s.pk for s in subscribers if s.pk not in claimed]).update(
            flush_due_at=None
        )
    due_ids = {s.pk for s in due}
    later = [s.pk for s in subscribers if s.suppressed_at is None and s.pk not in due_ids]
    return retaken + claims, later


def _is_due(subscriber: Subscriber, now: datetime) -> bool:
    last = subscriber.last_mailed_at
    return last is None or now >= due_at(frequency=subscriber.frequency, last_mailed_at=last, now=last)


def _stale_retake(*, subscribers: list[Subscriber], now: datetime) -> list[Claim]:
    """The claims of dead workers on these addresses, claimed afresh: one Claim per old claim
    (its rows share their `claimed_at`), so each is sent as the very mail it was meant to be."""
    by_pk = {s.pk: s for s in subscribers}
    stale = list(
        Delivery.objects.select_for_update(of=("self",))
        .filter(
            subscriber_id__in=by_pk,
            status=DeliveryStatus.SENDING,
            claimed_at__lt=claim_stale_before(now=now),
        )
        .select_related("comment", "comment__page")
        .order_by("claimed_at", "comment_id")
    )
    claims: dict[tuple[int, datetime | None], Claim] = {}
    for delivery in stale:
        subscriber = by_pk[delivery.subscriber_id]
        key = (subscriber.pk, delivery.claimed_at)
        claims.setdefault(key, Claim(subscriber, subscriber.last_mailed_at)).deliveries.append(delivery)
    Delivery.objects.filter(pk__in=[d.pk for d in stale]).update(claimed_at=now)
    return list(claims.values())


def _pending_claim(*, due: list[Subscriber], now: datetime) -> list[Claim]:
    """Marks the waiting deliveries of these addresses "sending"; one Claim per address."""
    claims = {s.pk: Claim(s, s.last_mailed_at) for s in due}
    pending = (
        Delivery.objects.filter(subscriber_id__in=claims, status=DeliveryStatus.PENDING)
        .select_related("comment", "comment__page")
        .order_by("comment_id")
    )
    for delivery in pending:
        claims[delivery.subscriber_id].deliveries.append(delivery)
    claimed = [c for c in claims.values() if c.deliveries]
    Delivery.objects.filter(pk__in=[d.pk for c in claimed for d in c.deliveries]).update(
        status=DeliveryStatus.SENDING, claimed_at=now
    )
    return claimed
