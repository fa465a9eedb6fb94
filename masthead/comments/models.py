"""Threads of reader comments under any Wagtail page, their votes and per-page counts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    APPROVED = "approved", _("approved")
    SPAM = "spam", _("spam")
    REMOVED = "removed", _("removed")


class Role(models.TextChoices):
    """The label shown beside the author's name, fixed when the comment is written."""

    GUEST = "guest", _("guest")
    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff")
    AUTHOR = "author", _("Author")


class Comment(models.Model):
    """One comment. Thread position is denormalised (root, depth, path) so that a page of a
    thread is two queries whatever its size (docs/architecture.md, "Threads that stay fast")."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments_thread")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top-level comment of the thread this one belongs to (itself for a top-level comment).
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="descendants"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    # Fixed-width base-36 segments, one per level, so that ORDER BY path walks a root's replies
    # depth-first in the order they were written.
    path = models.CharField(max_length=255, default="")
    reply_seq = models.PositiveIntegerField(default=0, help_text="last segment given to a reply")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("email"), blank=True)
    author_url = models.URLField(_("website"), blank=True, max_length=300)
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.GUEST)
    # Kept so that replies shown flat below the deepest indent can say "in reply to <name>"
    # without loading the parent.
    parent_author_name = models.CharField(max_length=80, blank=True)

    body = models.TextField(_("comment"))  # as written (Markdown subset)
    body_html = models.TextField(editable=False)  # rendered once, sanitised by nh3 last
    renderer_version = models.PositiveSmallIntegerField(default=1)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    moderation_reason = models.CharField(max_length=200, blank=True)
    is_pinned = models.BooleanField(default=False)

    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    network_hash = models.CharField(max_length=64, blank=True)  # keyed hash, never the raw IP
    # Guests prove authorship for editing with a signed token whose secret part is stored hashed.
    edit_key_hash = models.CharField(max_length=64, blank=True, db_index=True)

    up = models.PositiveIntegerField(default=0)
    down = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0, help_text="approved replies (on roots)")

    class Meta:
        indexes = [
            models.Index(fields=["page", "status", "depth", "created_at", "id"], name="comment_oldest"),
            models.Index(fields=["page", "status", "depth", "score", "id"], name="comment_voted"),
            models.Index(fields=["root", "status", "path"], name="comment_replies"),
            models.Index(fields=["author_email", "status"], name="comment_by_email"),
            # The admin's home: the queue's oldest, the week's comments, the last day's (at 100,000
            # comments on SQLite, 60 ms and 100 ms without these, 1 and 2 ms with them).
            models.Index(fields=["status", "created_at"], name="comment_status_time"),
            models.Index(fields=["created_at"], name="comment_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score=models.F("up") - models.F("down")), name="comment_score_is_up_minus_down"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"


class Vote(models.Model):
    """One reader's vote on one comment; the unique pair makes a second vote impossible."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)  # "u:<user id>" or "g:<random guest id>"
    value = models.SmallIntegerField(choices=[(1, "up"), (-1, "down")])
    network_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "voter"], name="one_vote_per_voter"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_is_plus_or_minus_one"),
        ]


class Discussion(models.Model):
    """Per-page state of the discussion: counts kept in step with every change, and closing."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="discussion"
    )
    approved_count = models.PositiveIntegerField(default=0)
    inline_count = models.PositiveIntegerField(default=0)
    is_closed = models.BooleanField(default=False)
    # The newest approved comment, so that the "N new comments" notice can load what came after.
    last_comment_id = models.BigIntegerField(default=0)
    last_changed_at = models.DateTimeField(null=True, blank=True)
