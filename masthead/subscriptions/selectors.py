"""Reads: who is owed a mail about a comment, and what a reader follows."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from masthead.comments.models import Comment

from .models import Delivery, DeliveryStatus, Scope, Subscriber, Subscription, SubscriptionStatus


def _ancestor_ids(comment: Comment) -> list[int]:
    """The comments above this one in its thread (depth is small: one query per level)."""
    ids: list[int] = []
    parent_id = comment.parent_id
    while parent_id is not None and len(ids) < 100:
        ids.append(parent_id)
        parent_id = Comment.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return ids


def _emails_of(comment: Comment) -> set[str]:
    """The addresses a comment's author is known by: the one given, and their account's."""
    return {e.strip().lower() for e in (comment.author_email, getattr(comment.user, "email", "")) if e}


def _live() -> Q:
    return Q(
        status=SubscriptionStatus.ACTIVE,
        subscriber__confirmed_at__isnull=False,
        subscriber__suppressed_at__isnull=True,
    )


def _not_author(comment: Comment) -> Q:
    """Never the comment's own author, by address or by account."""
    excluded = Q()
    emails = _emails_of(comment)
    if emails:
        excluded |= Q(subscriber__email__in=emails)
    if comment.user_id:
        excluded |= Q(subscriber__user_id=comment.user_id)
    return ~excluded if excluded else Q()


def recipients_for_comment(*, comment: Comment) -> QuerySet[Subscription]:
    """The live subscriptions owed a mail about an approved comment: the page's followers, the
    parent's author if they follow replies, followers of any comment above it; never the author.
    Several may belong to one address (the fan-out keeps one per address)."""
    wanted = Q(scope=Scope.PAGE, page_id=comment.page_id)
    if comment.parent_id:
        parent = Comment.objects.select_related("user").get(pk=comment.parent_id)
        parent_emails = _emails_of(parent)
        mine = Q(subscriber__email__in=parent_emails) if parent_emails else Q(pk__in=[])
        if parent.user_id:
            mine |= Q(subscriber__user_id=parent.user_id)
        wanted |= Q(scope=Scope.REPLIES, page_id=comment.page_id) & mine
        wanted |= Q(scope=Scope.COMMENT, comment_id__in=_ancestor_ids(comment))
    return Subscription.objects.filter(_live() & wanted & _not_author(comment))


def moderators_for_held(*, comment: Comment) -> QuerySet[Subscription]:
    return Subscription.objects.filter(_live() & Q(scope=Scope.HELD) & _not_author(comment))


def subscriptions_of_user(*, user: User) -> list[Subscription]:
    """Everything a signed-in reader follows: subscriptions of the addresses linked to their
    account by a mail round trip (never by the account's email field alone, which anyone with
    an account can set to another reader's address)."""
    return list(
        Subscription.objects.filter(subscriber__user=user)
        .exclude(status=SubscriptionStatus.ENDED)
        .exclude(scope=Scope.HELD)
        .select_related("subscriber", "page", "comment")
        .order_by("-created_at")
    )


def subscriber_of_user(*, user: User) -> Subscriber | None:
    return Subscriber.objects.filter(user=user).order_by("-pk").first()


def subscriptions_by_ids(*, subscriber_id: int, ids: tuple[int, ...]) -> list[Subscription]:
    return list(
        Subscription.objects.filter(subscriber_id=subscriber_id, pk__in=ids).select_related("page", "comment")
    )


def moderator_alert_enabled(*, user: User) -> bool:
    return Subscription.objects.filter(
        subscriber__user=user, key="held", status=SubscriptionStatus.ACTIVE
    ).exists()


def live_subscription_ids(*, ids: set[int | None]) -> set[int]:
    """Which of these subscriptions may still be mailed (the reader has not left since)."""
    return set(
        Subscription.objects.filter(_live() & Q(pk__in=[i for i in ids if i])).values_list("pk", flat=True)
    )


def stale_claim_subscriber_ids(*, before: datetime) -> list[int]:
    """The addresses holding deliveries claimed ("sending") before this time: claims of dead
    workers. A partial index holds only the rows "sending", so this stays cheap on a big table."""
    return list(
        Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=before)
        .order_by()
        .values_list("subscriber_id", flat=True)
        .distinct()
    )
