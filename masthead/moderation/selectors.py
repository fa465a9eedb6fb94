"""Reads for the pipeline and the admin: bans, earlier comments by the same person, privacy."""

from datetime import datetime

from django.db.models import Q, QuerySet

from masthead.comments.models import Comment, Status

from .models import Ban
from .textnorm import email_normalise


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


def _author_match(*, email: str, network: str, user_id: int | None) -> Q | None:
    match = Q()
    if email:
        match |= Q(author_email__in={email, email_normalise(email)})
    if network:
        match |= Q(network_hash=network)
    if user_id:
        match |= Q(user_id=user_id)
    return match or None


def comment_bodies_by_author(*, email: str, network: str, user_id: int | None,
                             since: datetime, page_id: int | None = None) -> list[str]:
    """Bodies the same person (email, network or account) wrote since `since`, any status."""
    match = _author_match(email=email, network=network, user_id=user_id)
    if match is None:
        return []
    comments = Comment.objects.filter(match, created_at__gte=since)
    if page_id is not None:
        comments = comments.filter(page_id=page_id)
    return list(comments.values_list("body", flat=True)[:500])


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
    return (Comment.objects.filter(Q(author_email__iexact=address) | Q(user__email__iexact=address))
            .select_related("page").order_by("created_at", "id"))
