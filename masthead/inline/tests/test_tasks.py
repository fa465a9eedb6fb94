"""Republishing an article re-anchors its inline comments in the background."""

from masthead.inline.models import Anchor
from masthead.inline.selectors import article_text, inline_feedback_list, page_passages

from .conftest import PARAGRAPHS, body_of, passage_fields


def _republish(quoted_article, paragraphs, capture):
    quoted_article.body = body_of(paragraphs)
    with capture(execute=True):
        quoted_article.save_revision().publish()
    quoted_article.refresh_from_db()


def test_republishing_moves_anchors_to_the_new_text(
    quoted_article, post_comment, django_capture_on_commit_callbacks
):
    shifted = post_comment(quoted_article, **passage_fields(quoted_article, "falls hardest on shop owners"))
    typo = post_comment(
        quoted_article, **passage_fields(quoted_article, "adopt a budget of 48.2 million dollars")
    )
    edited = [PARAGRAPHS[0].replace("48.2 million", "48.3 million"), "The mayor abstained.", *PARAGRAPHS[1:]]
    _republish(quoted_article, edited, django_capture_on_commit_callbacks)

    text = article_text(page=quoted_article).text
    moved = Anchor.objects.get(comment=shifted)
    assert moved.revision_id == quoted_article.live_revision_id and moved.state == "moved"
    assert text[moved.start : moved.end] == "falls hardest on shop owners"
    fixed = Anchor.objects.get(comment=typo)
    assert fixed.exact == "adopt a budget of 48.3 million dollars" and fixed.state == "moved"


def test_a_deleted_passage_becomes_an_orphan_listed_last(
    quoted_article, post_comment, django_capture_on_commit_callbacks
):
    kept = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    gone = post_comment(quoted_article, **passage_fields(quoted_article, "falls hardest on shop owners"))
    _republish(quoted_article, PARAGRAPHS[:2], django_capture_on_commit_callbacks)

    assert Anchor.objects.get(comment=gone).state == "orphan"
    listed = inline_feedback_list(page=quoted_article)
    assert [a.comment_id for a in listed] == [kept.pk, gone.pk]
    assert [(p.start, p.comment_ids) for p in page_passages(page=quoted_article)] == [
        (Anchor.objects.get(comment=kept).start, [kept.pk])
    ]


def test_passages_group_the_comments_on_the_same_words(quoted_article, post_comment):
    first = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    second = post_comment(
        quoted_article, body="I agree.", **passage_fields(quoted_article, "protects the library hours")
    )
    [passage] = page_passages(page=quoted_article)
    assert passage.comment_ids == [first.pk, second.pk]


def test_a_late_task_for_an_older_publish_still_lands_on_the_live_text(quoted_article, post_comment):
    from masthead.inline.tasks import page_reanchor

    comment = post_comment(quoted_article, **passage_fields(quoted_article, "falls hardest on shop owners"))
    first = quoted_article.live_revision_id
    quoted_article.body = body_of(["A new opening paragraph.", *PARAGRAPHS])
    quoted_article.save_revision().publish()  # (no on_commit capture: the tasks run below, out of order)
    quoted_article.refresh_from_db()
    page_reanchor.call(page_id=quoted_article.pk, revision_id=first)
    anchor = Anchor.objects.get(comment=comment)
    assert anchor.revision_id == quoted_article.live_revision_id
    text = article_text(page=quoted_article).text
    assert text[anchor.start : anchor.end] == "falls hardest on shop owners"
