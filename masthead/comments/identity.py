"""Who is writing or voting: a signed-in user, or a guest known by a random id in a signed cookie.

The same guest id proves authorship for editing (its hash is stored on the comment) and keys
votes, so one HttpOnly, SameSite=Lax cookie is all a guest carries.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core import signing

GUEST_COOKIE = "mh_guest"
GUEST_COOKIE_AGE = 365 * 24 * 3600
_SALT = "masthead.comments.guest"


@dataclass(frozen=True)
class Reader:
    user: User | None  # an authenticated user, or None
    guest_id: str  # "" until the guest first posts or votes
    is_new_guest: bool = False  # the cookie must be set on the response

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def voter(self) -> str:
        return f"u:{self.user.pk}" if self.user is not None else f"g:{self.guest_id}"

    @property
    def key_hash(self) -> str:
        """What comment.edit_key_hash holds for comments this guest wrote ('' for users)."""
        return key_hash(self.guest_id) if self.user is None and self.guest_id else ""


def key_hash(guest_id: str) -> str:
    return hashlib.sha256(f"edit:{guest_id}".encode()).hexdigest()


def keys_match(stored: str, reader: Reader) -> bool:
    return bool(stored) and bool(reader.key_hash) and hmac.compare_digest(stored, reader.key_hash)


def reader_from_request(request, *, create: bool = False) -> Reader:
    """The reader of a request; with create=True a guest without a cookie gets a new id."""
    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    if user is not None:
        return Reader(user=user, guest_id="")
    raw = request.COOKIES.get(GUEST_COOKIE, "")
    try:
        guest_id = signing.Signer(salt=_SALT).unsign(raw) if raw else ""
    except signing.BadSignature:
        guest_id = ""
    if not guest_id and create:
        return Reader(user=None, guest_id=secrets.token_urlsafe(16), is_new_guest=True)
    return Reader(user=None, guest_id=guest_id)


def reader_remember(response, reader: Reader) -> None:
    """Sets the guest cookie on a response when the reader was given a new id."""
    if reader.is_new_guest:
        response.set_cookie(
            GUEST_COOKIE,
            signing.Signer(salt=_SALT).sign(reader.guest_id),
            max_age=GUEST_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=response_secure(),
        )


def response_secure() -> bool:
    from django.conf import settings

    return settings.BASE_URL.startswith("https://")
