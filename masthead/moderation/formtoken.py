"""The signed timestamp that measures how long a reader took to write a comment.

The comments app serves `form_token_issue(page_id=…)` from a small endpoint fetched when the
reader starts typing (never baked into cached HTML, which could be hours old), and sends it back
with the comment; the pipeline reads its age with `form_token_age(token, page_id=…)`. A token
bound to one page is worth nothing on another.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing

from masthead.core.counters import counter_increment

_SALT = "masthead.moderation.form_token"
# Ages below this are clock skew between processes, not a token from the future.
_SKEW_SECONDS = 5.0


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SALT)


def form_token_issue(*, page_id: int | None = None) -> str:
    """A new token: the page (if given) and the issue time in milliseconds, signed (the
    signer's own stamp is whole seconds, too coarse for a three-second minimum)."""
    # The nonce makes every token unique (two readers served in the same millisecond must not
    # share one: a token is good for one comment).
    return _signer().sign(f"{page_id or ''}:{secrets.token_urlsafe(6)}:{time.time_ns() // 1_000_000}")


def form_token_consume(token: str) -> bool:
    """Uses the token up: True the first time, False for any later post with it (in any process:
    the kernel's shared counters). Called only once the token's age is accepted, so a reader
    told "that was quick" may post again with the same token."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:40]
    window = int(settings.MODERATION_FORM_TOKEN_MAX_AGE + _SKEW_SECONDS) + 1
    return counter_increment(key=f"formtoken:{digest}", seconds=window) == 1


def form_token_age(token: str, *, page_id: int | None = None) -> float | None:
    """Seconds since the token was issued; None when it is missing, forged, malformed, from the
    future, or bound to another page than `page_id`."""
    if not token or len(token) > 200:
        return None
    try:
        fields = _signer().unsign(token).split(":")
        token_page, issued = fields[0], int(fields[-1]) / 1000
    except (signing.BadSignature, ValueError):
        return None
    if token_page and page_id is not None and token_page != str(page_id):
        return None
    age = time.time() - issued
    if age < -_SKEW_SECONDS:
        return None
    return max(age, 0.0)
