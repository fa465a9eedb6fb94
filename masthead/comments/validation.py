"""Checks of what a reader typed, shared by the form and the JSON API (same rules, same words)."""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from masthead.core.refusal import Refusal

NAME_MAX, EMAIL_MAX, URL_MAX = 80, 254, 300


@dataclass(frozen=True)
class CommentInput:
    body: str
    author_name: str
    author_email: str
    author_url: str
    parent_id: int | None


def _is_garbage(text: str) -> bool:
    """Control characters (other than tab and newlines) or replacement characters mean the
    bytes were not text: a pasted binary file, a broken encoding."""
    bad = sum(
        1
        for ch in text
        if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
        or ch == "\ufffd"
        or unicodedata.category(ch) == "Cs"
    )
    return bad > 0


def _body(raw) -> str:
    body = str(raw or "").replace("\r\n", "\n").strip()
    if not body:
        raise Refusal(_("Please write a comment before posting."), field="body", code="empty")
    if len(body) > settings.COMMENTS_MAX_LENGTH:
        raise Refusal(
            _("Your comment is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(body), "limit": settings.COMMENTS_MAX_LENGTH},
            status_code=413,
            field="body",
            code="too_long",
        )
    if _is_garbage(body):
        raise Refusal(
            _(
                "Your comment contains characters that are not text. Please write "
                "it again or paste it as plain text."
            ),
            field="body",
            code="not_text",
        )
    return unicodedata.normalize("NFC", body)


def _guest_fields(data: dict) -> tuple[str, str, str]:
    name = " ".join(str(data.get("author_name") or "").split())
    email = str(data.get("author_email") or "").strip()
    url = str(data.get("author_url") or "").strip()
    if not name:
        raise Refusal(_("Please give your name."), field="author_name", code="name_missing")
    if len(name) > NAME_MAX or _is_garbage(name):
        raise Refusal(
            _("Please give a name of at most %(n)s letters.") % {"n": NAME_MAX},
            field="author_name",
            code="name_invalid",
        )
    try:
        if len(email) > EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise Refusal(
            _("Please give a valid email address, like name@example.com."),
            field="author_email",
            code="email_invalid",
        ) from None
    if url:
        try:
            # URLValidator lets a NUL through, which PostgreSQL cannot store (a 500 before).
            if len(url) > URL_MAX or _is_garbage(url):
                raise ValidationError("too long or not text")
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise Refusal(
                _("Please give a website address starting with https:// or leave it empty."),
                field="author_url",
                code="url_invalid",
            ) from None
    return name, email, url


def _parent_id(raw) -> int | None:
    if raw in (None, "", 0, "0"):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise Refusal(
            _("The comment you are replying to no longer exists."),
            status_code=404,
            field="parent",
            code="parent_not_found",
        ) from None


def comment_input_clean(*, data: dict, user, body_only: bool = False) -> CommentInput:
    """The cleaned input, or Refusal naming the field and the status (400, 404, 413)."""
    body = _body(data.get("body"))
    if body_only:
        return CommentInput(body=body, author_name="", author_email="", author_url="", parent_id=None)
    if user is not None:
        name = (user.get_full_name() or user.get_username())[:NAME_MAX]
        fields = (name, user.email or "", "")
    else:
        fields = _guest_fields(data)
    return CommentInput(body, *fields, parent_id=_parent_id(data.get("parent")))
