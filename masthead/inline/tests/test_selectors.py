"""Reads of inline feedback: an article's canonical text, and which revisions were published."""

import pytest

from masthead.inline.selectors import article_text, revision_was_published

from .conftest import PARAGRAPHS

pytestmark = pytest.mark.django_db


def test_the_text_is_the_paragraphs_as_a_reader_sees_them(quoted_article):
    text = article_text(page=quoted_article).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "<p>" not in text


def test_a_draft_revision_is_not_a_published_one(quoted_article):
    published = quoted_article.live_revision
    assert revision_was_published(page=quoted_article, revision_id=published.pk) == published
    quoted_article.body = [("paragraph", "<p>An unpublished draft.</p>")]
    draft = quoted_article.save_revision()
    assert revision_was_published(page=quoted_article, revision_id=draft.pk) is None
