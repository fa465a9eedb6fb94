"""Following a discussion: subscribe (double opt-in), confirm, preview, how often, moderator alerts."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ratelimit, tokens
from ..exceptions import SubscribeRefused
from ..models import Frequency, Scope, Subscriber, Subscription, SubscriptionStatus
from ..validation import email_normalise, header_value_check
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


def _subscriber_for(*, email: str, name: str, language: str, frequency: str | None, user) -> Subscriber:
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"name": name, "language": language, "frequency": frequency or Frequency.INSTANT},
    )
    subscriber.language = language
    subscriber.name = name or subscriber.name
    subscriber.frequency = frequency or subscriber.frequency
    if user is not None:
        subscriber.user = user
    subscriber.save(update_fields=["language", "name", "frequency", "user"])
    return subscriber


def _is_trusted(*, email: str, user) -> bool:
    """A signed-in reader's own account address needs no confirmation mail."""
    return user is not None and bool(user.email) and user.email.strip().lower() == email


def subscription_request(
    *, email: str, target: Target, language: str, name: str = "", frequency: str | None = None, user=None
) -> Subscription:
    """Subscribes an address to a target. A new (or suppressed) address gets a pending
    subscription and a confirmation mail (rate-limited per address, silently); a confirmed one,
    or a signed-in reader's own address, is active at once. The caller's answer must not differ
    between these cases, so that it reveals nothing about the address."""
    email = email_normalise(email)
    name = header_value_check(" ".join(str(name or "").split())[:80], field="name")
    trusted = _is_trusted(email=email, user=user)
    with transaction.atomic():
        subscriber = _subscriber_for(
            email=email, name=name, language=language, frequency=frequency, user=user if trusted else None
        )
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            subscriber=subscriber,
            key=target.key,
            defaults={"scope": target.scope, "page_id": target.page_id, "comment_id": target.comment_id},
        )
        usable = subscriber.confirmed_at is not None and subscriber.suppressed_at is None
        if trusted or usable:
            _activate(subscription=subscription, subscriber=subscriber)
        else:
            if subscription.status != SubscriptionStatus.PENDING:
                subscription.status, subscription.ended_at = SubscriptionStatus.PENDING, None
                subscription.save(update_fields=["status", "ended_at"])
            # Over the limit nothing is sent and an earlier link stays valid; the answer is the same.
            if ratelimit.address_allows_confirmation(email):
                _confirmation_enqueue(subscription_id=subscription.pk)
    return subscription


def _confirmation_enqueue(*, subscription_id: int) -> None:
    from ..tasks import confirmation_send

    transaction.on_commit(lambda: confirmation_send.enqueue(subscription_id=subscription_id))


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


def subscription_confirm(*, token: str) -> Subscription:
    """Confirms the address and activates the subscription its link names; a link works once.
    Raises tokens.TokenInvalid for a forged, expired or used link (and changes nothing)."""
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
    return subscription


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
        raise SubscribeRefused(_("Choose how often to be notified."), field="frequency")
    Subscriber.objects.filter(pk=subscriber_id).update(frequency=frequency)


def moderator_alert_set(*, user, enabled: bool) -> None:
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
    email = (user.email or "").strip().lower()
    ids = list(Subscription.objects.filter(subscriber__email=email, key="held").values_list("pk", flat=True))
    if ids:
        subscriptions_leave(subscriber_id=Subscriber.objects.get(email=email).pk, subscription_ids=ids)
