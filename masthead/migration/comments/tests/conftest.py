import pytest

from .fixtures import articles_publish


@pytest.fixture
def articles(db):
    return articles_publish()
