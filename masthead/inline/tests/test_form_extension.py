"""A comment on a passage: stored with its selectors, or refused whole with a clear message."""

import pytest

from masthead.comments.models import Comment, Discussion
from masthead.core.refusal import Refusal
from masthead.inline.models import Anchor

from .conftest import passage_fields


def test_a_comment_on_a_passage_stores_its_selectors_and_counts(quoted_article, post_comment):
    comment = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    anchor = Anchor.objects.get(comment=comment)
    assert anchor.exact == "protects the library hours"
    assert anchor.prefix == "llor Amara Okafor said the plan "
    assert anchor.suffix == " that residents fought to keep. "
    assert anchor.revision_id == quoted_article.live_revision_id and anchor.state == "anchored"
    assert Discussion.objects.get(page_id=quoted_article.pk).inline_count == 1


def test_a_plain_comment_has_no_anchor(quoted_article, post_comment):
    comment = post_comment(quoted_article)
    assert not Anchor.objects.filter(comment=comment).exists()


def _refused(quoted_article, post_comment, **fields) -> Refusal:
    with pytest.raises(Refusal) as caught:
        post_comment(
            quoted_article, **{**passage_fields(quoted_article, "protects the library hours"), **fields}
        )
    assert not Comment.objects.exists() and not Anchor.objects.exists()
    return caught.value


def test_positions_outside_the_text_are_refused(quoted_article, post_comment):
    refusal = _refused(quoted_article, post_comment, inline_start="100000", inline_end="100026")
    assert refusal.status_code == 400 and "outside the article" in refusal.message


def test_a_quote_that_does_not_match_the_text_is_refused(quoted_article, post_comment):
    refusal = _refused(quoted_article, post_comment, inline_exact="protects the museum hours")
    assert refusal.status_code == 400 and "does not match" in refusal.message


def test_a_forged_revision_is_refused(quoted_article, post_comment):
    refusal = _refused(quoted_article, post_comment, inline_revision="999999")
    assert refusal.status_code == 400 and "version of this article" in refusal.message


def test_a_draft_revision_cannot_be_quoted(quoted_article, post_comment):
    quoted_article.body = [{"type": "paragraph", "value": "<p>Secret draft: protects the library hours.</p>"}]
    draft = quoted_article.save_revision()
    refusal = _refused(
        quoted_article, post_comment, inline_revision=str(draft.pk), inline_start="14", inline_end="40"
    )
    assert "version of this article" in refusal.message


def test_a_passage_longer_than_the_limit_is_refused(quoted_article, post_comment):
    refusal = _refused(quoted_article, post_comment, inline_exact="x" * 1001, inline_end="1001")
    assert refusal.status_code == 413 and "1,000 characters" in refusal.message


def test_a_passage_quoted_from_a_page_cached_before_a_republish_lands_in_the_new_text(
    quoted_article, post_comment
):
    old = passage_fields(quoted_article, "falls hardest on shop owners")
    quoted_article.body = [
        {"type": "paragraph", "value": "<p>A new first paragraph.</p>"},
        *quoted_article.body.raw_data,
    ]
    quoted_article.save_revision().publish()
    quoted_article.refresh_from_db()
    comment = post_comment(quoted_article, **old)
    anchor = Anchor.objects.get(comment=comment)
    quoted_article.refresh_from_db()
    assert anchor.revision_id == quoted_article.live_revision_id and anchor.state == "moved"
    assert anchor.start == int(old["inline_start"]) + len("A new first paragraph. ")


def _api_post(client, quoted_article, **fields):
    payload = {
        "body": "Which hours exactly?",
        "author_name": "Dana Reyes",
        "author_email": "dana@example.org",
        **fields,
    }
    return client.post(
        f"/api/comments/pages/{quoted_article.pk}/comments", payload, content_type="application/json"
    )


def test_the_json_api_takes_the_same_passage_fields(quoted_article, client):
    fields = passage_fields(quoted_article, "protects the library hours")
    response = _api_post(
        client,
        quoted_article,
        **{**fields, "inline_start": int(fields["inline_start"]), "inline_end": int(fields["inline_end"])},
    )
    assert response.status_code == 201, response.content
    assert Anchor.objects.get(comment_id=response.json()["id"]).exact == "protects the library hours"


def test_the_json_api_refuses_a_bad_passage_with_its_message(quoted_article, client):
    fields = passage_fields(quoted_article, "protects the library hours")
    response = _api_post(client, quoted_article, **{**fields, "inline_exact": "forged words"})
    assert response.status_code == 400
    assert "does not match" in response.json()["error"]
    assert not Comment.objects.exists()
