"""Anchors: where an inline comment sits in its article's text (W3C Web Annotation selectors)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .anchoring import CONTEXT_CHARS, MAX_QUOTE_CHARS, Selector, State


class Anchor(models.Model):
    """A comment's passage: a TextQuoteSelector (exact, prefix, suffix) and a
    TextPositionSelector (start, end) over the canonical body text (inline/text.py) of the
    article as it was at `revision`. Re-anchoring on publish moves these to the new revision."""

    class States(models.TextChoices):
        ANCHORED = State.ANCHORED.value, _("anchored")
        MOVED = State.MOVED.value, _("moved")
        ORPHAN = State.ORPHAN.value, _("orphan")

    comment = models.OneToOneField("comments.Comment", on_delete=models.CASCADE, related_name="anchor")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="inline_anchors")
    exact = models.TextField(max_length=MAX_QUOTE_CHARS)
    prefix = models.CharField(max_length=CONTEXT_CHARS, blank=True)
    suffix = models.CharField(max_length=CONTEXT_CHARS, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The published revision whose text the selectors index into (None: a page never revised).
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=States.choices, default=States.ANCHORED)
    # The question of the editor-placed prompt the comment answers ("" for a reader's selection).
    prompt = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["page", "state", "start"], name="anchor_by_page")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="anchor_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exact[:40]} ({self.state})"

    @property
    def selector(self) -> Selector:
        return Selector(
            exact=self.exact, prefix=self.prefix, suffix=self.suffix, start=self.start, end=self.end
        )

    @property
    def is_orphan(self) -> bool:
        return self.state == State.ORPHAN
