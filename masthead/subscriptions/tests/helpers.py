"""Small helpers shared by the subscription tests."""

import re
from urllib.parse import urlsplit

from masthead.subscriptions.models import Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.services.subscriptions import Target, subscription_request

LINK = re.compile(r"https?://[^\s<>\"]+/subscriptions/(confirm|leave)/[^\s<>\"]+/")


def link_in(message, kind: str = "confirm") -> str:
    """The path of the first confirm/leave link in a message's plain-text part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    for match in LINK.finditer(text):
        if match.group(1) == kind:
            return urlsplit(match.group(0)).path
    raise AssertionError(f"no {kind} link in:\n{text}")


def follower(email: str, page, *, scope="page", comment=None, frequency=None, language="en", user=None):
    """A confirmed follower, as if they had used the confirmation link (while signed in as
    `user`, which links the address to that account)."""
    from django.utils import timezone

    chosen = {"language": language} | ({"frequency": frequency} if frequency else {})
    Subscriber.objects.update_or_create(
        email=email, defaults={"confirmed_at": timezone.now(), "user": user, **chosen}
    )
    subscription = subscription_request(
        email=email,
        target=Target(scope, page_id=page.pk, comment_id=comment.pk if comment else None),
        language=language,
        frequency=frequency,
    )
    Subscription.objects.filter(pk=subscription.pk).update(
        status=SubscriptionStatus.ACTIVE, confirmed_at=timezone.now()
    )
    subscription.refresh_from_db()
    return subscription
