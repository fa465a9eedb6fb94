"""Who follows which discussion by email, and every notification owed to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    INSTANT = "instant", _("As they come (at most one mail every few minutes)")
    DAILY = "daily", _("Once a day (a digest)")


class Subscriber(models.Model):
    """One email address. Its confirmation and suppression hold for all its subscriptions."""

    email = models.EmailField(unique=True)  # lower-cased
    name = models.CharField(max_length=80, blank=True)  # shown in the To: header
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="subscribers"
    )
    language = models.CharField(max_length=10, default="en")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.INSTANT)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Suppressed addresses get no notification: they left everything, or their mail bounced.
    suppressed_at = models.DateTimeField(null=True, blank=True)
    suppressed_reason = models.CharField(max_length=20, blank=True)
    # Batching: when the last mail went out, and when the next flush is already queued.
    last_mailed_at = models.DateTimeField(null=True, blank=True)
    flush_due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email


class Scope(models.TextChoices):
    PAGE = "page", _("new follow-up comments")
    REPLIES = "replies", _("new replies to my comments")
    COMMENT = "comment", _("new replies to this comment")
    HELD = "held", _("comments held for moderation")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class Subscription(models.Model):
    """What one address follows: a page's comments, replies to its own comments on a page,
    replies under one comment, or (staff) comments held for moderation."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # "page:12", "replies:12", "comment:345", "held": one row per address and target.
    key = models.CharField(max_length=40)
    status = models.CharField(
        max_length=10, choices=SubscriptionStatus.choices, default=SubscriptionStatus.PENDING
    )
    # Single use: the hash of the nonce in the one valid confirmation link ("" once used).
    confirm_nonce_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "key"], name="one_subscription_per_target"),
        ]
        indexes = [
            models.Index(fields=["page", "scope", "status"], name="subscription_page"),
            models.Index(fields=["comment", "status"], name="subscription_comment"),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} {self.key} {self.status}"


class Kind(models.TextChoices):
    COMMENT = "comment", _("new comment")
    HELD = "held", _("held for moderation")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")
    REFUSED = "refused", _("refused")


class Delivery(models.Model):
    """One notification owed to one address about one comment: the idempotency key.

    The row exists before anything is sent, and is marked "sending" (with `claimed_at`) in the
    transaction that decides to send, so no retry can mail the same comment to the same address
    twice; a claim older than SUBSCRIPTIONS_CLAIM_STALE_SECONDS was left by a dead worker and is
    taken again (services/delivery.py).
    """

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    comment = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a flush marked it "sending": a claim this old was left by a dead worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "comment", "kind"], name="one_delivery_per_comment"
            ),
        ]
        indexes = [
            models.Index(fields=["subscriber", "status"], name="delivery_queue"),
            # The sweep's claims left by dead workers: only the few rows "sending" are in it.
            models.Index(
                fields=["claimed_at"], condition=models.Q(status="sending"), name="delivery_claimed"
            ),
        ]
