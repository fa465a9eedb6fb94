"""Commenter data export and erasure by email address (the admin's privacy requests).

Erasure follows WordPress's comment eraser: the comments stay so that threads still read, but
everything that says who wrote them goes (name → "deleted", email, website, network hash, the
guest edit key, the link to an account, and the name shown on replies as "in reply to").
The moderator may also remove the text itself when it identifies the person. Mails to the address
kept in the outbox (the embedded site's file backend) are deleted too.
Bans stay: an erasure request must not lift a ban.
Other apps holding data by email join through settings.MODERATION_PRIVACY_EXTENSIONS: objects
with export(*, email) -> dict and erase(*, email) -> None, given the normalised address. Registered:
subscriptions (masthead/subscriptions/services/privacy.py: the subscriber is deleted) and funding
(masthead/funding/services/privacy.py: gifts and pledges lose who gave, keep what was given).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from masthead.comments.models import Comment, Status
from masthead.core.keyedhash import email_hash, email_normalise
from masthead.core.outbox import outbox_erase
from masthead.core.pagecache import page_cache_clear

from . import selectors
from .models import AuditEntry, Ban, ScreeningEntry
from .services import audit_record, comments_moderate

ERASED_NAME = "deleted"


def _extensions() -> list:
    return [import_string(p) for p in getattr(settings, "MODERATION_PRIVACY_EXTENSIONS", [])]


def _comment_data(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "page_id": comment.page_id,
        "page_title": comment.page.title,
        "page_url": comment.page.url,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "body": comment.body,
        "status": comment.status,
        "created_at": comment.created_at.isoformat(),
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        "up": comment.up,
        "down": comment.down,
    }


def commenter_data(*, email: str) -> dict:
    """Everything the site holds about the person writing as `email`, as JSON-ready data."""
    address = email_normalise(email)
    data = {
        "email": address,
        "exported_at": timezone.now().isoformat(),
        "comments": [_comment_data(c) for c in selectors.comments_by_email(email=address)],
        "bans": [
            {"reason": b.reason, "created_at": b.created_at.isoformat()}
            for b in Ban.objects.filter(kind=Ban.Kind.EMAIL, value=address)
        ],
    }
    for extension in _extensions():
        data.update(extension.export(email=address))
    return data


def commenter_export(*, email: str, actor, reason: str = "") -> dict:
    data = commenter_data(email=email)
    audit_record(
        actor=actor, action=AuditEntry.Action.EXPORT, target=f"email #{email_hash(email)}", reason=reason
    )
    return data


@transaction.atomic
def commenter_erase(*, email: str, actor, reason: str = "", remove_text: bool = False) -> int:
    """Anonymises every comment written as `email` (see the module docstring); returns how many."""
    address = email_normalise(email)
    ids = list(selectors.comments_by_email(email=address).values_list("pk", flat=True))
    if remove_text:
        visible = Comment.objects.filter(pk__in=ids).exclude(status=Status.REMOVED)
        comments_moderate(comments=list(visible), status=Status.REMOVED, actor=actor, reason=reason)
        Comment.objects.filter(pk__in=ids).update(body="", body_html="")
    Comment.objects.filter(pk__in=ids).update(
        author_name=ERASED_NAME, author_email="", author_url="", network_hash="", edit_key_hash="", user=None
    )
    Comment.objects.filter(parent_id__in=ids).update(parent_author_name=ERASED_NAME)
    ScreeningEntry.objects.filter(email_hash=email_hash(address)).delete()
    for extension in _extensions():
        extension.erase(email=address)
    # The files are outside the transaction: erased once the rows are, never before.
    transaction.on_commit(lambda: outbox_erase(email=address))
    audit_record(
        actor=actor, action=AuditEntry.Action.ERASE, target=f"email #{email_hash(address)}", reason=reason
    )
    transaction.on_commit(page_cache_clear)
    return len(ids)
