"""Writes of inline feedback: anchoring a new comment, keeping counts, re-anchoring on publish."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page, Revision

from masthead.comments.models import Comment, Discussion, Status

from .anchoring import Selector, anchor_resolve
from .models import Anchor
from .selectors import article_text


def anchor_create(
    *,
    comment: Comment,
    page: Page,
    selector: Selector,
    revision_id: int | None,
    prompt: str = "",
    state: str = Anchor.States.ANCHORED,
) -> Anchor:
    """Stores a comment's passage; call inside the transaction that creates the comment."""
    anchor = Anchor.objects.create(
        comment=comment,
        page_id=page.pk,
        exact=selector.exact,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
        revision_id=revision_id,
        state=state,
        prompt=prompt,
    )
    if comment.status == Status.APPROVED:
        inline_count_refresh(page_id=page.pk)
    return anchor


def inline_count_refresh(*, page_id: int) -> int:
    """Sets the discussion's inline count from the anchors of approved comments. Recounting
    (on a write, never on a page view) rather than adding one makes it right whatever order
    creation and approval come in, and safe to repeat."""
    count = Anchor.objects.filter(page_id=page_id).aggregate(
        n=Count("pk", filter=Q(comment__status=Status.APPROVED))
    )["n"]
    count = int(count)
    if not Discussion.objects.filter(page_id=page_id).update(inline_count=count):
        try:
            with transaction.atomic():
                Discussion.objects.create(page_id=page_id, inline_count=count, last_changed_at=timezone.now())
        except IntegrityError:  # created meanwhile by a concurrent writer
            Discussion.objects.filter(page_id=page_id).update(inline_count=count)
    return count


def anchors_reanchor(*, page: Page, revision: Revision | None = None) -> dict[str, int]:
    """Resolves the anchors of `page` against its text at `revision` (default: live) and moves
    their selectors there; an anchor that cannot be found becomes an orphan, keeping the
    selectors of the last text it was found in. Idempotent: anchors already resolved at that
    revision are left alone. Returns how many ended in each state."""
    target = article_text(page=page, revision=revision).text
    revision_id = revision.pk if revision else page.specific.live_revision_id
    anchors = list(
        Anchor.objects.filter(page_id=page.pk).exclude(
            revision_id=revision_id, state__in=[Anchor.States.ANCHORED, Anchor.States.MOVED]
        )
    )
    tally: dict[str, int] = {}
    now = timezone.now()
    for anchor in anchors:
        _anchor_move(anchor=anchor, text=target, revision_id=revision_id)
        anchor.updated_at = now
        tally[anchor.state] = tally.get(anchor.state, 0) + 1
    Anchor.objects.bulk_update(anchors, _MOVED_FIELDS, batch_size=200)
    # Comments hidden by moderation send no signal; a republish is a chance to set the count right.
    inline_count_refresh(page_id=page.pk)
    return tally


_MOVED_FIELDS = ["exact", "prefix", "suffix", "start", "end", "revision", "state", "updated_at"]


def _anchor_move(*, anchor: Anchor, text: str, revision_id: int | None) -> None:
    resolution = anchor_resolve(text=text, selector=anchor.selector)
    if resolution.selector is None:
        anchor.state = Anchor.States.ORPHAN
        return
    s = resolution.selector
    anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end = (
        s.exact,
        s.prefix,
        s.suffix,
        s.start,
        s.end,
    )
    anchor.revision_id, anchor.state = revision_id, resolution.state.value
