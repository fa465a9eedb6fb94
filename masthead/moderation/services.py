"""Writes of moderation: the pipeline's log, moderators' actions (each audited), bans, privacy."""

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.comments.models import Comment, Status
from masthead.comments.screening import Submission, Verdict
from masthead.core.keyedhash import email_hash, email_normalise
from masthead.core.refusal import Refusal

from .models import AuditEntry, Ban, ScreeningEntry
from .normal_forms import text_fingerprint

# Keyed by plain strings: callers pass a status as the string it is stored as.
ACTION_FOR_STATUS: dict[str, AuditEntry.Action] = {
    Status.APPROVED: AuditEntry.Action.APPROVE,
    Status.SPAM: AuditEntry.Action.SPAM,
    Status.REMOVED: AuditEntry.Action.REMOVE,
    Status.PENDING: AuditEntry.Action.PENDING,
}


def screening_record(*, submission: Submission, verdict: Verdict) -> ScreeningEntry:
    return ScreeningEntry.objects.create(
        page_id=submission.page_id,
        action=verdict.action,
        reason=verdict.reason,
        network_hash=submission.network,
        email_hash=email_hash(submission.author_email) if submission.author_email else "",
        user_id=submission.user_id,
        fingerprint=text_fingerprint(submission.body),
    )


def screening_log_prune(*, days: int) -> int:
    """Forgets screening decisions older than `days` (the comments keep their own reason)."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = ScreeningEntry.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def audit_record(
    *, actor: User | AnonymousUser | None, action: str, target: str, reason: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        # Anonymous (no pk) or no one: recorded as no one.
        actor=actor if isinstance(actor, User) and actor.pk else None,
        action=action,
        target=target[:300],
        reason=reason[:300],
    )


@transaction.atomic
def comments_moderate(
    *, comments: Iterable[Comment], status: str, actor: User | AnonymousUser | None, reason: str = ""
) -> int:
    """Moves comments to `status` through the comments app (which keeps counts exact), one
    audit entry per comment. Returns how many changed."""
    from masthead.comments.services import comment_status_set

    changed = 0
    for comment in comments:
        if comment.status == status:
            continue
        comment_status_set(comment=comment, status=status, actor=actor, reason=reason)
        audit_record(
            actor=actor, action=ACTION_FOR_STATUS[status], target=f"comment {comment.pk}", reason=reason
        )
        changed += 1
    return changed


@transaction.atomic
@transaction.atomic
def comments_pin(
    *, comments: Iterable[Comment], pinned: bool, actor: User | AnonymousUser | None, reason: str = ""
) -> int:
    """Pins comments (shown first in their thread) or unpins them, one audit entry each."""
    from masthead.comments.services import comment_pin

    changed = 0
    for comment in comments:
        if comment.is_pinned == pinned:
            continue
        comment_pin(comment=comment, pinned=pinned)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.PIN if pinned else AuditEntry.Action.UNPIN,
            target=f"comment {comment.pk}",
            reason=reason,
        )
        changed += 1
    return changed


def ban_create(*, kind: str, value: str, actor: User | None, reason: str = "") -> Ban:
    """Bans an email address or a network hash (idempotent: banning twice keeps one ban)."""
    value = email_normalise(value) if kind == Ban.Kind.EMAIL else value.strip()
    if not value:
        raise Refusal(_("There is nothing to ban: the address is empty."), status_code=400)
    ban, created = Ban.objects.get_or_create(
        kind=kind, value=value, defaults={"reason": reason[:300], "created_by": actor}
    )
    if created:
        audit_record(actor=actor, action=AuditEntry.Action.BAN, target=f"{kind} {value}", reason=reason)
    return ban


@transaction.atomic
def ban_from_comment(
    *,
    comment: Comment,
    kind: str,
    actor: User | None,
    reason: str = "",
    mark_spam: bool = False,
) -> Ban:
    """Bans the comment's email address or network; optionally marks the comment as spam."""
    value = comment.author_email if kind == Ban.Kind.EMAIL else comment.network_hash
    ban = ban_create(
        kind=kind, value=value, actor=actor, reason=reason or _("from comment %(id)s") % {"id": comment.pk}
    )
    if mark_spam:
        comments_moderate(comments=[comment], status=Status.SPAM, actor=actor, reason=reason)
    return ban


@transaction.atomic
def ban_lift(*, ban: Ban, actor: User | AnonymousUser | None, reason: str = "") -> None:
    audit_record(actor=actor, action=AuditEntry.Action.UNBAN, target=f"{ban.kind} {ban.value}", reason=reason)
    ban.delete()
