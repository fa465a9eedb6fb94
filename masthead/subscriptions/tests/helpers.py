"""Small helpers shared by the subscription tests."""

import re
from urllib.parse import urlsplit

from masthead.subscriptions.models import Subscriber
from masthead.subscriptions.services.subscriptions import Target, subscription_request

LINK = re.compile(r"https?://[^\s<>\"]+/subscriptions/(confirm|leave)/[^\s<>\"]+/")


def link_in(message, kind: str = "confirm") -> str:
    """The path of the first confirm/leave link in a message's plain-text part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    for match in LINK.finditer(text):
        if match.group(1) == kind:
            return urlsplit(match.group(0)).path
    raise AssertionError(f"no {kind} link in:\n{text}")


def follower(email: str, page, *, scope="page", comment=None, frequency=None, language="en"):
    """A confirmed follower (as if they had confirmed before)."""
    from django.utils import timezone

    Subscriber.objects.update_or_create(email=email, defaults={"confirmed_at": timezone.now()})
    return subscription_request(
        email=email,
        target=Target(scope, page_id=page.pk, comment_id=comment.pk if comment else None),
        language=language,
        frequency=frequency,
    )
