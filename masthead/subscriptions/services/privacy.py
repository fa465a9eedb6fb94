"""Subscriptions' part of the admin's privacy requests (a MODERATION_PRIVACY_EXTENSIONS entry).

Erasure deletes the address's Subscriber row; its subscriptions and every notification owed or
sent to it go with it (both cascade). No other row of this app holds the address: confirmation
and leave links are signed tokens naming row ids, queued tasks carry ids and find nothing
afterwards, and the confirmation rate limit keys on a hash that expires within a day.
Decision: the subscriber goes entirely, suppression included, so no mail goes to the address until
the person subscribes again and confirms by mail (double opt-in), as any new address must; only a
signed-in reader whose account a confirmation linked to the address skips that mail, and the
erasure removes that link too.
"""

from datetime import datetime
from typing import Any

from django.db import transaction

from ..models import Delivery, Subscriber, Subscription


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _subscription_data(subscription: Subscription) -> dict[str, Any]:
    page = subscription.page
    return {
        "scope": subscription.scope,
        "page_title": page.title if page else None,
        "page_url": page.url if page else None,
        "comment_id": subscription.comment_id,
        "status": subscription.status,
        "created_at": _iso(subscription.created_at),
        "confirmed_at": _iso(subscription.confirmed_at),
        "ended_at": _iso(subscription.ended_at),
    }


def _delivery_data(delivery: Delivery) -> dict[str, Any]:
    return {
        "comment_id": delivery.comment_id,
        "kind": delivery.kind,
        "status": delivery.status,
        "created_at": _iso(delivery.created_at),
        "sent_at": _iso(delivery.sent_at),
    }


def _subscriber_data(subscriber: Subscriber) -> dict[str, Any]:
    subscriptions = subscriber.subscriptions.select_related("page").order_by("created_at", "pk")
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "frequency": subscriber.frequency,
        "confirmed_at": _iso(subscriber.confirmed_at),
        "suppressed_at": _iso(subscriber.suppressed_at),
        "suppressed_reason": subscriber.suppressed_reason,
        "last_mailed_at": _iso(subscriber.last_mailed_at),
        "created_at": _iso(subscriber.created_at),
        "subscriptions": [_subscription_data(s) for s in subscriptions],
        "notifications": [_delivery_data(d) for d in subscriber.deliveries.order_by("created_at", "pk")],
    }


class SubscriberPrivacy:
    """Export and erasure of one address's subscriptions; `email` arrives lower-cased."""

    def export(self, *, email: str) -> dict[str, Any]:
        # iexact: the model stores addresses lower-cased, but a row from before that rule must
        # not escape a request.
        subscriber = Subscriber.objects.filter(email__iexact=email).first()
        return {"subscriptions": _subscriber_data(subscriber) if subscriber else None}

    @transaction.atomic
    def erase(self, *, email: str) -> None:
        Subscriber.objects.filter(email__iexact=email).delete()


extension = SubscriberPrivacy()
