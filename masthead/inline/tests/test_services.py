"""Writes of inline feedback (services.py): a comment's passage stored, the discussion's count of
inline comments kept right, and anchors moved when the article's text changes."""

from masthead.comments.models import Discussion, Status
from masthead.inline.anchoring import selector_at
from masthead.inline.models import Anchor
from masthead.inline.selectors import article_text
from masthead.inline.services import anchor_create, anchors_reanchor, inline_count_refresh

from .conftest import PARAGRAPHS, body_of, passage_fields


def _selector(page, quote: str):
    text = article_text(page=page).text
    start = text.index(quote)
    return selector_at(text=text, start=start, end=start + len(quote))


def _inline_count(page) -> int:
    return Discussion.objects.get(page_id=page.pk).inline_count


def test_a_comments_passage_is_stored_and_counted_once_the_comment_is_approved(quoted_article, post_comment):
    comment = post_comment(quoted_article)  # a plain comment, on no passage yet
    anchor = anchor_create(
        comment=comment,
        page=quoted_article,
        selector=_selector(quoted_article, "protects the library hours"),
        revision_id=quoted_article.live_revision_id,
        prompt="Which hours?",
    )
    text = article_text(page=quoted_article).text
    assert text[anchor.start : anchor.end] == anchor.exact == "protects the library hours"
    assert (anchor.state, anchor.prompt, anchor.revision_id) == (
        "anchored",
        "Which hours?",
        quoted_article.live_revision_id,
    )
    assert _inline_count(quoted_article) == 1


def test_a_held_comments_passage_is_stored_but_not_counted(quoted_article, post_comment):
    held = post_comment(quoted_article)
    held.status = Status.PENDING  # as a moderation pipeline that holds it would have stored it
    held.save(update_fields=["status"])
    anchor_create(
        comment=held,
        page=quoted_article,
        selector=_selector(quoted_article, "protects the library hours"),
        revision_id=quoted_article.live_revision_id,
    )
    assert Anchor.objects.filter(comment=held).exists()
    assert not Discussion.objects.filter(page_id=quoted_article.pk, inline_count__gt=0).exists()


def test_the_inline_count_is_recounted_from_approved_comments_whatever_happened_before(
    quoted_article, post_comment
):
    kept = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    hidden = post_comment(quoted_article, **passage_fields(quoted_article, "falls hardest on shop owners"))
    type(hidden).objects.filter(pk=hidden.pk).update(status=Status.REMOVED)  # as moderation does
    Discussion.objects.filter(page_id=quoted_article.pk).update(inline_count=7)  # drifted
    assert inline_count_refresh(page_id=quoted_article.pk) == 1
    assert inline_count_refresh(page_id=quoted_article.pk) == 1  # safe to repeat
    assert _inline_count(quoted_article) == 1 and kept.status == Status.APPROVED


def test_a_page_without_a_discussion_gets_one_with_its_count(quoted_article):
    Discussion.objects.filter(page_id=quoted_article.pk).delete()
    assert inline_count_refresh(page_id=quoted_article.pk) == 0
    assert _inline_count(quoted_article) == 0


def test_reanchoring_moves_found_passages_orphans_lost_ones_and_leaves_resolved_ones(
    quoted_article, post_comment
):
    shifted = post_comment(quoted_article, **passage_fields(quoted_article, "falls hardest on shop owners"))
    lost = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    quoted_article.body = body_of(["The mayor abstained.", PARAGRAPHS[0], PARAGRAPHS[2]])
    revision = quoted_article.save_revision()  # saved, not published: no task runs

    assert anchors_reanchor(page=quoted_article, revision=revision) == {"moved": 1, "orphan": 1}
    moved = Anchor.objects.get(comment=shifted)
    text = article_text(page=quoted_article, revision=revision).text
    assert (moved.revision_id, text[moved.start : moved.end]) == (revision.pk, "falls hardest on shop owners")
    orphan = Anchor.objects.get(comment=lost)
    assert (orphan.state, orphan.exact) == ("orphan", "protects the library hours")  # its last text kept

    again = anchors_reanchor(page=quoted_article, revision=revision)
    assert again == {"orphan": 1}  # the moved anchor is left alone; the orphan is looked for again
    assert Anchor.objects.get(comment=shifted).updated_at == moved.updated_at
