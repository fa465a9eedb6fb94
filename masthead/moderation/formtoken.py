"""The signed timestamp that measures how long a reader took to write a comment.

The comments app serves `form_token_issue(page_id=…)` from a small endpoint fetched when the
reader starts typing (never baked into cached HTML, which could be hours old), and sends it back
with the comment; the pipeline reads its age with `form_token_age(token, page_id=…)`. A token
bound to one page is worth nothing on another.
"""

import time

from django.core import signing

_SALT = "masthead.moderation.form_token"
# Ages below this are clock skew between processes, not a token from the future.
_SKEW_SECONDS = 5.0


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SALT)


def form_token_issue(*, page_id: int | None = None) -> str:
    """A new token: the page (if given) and the issue time in milliseconds, signed (the
    signer's own stamp is whole seconds, too coarse for a three-second minimum)."""
    return _signer().sign(f"{page_id or ''}:{time.time_ns() // 1_000_000}")


def form_token_age(token: str, *, page_id: int | None = None) -> float | None:
    """Seconds since the token was issued; None when it is missing, forged, malformed, from the
    future, or bound to another page than `page_id`."""
    if not token or len(token) > 200:
        return None
    try:
        token_page, issued_ms = _signer().unsign(token).rsplit(":", 1)
        issued = int(issued_ms) / 1000
    except (signing.BadSignature, ValueError):
        return None
    if token_page and page_id is not None and token_page != str(page_id):
        return None
    age = time.time() - issued
    if age < -_SKEW_SECONDS:
        return None
    return max(age, 0.0)
