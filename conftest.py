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


@pytest.fixture
def live_newsroom(django_db_serialized_rollback, transactional_db, live_server):
    """The demo newsroom behind the live server (for browser tests); returns the server's URL."""
    # Transactional tests flush every table afterwards, Wagtail's root page and collection too;
    # serialized rollback restores what the migrations created, so the next test finds them.
    from masthead.core.setup import demo_load
    from masthead.newsroom.services import home_ensure

    home, _ = home_ensure(title="The Riverside Ledger")
    demo_load(home=home)
    return live_server.url
