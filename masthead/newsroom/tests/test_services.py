"""Writes of the newsroom: the home page once, tags shared, snippets edited, pages taken down."""

import pytest

from masthead.newsroom.models import HomePage
from masthead.newsroom.services import home_ensure, page_unpublish, snippet_update, tag_ensure

pytestmark = pytest.mark.django_db


def test_the_home_page_is_made_once_and_served_at_the_sites_root(client):
    first, created = home_ensure(title="The Riverside Ledger")
    again, created_again = home_ensure(title="Another name")
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and HomePage.objects.count() == 1
    assert "The Riverside Ledger" in client.get("/").content.decode()


def test_a_tag_is_shared_by_name():
    tag, created = tag_ensure(name="Budget")
    same, created_again = tag_ensure(name="Budget")
    assert (created, created_again) == (True, False) and same.pk == tag.pk


def test_renaming_an_author_keeps_the_address_of_their_page(reporter):
    renamed = snippet_update(reporter, name="Maren Okafor-Hale")
    renamed.refresh_from_db()
    assert (renamed.name, renamed.slug) == ("Maren Okafor-Hale", "maren-okafor")


def test_an_unpublished_story_is_gone_for_readers(client, discussion_article):
    url = discussion_article.url
    assert client.get(url).status_code == 200
    page_unpublish(page=discussion_article)
    assert client.get(url).status_code == 404
