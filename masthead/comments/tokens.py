"""Signed values handed to the browser: the form's start time and the "you just posted" proof."""

import time

from django.core import signing

_FORM_SALT = "masthead.comments.form-started"
_POSTED_SALT = "masthead.comments.posted"


def form_token_issue(*, page_id: int) -> str:
    """A signed 'the reader started typing now' for the minimum-time check (fetched by JS).
    The default of COMMENTS_FORM_TOKEN_ISSUER; the moderation app names its own issuer, whose
    tokens its pipeline reads."""
    return signing.TimestampSigner(salt=_FORM_SALT).sign(f"{page_id}:{int(time.time())}")


def posted_token_issue(*, comment_id: int) -> str:
    return signing.dumps(comment_id, salt=_POSTED_SALT, compress=False)


def posted_token_comment_id(token: str, *, max_age: int = 3600) -> int | None:
    try:
        return int(signing.loads(token, salt=_POSTED_SALT, max_age=max_age))
    except (signing.BadSignature, ValueError, TypeError):
        return None
