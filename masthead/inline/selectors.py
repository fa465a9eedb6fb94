"""Reads of inline feedback: an article's text at a revision, its passages, its feedback list."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet
from django.template.loader import render_to_string
from wagtail.models import Page, PageLogEntry, Revision

from masthead.comments.models import Status

from .models import Anchor
from .text import body_prompts, body_text

_TEXT_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ArticleText:
    text: str
    prompts: list[str]


def article_text(*, page: Page, revision: Revision | None = None) -> ArticleText:
    """The canonical text (and prompts) of `page`'s body as published at `revision` (default:
    the live version). Rendered with the article template's own block loop and cached per
    revision, since a revision never changes."""
    specific = page.specific
    revision_id = revision.pk if revision else specific.live_revision_id
    stamp = revision.created_at if revision else specific.last_published_at
    key = f"inline:text:{page.pk}:{revision_id}:{stamp.timestamp() if stamp else 0}"
    if revision_id is not None and (hit := cache.get(key)) is not None:
        return ArticleText(*hit)
    source = revision.as_object() if revision else specific
    html = render_to_string("inline/body_source.html", {"page": source})
    found = ArticleText(body_text(html), body_prompts(html))
    if revision_id is not None:
        cache.set(key, (found.text, found.prompts), _TEXT_CACHE_SECONDS)
    return found


def revision_was_published(*, page: Page, revision_id: int) -> Revision | None:
    """The revision if it is one of this page's published versions (a draft's text must not be
    probed by readers), else None."""
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page.pk)).first()
    if revision is None:
        return None
    if (
        revision_id == page.live_revision_id
        or PageLogEntry.objects.filter(
            page_id=page.pk, revision_id=revision_id, action="wagtail.publish"
        ).exists()
    ):
        return revision
    return None


def _visible(page: Page) -> QuerySet[Anchor]:
    return Anchor.objects.filter(page_id=page.pk, comment__status=Status.APPROVED).select_related(
        "comment", "revision"
    )


@dataclass(frozen=True)
class Passage:
    """A highlighted passage: its place in the live text and the comments on it."""

    start: int
    end: int
    comment_ids: list[int]
    prompt: str


def page_passages(*, page: Page) -> list[Passage]:
    """Passages of the live text with approved comments, from the stored positions (a page view
    never re-anchors; anchors not yet moved to the live revision wait for the task)."""
    anchors = (
        _visible(page)
        .exclude(state=Anchor.States.ORPHAN)
        .filter(revision_id=page.specific.live_revision_id)
        .order_by("start", "end", "comment_id")
        .values_list("start", "end", "comment_id", "prompt")
    )
    passages: dict[tuple[int, int], Passage] = {}
    for start, end, comment_id, prompt in anchors:
        passage = passages.setdefault((start, end), Passage(start, end, [], prompt))
        passage.comment_ids.append(comment_id)
    return list(passages.values())


def inline_feedback_list(*, page: Page, limit: int = 200) -> list[Anchor]:
    """Approved inline comments in reading order, orphans last (their passage has changed)."""
    anchors = _visible(page).order_by("state", "start", "comment_id")
    return sorted(anchors[:limit], key=lambda a: (a.is_orphan, a.start, a.comment_id))
