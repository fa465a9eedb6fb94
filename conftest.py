"""Fixtures shared by every test: the named demo newsroom."""

import pytest


@pytest.fixture
def newsroom(db):
    """The demo newsroom (home page, authors, topics, articles), as `masthead demo` loads it."""
    from masthead.core.setup import demo_load
    from masthead.newsroom.services import home_ensure

    home, _ = home_ensure(title="The Riverside Ledger")
    demo_load(home=home)
    return home


def _wagtail_roots_ensure() -> None:
    """Puts back the locale, root page and root collection that Wagtail's migrations create.

    Transactional (live-server) tests flush every table when they end, these rows included,
    so the next such test would find no root to build its newsroom on.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def live_newsroom(transactional_db, live_server):
    """The demo newsroom behind the live server (for browser tests); returns the server's URL."""
    from masthead.core.setup import demo_load
    from masthead.newsroom.services import home_ensure

    _wagtail_roots_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    demo_load(home=home)
    return live_server.url
