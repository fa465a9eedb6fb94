"""Fixtures of the newsroom tests: an empty home page, and a cache emptied for every test."""

import pytest
from django.core.cache import cache

from masthead.newsroom.services import home_ensure


@pytest.fixture(autouse=True)
def empty_cache():
    # The full-page cache and Wagtail's rendition cache live in the (process-wide) default cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    home, _ = home_ensure(title="The Riverside Ledger")
    return home
