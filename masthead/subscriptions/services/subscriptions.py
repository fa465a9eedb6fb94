"""Following a discussion: subscribe (double opt-in), confirm, preview, how often, moderator alerts."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core.mail import header_value_check
from masthead.core.ratelimit import rate_limit_hit
from masthead.core.refusal import Refusal

from .. import tokens
from ..models import Frequency, Scope, Subscriber, Subscription, SubscriptionStatus
from ..validation import email_normalise
from .leaving import subscriptions_leave


@dataclass(frozen=True)
class Target:
    scope: str
    page_id: int | None = None
    comment_id: int | None = None

    @property
    def key(self) -> str:
        if self.scope == Scope.HELD:
            return "held"
        return f"{self.scope}:{self.comment_id if self.scope == Scope.COMMENT else self.page_id}"


def _subscriber_for(
    *, email: str, name: str, language: str, frequency: str | None, user: User | AnonymousUser | None
) -> Subscriber:
    """The address's subscriber. Its choices (name, language, frequency) are set when it is
    created, and later only by its proven owner (`user`, the account linked to it): an
    unauthenticated request changes nothing about an existing subscriber."""
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"name": name, "language": language, "frequency": frequency or Frequency.INSTANT},
    )
    if not created and _is_owner(subscriber=subscriber, user=user):
        subscriber.language = language
        subscriber.name = name or subscriber.name
        subscriber.frequency = frequency or subscriber.frequency
        subscriber.save(update_fields=["language", "name", "frequency"])
    return subscriber


def _is_owner(*, subscriber: Subscriber, user: User | AnonymousUser | None) -> bool:
    """The signed-in account this address was linked to by a mail round trip (subscriber_link);
    an account's email field alone proves nothing (anyone may type any address there)."""
    return user is not None and subscriber.user_id is not None and subscriber.user_id == user.pk


def subscription_request(
    *,
    email: str,
    target: Target,
    language: str,
    name: str = "",
    frequency: str | None = None,
    user: User | AnonymousUser | None = None,
) -> Subscription:
    """Subscribes an address to a target. Every new subscription is pending until its own
    confirmation link is used (one mail, rate-limited per address, silently), whether or not the
    address confirmed something before; only the account linked to the address subscribes at
    once. An existing subscription is left as it is. The caller's answer must not differ between
    these cases, so that it reveals nothing about the address."""
    email = email_normalise(email)
    name = header_value_check(" ".join(str(name or "").split())[:80], field="name")
    with transaction.atomic():
        subscriber = _subscriber_for(
            email=email, name=name, language=language, frequency=frequency, user=user
        )
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            subscriber=subscriber,
            key=target.key,
            defaults={"scope": target.scope, "page_id": target.page_id, "comment_id": target.comment_id},
        )
        if _is_owner(subscriber=subscriber, user=user):
            _activate(subscription=subscription, subscriber=subscriber)
        elif subscription.status != SubscriptionStatus.ACTIVE:
            if subscription.status != SubscriptionStatus.PENDING:
                subscription.status, subscription.ended_at = SubscriptionStatus.PENDING, None
                subscription.save(update_fields=["status", "ended_at"])
            # Over the limit nothing is sent and an earlier link stays valid; the answer is the same.
            if not rate_limit_hit(
                scope="confirmation-address", key=email, rule=settings.SUBSCRIPTIONS_CONFIRM_RATE_ADDRESS
            ):
                _confirmation_enqueue(subscription_id=subscription.pk, after=subscription.confirm_nonce_hash)
    return subscription


def _confirmation_enqueue(*, subscription_id: int, after: str) -> None:
    """`after`: the link's hash now; the task sends nothing once another link replaced it (the
    same task run twice, after its worker died)."""
    from ..tasks import confirmation_send

    transaction.on_commit(lambda: confirmation_send.enqueue(subscription_id=subscription_id, after=after))


def _activate(*, subscription: Subscription, subscriber: Subscriber) -> None:
    now = timezone.now()
    if subscriber.confirmed_at is None or subscriber.suppressed_at is not None:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            confirmed_at=now, suppressed_at=None, suppressed_reason=""
        )
        subscriber.confirmed_at, subscriber.suppressed_at, subscriber.suppressed_reason = now, None, ""
    if subscription.status != SubscriptionStatus.ACTIVE:
        Subscription.objects.filter(pk=subscription.pk).update(
            status=SubscriptionStatus.ACTIVE, confirmed_at=now, ended_at=None, confirm_nonce_hash=""
        )
        subscription.status, subscription.confirmed_at = SubscriptionStatus.ACTIVE, now
        subscription.ended_at, subscription.confirm_nonce_hash = None, ""


def subscription_confirm(*, token: str, user: User | AnonymousUser | None = None) -> Subscription:
    """Confirms the address and activates the subscription its link names; a link works once.
    A signed-in `user` whose account address is this one is linked to it: the link proves the
    mailbox, the session proves the account. Raises tokens.TokenInvalid for a forged, expired
    or used link (and changes nothing)."""
    subscription_id, nonce = tokens.confirm_token_read(token)
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("subscriber")
            .filter(pk=subscription_id)
            .first()
        )
        if subscription is None or not tokens.nonce_matches(nonce, subscription.confirm_nonce_hash):
            raise tokens.TokenInvalid
        _activate(subscription=subscription, subscriber=subscription.subscriber)
        _link(subscriber=subscription.subscriber, user=user)
    return subscription


def _link(*, subscriber: Subscriber, user: User | AnonymousUser | None) -> None:
    if user is None or not user.is_authenticated or subscriber.user_id == user.pk:
        return
    if (user.email or "").strip().lower() == subscriber.email:
        Subscriber.objects.filter(pk=subscriber.pk).update(user=user)
        subscriber.user = user


def subscription_preview(*, token: str) -> Subscription:
    """The subscription a confirmation link would confirm, if the link is still valid (reads only)."""
    subscription_id, nonce = tokens.confirm_token_read(token)
    subscription = (
        Subscription.objects.select_related("subscriber", "page").filter(pk=subscription_id).first()
    )
    if subscription is None or not tokens.nonce_matches(nonce, subscription.confirm_nonce_hash):
        raise tokens.TokenInvalid
    return subscription


def subscriber_frequency_set(*, subscriber_id: int, frequency: str) -> None:
    if frequency not in Frequency.values:
        raise Refusal(_("Choose how often to be notified."), field="frequency")
    Subscriber.objects.filter(pk=subscriber_id).update(frequency=frequency)


def moderator_alert_set(*, user: User, enabled: bool) -> None:
    """A staff member's choice to get a mail when a comment is held for moderation."""
    if enabled:
        subscription_request(
            email=user.email,
            target=Target(Scope.HELD),
            user=user,
            language=getattr(settings, "LANGUAGE_CODE", "en"),
            name=user.get_full_name(),
        )
        return
    for subscriber_id, pk in Subscription.objects.filter(subscriber__user=user, key="held").values_list(
        "subscriber_id", "pk"
    ):
        subscriptions_leave(subscriber_id=subscriber_id, subscription_ids=[pk])
