"""The signed timestamp that measures how long a reader took to write a comment.

The comments app serves `form_token_issue()` from a small endpoint fetched when the reader starts
typing (never baked into cached HTML, which could be hours old), and sends it back with the
comment; the pipeline reads its age with `form_token_age()`.
"""

import time

from django.core import signing

_SALT = "masthead.moderation.form_token"
# Ages below this are clock skew between processes, not a token from the future.
_SKEW_SECONDS = 5.0


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SALT)


def form_token_issue() -> str:
    """A new token: the issue time in milliseconds, signed (the signer's own stamp is whole
    seconds, too coarse for a three-second minimum)."""
    return _signer().sign(str(time.time_ns() // 1_000_000))


def form_token_age(token: str) -> float | None:
    """Seconds since the token was issued; None when it is missing, forged or malformed."""
    if not token or len(token) > 200:
        return None
    try:
        issued_ms = int(_signer().unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    age = time.time() - issued_ms / 1000
    if age < -_SKEW_SECONDS:
        return None
    return max(age, 0.0)
