"""Bans, the moderators' audit log, the pipeline's decisions and the staff-edited word lists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .reasons import Reason


class Ban(models.Model):
    """An email address or a network (its keyed hash) whose comments are refused."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("email address")
        NETWORK = "network", _("network")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # A lower-cased email address, or the keyed hash of a /24 or /48 network (never an address).
    value = models.CharField(_("value"), max_length=254)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_ban_per_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class AuditEntry(models.Model):
    """One moderator action, kept so that the team can see who did what and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("approved")
        SPAM = "spam", _("marked as spam")
        REMOVE = "remove", _("removed")
        PENDING = "pending", _("returned to moderation")
        BAN = "ban", _("banned")
        UNBAN = "unban", _("lifted a ban")
        EXPORT = "export", _("exported commenter data")
        ERASE = "erase", _("erased commenter data")
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # What was acted on, in words: "comment 12", "email a@b.example", "network 3fa2…", or for
    # privacy requests the keyed hash of the address (the log must not undo an erasure).
    target = models.CharField(_("target"), max_length=300)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.target}"


class ScreeningEntry(models.Model):
    """What the pipeline decided about one submission and why (rejections store no comment)."""

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("page")
    )

    class Decision(models.TextChoices):
        APPROVE = "approve", _("approved")
        HOLD = "hold", _("held")
        REJECT = "reject", _("refused")

    action = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices, blank=True)
    network_hash = models.CharField(_("network"), max_length=64, blank=True)
    email_hash = models.CharField(max_length=64, blank=True)  # keyed, so erasure can find it
    user_id = models.IntegerField(null=True, blank=True)
    # A hash of the normalised text: finds "the same text posted twice" by an index, without
    # reading comments' bodies (and without keeping the text a second time).
    fingerprint = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("screening decision")
        verbose_name_plural = _("screening log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["fingerprint", "created_at"], name="screening_fingerprint")]

    def __str__(self) -> str:
        return f"{self.action}: {self.reason}"


@register_setting(icon="comment")
class WordLists(BaseGenericSetting):
    """Words and phrases that refuse a comment, or hold it for a moderator to read."""

    banned_words = models.TextField(
        _("banned words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one is refused."),
    )
    suspect_words = models.TextField(
        _("suspect words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one waits for moderation."),
    )

    class Meta:
        verbose_name = _("comment word lists")
