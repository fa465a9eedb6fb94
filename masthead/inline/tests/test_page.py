"""What the article page carries for inline feedback: the same bytes for every reader."""

import json
import re

from django.core.cache import cache

from masthead.inline.models import Anchor

from .conftest import PARAGRAPHS, body_of, passage_fields


def _page(client, quoted_article) -> str:
    cache.clear()  # the full-page cache would otherwise serve the page from before the comment
    return client.get(quoted_article.url).content.decode()


def _config(html: str) -> dict:
    found = re.search(r'<script id="inline-data" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_the_page_carries_the_passages_and_the_inline_feedbacks_count(quoted_article, post_comment, client):
    comment = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    html = _page(client, quoted_article)
    [passage] = _config(html)["passages"]
    anchor = Anchor.objects.get(comment=comment)
    assert (passage["s"], passage["e"], passage["ids"]) == (anchor.start, anchor.end, [comment.pk])
    assert passage["label"] == "1 comment on this passage"
    assert re.search(r'Inline Feedbacks <span class="inline-feedbacks__count">1</span>', html)
    assert "protects the library hours" in html.split('id="inline-feedbacks"')[1]


def test_an_orphan_is_listed_with_this_passage_has_changed(
    quoted_article, post_comment, client, django_capture_on_commit_callbacks
):
    post_comment(quoted_article, **passage_fields(quoted_article, "falls hardest on shop owners"))
    quoted_article.body = body_of(PARAGRAPHS[:2])
    with django_capture_on_commit_callbacks(execute=True):
        quoted_article.save_revision().publish()
    html = _page(client, quoted_article)
    assert _config(html)["passages"] == []
    listed = html.split('id="inline-feedbacks"')[1]
    assert "falls hardest on shop owners" in listed and "this passage has changed" in listed


def test_the_comment_form_carries_the_passage_fields(quoted_article, client):
    html = _page(client, quoted_article)
    for name in ("inline_exact", "inline_start", "inline_end", "inline_revision", "inline_prompt"):
        assert f'name="{name}"' in html
