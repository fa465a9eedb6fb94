"""Fixtures of the comments tests: posting to the named demo article (the root conftest's
`discussion_article`) as one of its named readers."""

import pytest

from masthead.comments.services import Posting, comment_create


def tree_ensure():
    """Wagtail's root page and locale come from its migrations; a transactional test's flush
    removes them, so they are put back."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def make_post(page, reader, body="Glad the library survived.", **fields):
    data = {"body": body, "author_name": "Ruth Penhaligon", "author_email": "ruth@example.org", **fields}
    comment, _verdict = comment_create(page=page, data=data, posting=Posting(reader=reader, network="n1"))
    return comment


@pytest.fixture
def post(discussion_article, guest_commenter):
    def _post(body="Glad the library survived.", reader=None, **fields):
        return make_post(discussion_article, reader or guest_commenter, body, **fields)

    return _post


@pytest.fixture(autouse=True)
def _approve_everything(settings):
    """Unit tests of the comments app judge its own rules; the moderation pipeline has its own
    tests. Tests that need a verdict override COMMENTS_SCREEN themselves."""
    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    settings.PAGE_CACHE_SECONDS = 0  # a test that needs the full-page cache turns it on
