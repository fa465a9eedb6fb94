"""Fixtures of the comments tests: a small article (faster than the whole demo) and readers."""

import pytest

from masthead.comments.identity import Reader
from masthead.comments.services import Posting, comment_create


def tree_ensure():
    """Wagtail's root page and locale come from its migrations; a transactional test's flush
    removes them, so they are put back."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def home(db):
    from masthead.newsroom.services import home_ensure

    tree_ensure()
    return home_ensure(title="The Riverside Ledger")[0]


@pytest.fixture
def reporter(db):
    from masthead.newsroom.services import author_create

    return author_create(name="Maren Okafor", slug="maren-okafor", role="Local government reporter")


@pytest.fixture
def article(home, reporter):
    from masthead.newsroom.services import article_publish

    body = [("paragraph", "<p>The council approved its budget shortly before midnight.</p>")]
    return article_publish(
        home=home,
        title="Council passes budget",
        slug="council-budget-test",
        standfirst="A late-night vote.",
        body=body,
        authors=[reporter],
        topics=[],
    )


@pytest.fixture
def guest():
    return Reader(user=None, guest_id="guest-ruth")


@pytest.fixture
def other_guest():
    return Reader(user=None, guest_id="guest-colm")


def make_post(article, reader, body="Glad the library survived.", **fields):
    data = {"body": body, "author_name": "Ruth Penhaligon", "author_email": "ruth@example.org", **fields}
    comment, _verdict = comment_create(page=article, data=data, posting=Posting(reader=reader, network="n1"))
    return comment


@pytest.fixture
def post(article, guest):
    def _post(body="Glad the library survived.", reader=None, **fields):
        return make_post(article, reader or guest, body, **fields)

    return _post


@pytest.fixture(autouse=True)
def _approve_everything(settings):
    """Unit tests of the comments app judge its own rules; the moderation pipeline has its own
    tests. Tests that need a verdict override COMMENTS_SCREEN themselves."""
    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    settings.PAGE_CACHE_SECONDS = 0  # a test that needs the full-page cache turns it on
