"""Reads for the pipeline and the admin: bans, what the same person posted before, privacy, and
the discussion figures of the admin's home."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from masthead.comments.models import Comment, Status
from masthead.core.keyedhash import email_hash, email_normalise

from .models import Ban, ScreeningEntry


def ban_find(*, email: str, network: str) -> Ban | None:
    """The ban that applies to this address or network, if any."""
    match = Q()
    if email:
        match |= Q(kind=Ban.Kind.EMAIL, value=email_normalise(email))
    if network:
        match |= Q(kind=Ban.Kind.NETWORK, value=network)
    if not match:
        return None
    return Ban.objects.filter(match).order_by("kind").first()


def text_posted_before(
    *,
    fingerprint: str,
    page_id: int,
    email: str,
    network: str,
    user_id: int | None,
    page_since: datetime,
    anywhere_since: datetime,
) -> bool:
    """Whether the same person (email, network or account) already sent this text and it was
    kept (approved or held): on this page since `page_since`, anywhere since `anywhere_since`."""
    who = Q(network_hash=network) if network else Q()
    if email:
        who |= Q(email_hash=email_hash(email))
    if user_id:
        who |= Q(user_id=user_id)
    if not who:
        return False
    when = Q(created_at__gte=anywhere_since) | Q(page_id=page_id, created_at__gte=page_since)
    return ScreeningEntry.objects.filter(
        who, when, fingerprint=fingerprint, action__in=["approve", "hold"]
    ).exists()


def author_has_approved_comment(*, user_id: int | None, guest_key_hash: str) -> bool:
    """Whether this writer, as proven, has an approved comment: the signed-in account's own, or
    the guest cookie's (the edit key that wrote them). Never by a typed email address: anyone
    can type a regular commenter's address."""
    if user_id:
        match = Q(user_id=user_id)
    elif guest_key_hash:
        match = Q(edit_key_hash=guest_key_hash, user__isnull=True)
    else:
        return False
    return Comment.objects.filter(match, status=Status.APPROVED).exists()


def comments_by_email(*, email: str) -> QuerySet[Comment]:
    """Every comment written under this address, as a guest or from an account with it."""
    address = email_normalise(email)
    return (
        Comment.objects.filter(Q(author_email__iexact=address) | Q(user__email__iexact=address))
        .select_related("page")
        .order_by("created_at", "id")
    )


# --- the admin's home ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DiscussionFigures:
    waiting: int
    oldest_waiting_at: datetime | None
    last_day: int  # comments received in the last 24 hours, whatever became of them


def discussion_figures(*, now: datetime | None = None) -> DiscussionFigures:
    """The queue and the day's flow in one query (the OR keeps it off the comments of the past)."""
    since = (now or timezone.now()) - timedelta(hours=24)
    pending = Q(status=Status.PENDING)
    row = Comment.objects.filter(pending | Q(created_at__gte=since)).aggregate(
        waiting=Count("id", filter=pending),
        oldest=Min("created_at", filter=pending),
        last_day=Count("id", filter=Q(created_at__gte=since)),
    )
    return DiscussionFigures(
        waiting=row["waiting"], oldest_waiting_at=row["oldest"], last_day=row["last_day"]
    )


def stories_most_discussed(
    *, now: datetime | None = None, days: int = 7, limit: int = 3
) -> list[dict[str, Any]]:
    """The pages with the most approved comments of the last `days`: id, title, count (one query)."""
    since = (now or timezone.now()) - timedelta(days=days)
    return list(
        Comment.objects.filter(status=Status.APPROVED, created_at__gte=since)  # type: ignore[arg-type]
        .values("page_id", "page__title")
        .annotate(count=Count("id"))
        .order_by("-count", "page__title")[:limit]
    )


def comments_on_stories_of(
    *, user: User, now: datetime | None = None, days: int = 7, limit: int = 5
) -> dict[str, Any]:
    """What readers said under the pages `user` owns (Wagtail's page owner: who created it).

    The week's approved and waiting counts in one query, the newest approved comments in another.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    own = Comment.objects.filter(page__owner=user)
    counts = own.filter(created_at__gte=since).aggregate(
        approved=Count("id", filter=Q(status=Status.APPROVED)),
        waiting=Count("id", filter=Q(status=Status.PENDING)),
    )
    latest = list(
        own.filter(status=Status.APPROVED)
        .select_related("page")
        .only("id", "author_name", "body", "created_at", "page__id", "page__title")
        .order_by("-created_at")[:limit]
    )
    return {**counts, "latest": latest}
