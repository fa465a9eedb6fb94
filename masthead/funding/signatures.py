"""Verifying the Stripe-Signature header on a webhook's raw body.

The SDK's WebhookSignature accepts one secret and does not refuse timestamps in the future, so
these few lines do it: HMAC-SHA256 of "<t>.<body>", any v1 signature against any of the
configured secrets (rotation), 300 seconds of tolerance in both directions, constant-time compare.
"""

import hashlib
import hmac
import time

from masthead.core.numbers import number_parse

TOLERANCE_SECONDS = 300
TIMESTAMP_MAX = 2**40  # far past any real clock, small enough to compare with a float


class SignatureInvalid(Exception):
    pass


def _header_parts(header: str) -> tuple[int, list[str]]:
    timestamp, signatures = None, []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and number_parse(value, maximum=TIMESTAMP_MAX) is not None:
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise SignatureInvalid("no timestamp or no v1 signature")
    return timestamp, signatures


def signature_verify(*, payload: bytes, header: str, secrets: list[str], now: float | None = None) -> None:
    """Raises SignatureInvalid unless the header signs this exact body, recently, with one of the secrets."""
    secrets = [s for s in secrets if s]
    if not header or not secrets:
        raise SignatureInvalid("no header or no secret")
    timestamp, signatures = _header_parts(header[:4096])
    if abs((now if now is not None else time.time()) - timestamp) > TOLERANCE_SECONDS:
        raise SignatureInvalid("timestamp outside the tolerance")
    signed = str(timestamp).encode() + b"." + payload
    expected = [hmac.new(s.encode(), signed, hashlib.sha256).hexdigest() for s in secrets]
    # Compare every pair, without stopping early, so timing tells nothing about which one matched.
    matched = False
    for candidate in signatures[:8]:
        for digest in expected:
            matched |= hmac.compare_digest(candidate.encode(), digest.encode())
    if not matched:
        raise SignatureInvalid("no matching signature")


def signature_header(*, payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A Stripe-Signature header for this body (used by tests and the local stand-in)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"
