"""Signed tokens in the links of our mails: confirm (single use, expiring) and leave (lasting)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "masthead.subscriptions.confirm"
LEAVE_SALT = "masthead.subscriptions.leave"


class TokenInvalid(Exception):
    """Forged, expired or already used."""


def nonce_new() -> tuple[str, str]:
    """A fresh nonce for a confirmation link, and the hash to store."""
    nonce = secrets.token_urlsafe(16)
    return nonce, nonce_hash(nonce)


def nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def nonce_matches(nonce: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(nonce_hash(nonce), stored_hash)


def confirm_token(*, subscription_id: int, nonce: str) -> str:
    return signing.dumps({"s": subscription_id, "n": nonce}, salt=CONFIRM_SALT)


def confirm_token_read(token: str) -> tuple[int, str]:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE)
        return int(data["s"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenInvalid from None


@dataclass(frozen=True)
class LeaveGrant:
    subscriber_id: int
    subscription_ids: tuple[int, ...]


def leave_token(*, subscriber_id: int, subscription_ids: list[int]) -> str:
    """Lets its holder end the named subscriptions, or all of the address's (no expiry: old
    mails must still unsubscribe)."""
    return signing.dumps(
        {"r": subscriber_id, "t": sorted(set(subscription_ids))}, salt=LEAVE_SALT, compress=True
    )


def leave_token_read(token: str) -> LeaveGrant:
    try:
        data = signing.loads(token, salt=LEAVE_SALT)
        return LeaveGrant(int(data["r"]), tuple(int(i) for i in data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenInvalid from None
