"""Reads for the pipeline and the admin: bans, what the same person posted before, privacy."""

from datetime import datetime

from django.db.models import Q, QuerySet

from masthead.comments.models import Comment, Status

from .models import Ban, ScreeningEntry
from .textnorm import email_hash, email_normalise


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


def author_has_approved_comment(*, email: str, user_id: int | None) -> bool:
    match = Q()
    if email:
        match |= Q(author_email__in={email, email_normalise(email)})
    if user_id:
        match |= Q(user_id=user_id)
    return bool(match) and Comment.objects.filter(match, status=Status.APPROVED).exists()


def comments_by_email(*, email: str) -> QuerySet[Comment]:
    """Every comment written under this address, as a guest or from an account with it."""
    address = email_normalise(email)
    return (
        Comment.objects.filter(Q(author_email__iexact=address) | Q(user__email__iexact=address))
        .select_related("page")
        .order_by("created_at", "id")
    )
