"""Leaving: ending some subscriptions of an address, or all of them (unsubscribed, bounced)."""

from django.db import transaction
from django.utils import timezone

from ..models import Delivery, DeliveryStatus, Subscriber, Subscription, SubscriptionStatus


def subscriptions_leave(*, subscriber_id: int, subscription_ids: list[int]) -> int:
    """Ends the given subscriptions of one address; idempotent. Returns how many changed."""
    return (
        Subscription.objects.filter(subscriber_id=subscriber_id, pk__in=subscription_ids)
        .exclude(status=SubscriptionStatus.ENDED)
        .update(status=SubscriptionStatus.ENDED, ended_at=timezone.now(), confirm_nonce_hash="")
    )


@transaction.atomic
def subscriber_suppress(*, subscriber_id: int, reason: str) -> bool:
    """Leave everything ("unsubscribed") or stop mailing a dead address ("bounced"): ends every
    subscription, drops what is waiting, and requires a new confirmation before any other
    subscription. Idempotent; returns whether anything changed."""
    now = timezone.now()
    changed = Subscriber.objects.filter(pk=subscriber_id, suppressed_at__isnull=True).update(
        suppressed_at=now, suppressed_reason=reason, confirmed_at=None, flush_due_at=None
    )
    changed += (
        Subscription.objects.filter(subscriber_id=subscriber_id)
        .exclude(status=SubscriptionStatus.ENDED)
        .update(status=SubscriptionStatus.ENDED, ended_at=now, confirm_nonce_hash="")
    )
    Delivery.objects.filter(subscriber_id=subscriber_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SKIPPED, last_error=reason
    )
    return bool(changed)


def subscriber_bounce(*, email: str) -> bool:
    subscriber = Subscriber.objects.filter(email=email.strip().lower()).first()
    return subscriber is not None and subscriber_suppress(subscriber_id=subscriber.pk, reason="bounced")
