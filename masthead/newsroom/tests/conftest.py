"""Fixtures of the newsroom tests: an empty home page, and a cache emptied for every test."""

import pytest

from masthead.newsroom.services import home_ensure


@pytest.fixture
def home(db):
    home, _ = home_ensure(title="The Riverside Ledger")
    return home
