"""The signed header our mails carry so that a bounce can prove it answers one of them.

Anyone can mail the bounce address a delivery report naming any reader; only a report that
echoes the header of a mail we sent to that very address (RFC 3464 reports return the
original headers) may suppress it. The value binds the address and the time of sending with a
keyed hash, so it cannot be made for another address, and it expires.
"""

import time

from django.conf import settings
from django.utils.crypto import constant_time_compare

from masthead.core.keyedhash import email_normalise, keyed_hash

HEADER = "X-Masthead-Bounce"
PURPOSE = "bounce"


def _digest(email: str, sent: int) -> str:
    return keyed_hash(f"{email_normalise(email)}|{sent}", purpose=PURPOSE)


def bounce_header(*, email: str, now: float | None = None) -> str:
    sent = int(now if now is not None else time.time())
    return f"{sent}.{_digest(email, sent)}"


def bounce_header_proves(value: str, *, email: str, now: float | None = None) -> bool:
    """Whether `value` is one we put on a mail to `email` within SUBSCRIPTIONS_BOUNCE_MAX_AGE."""
    sent, _dot, digest = str(value or "").strip().partition(".")
    if not sent.isascii() or not sent.isdigit() or len(sent) > 12:
        return False
    age = (now if now is not None else time.time()) - int(sent)
    if not -300 <= age <= settings.SUBSCRIPTIONS_BOUNCE_MAX_AGE:
        return False
    return constant_time_compare(digest, _digest(email, int(sent)))
