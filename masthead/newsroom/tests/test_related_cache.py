""" "More on the topic" is kept as HTML between readers until content changes, per language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.newsroom import services

from .factories import arabic_locale, article_make, topic_make, translation_make


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # readers with a session: the page itself is rendered each time


def _related(html: str) -> str:
    found = re.search(r'<section class="related".*?</section>', html, re.S)
    return found.group(0) if found else ""


def _first_related(html: str) -> str:
    return re.search(r'class="teaser__title"><a [^>]*>([^<]+)</a>', _related(html)).group(1)


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_second_reader_gets_the_same_section_for_fewer_queries(client, home):
    river = topic_make(name="River")
    article_make(home=home, title="Older river story", topics=[river])
    story = article_make(home=home, title="Flood wall rises", topics=[river])

    first, first_queries = _get(client, story.url)
    second, second_queries = _get(client, story.url)

    assert "Older river story" in _related(first)
    assert _related(second) == _related(first)
    assert second_queries <= first_queries - 4  # the related stories, bylines, topics, renditions


def test_a_newly_published_story_shows_up_at_once(client, home):
    river = topic_make(name="River")
    story = article_make(home=home, title="Flood wall rises", topics=[river])
    assert _related(_get(client, story.url)[0]) == ""

    article_make(home=home, title="Ferry returns to the river", topics=[river])

    assert "Ferry returns to the river" in _related(_get(client, story.url)[0])


def test_each_language_keeps_its_own_section(client, home):
    """An untranslated story served under /ar/ is one page in two languages."""
    river = topic_make(name="River")
    services.snippet_translate(river, locale=arabic_locale(), name="النهر")
    article_make(home=home, title="Older river story", topics=[river])
    story = article_make(home=home, title="Flood wall rises", topics=[river])
    translation_make(home, title="الصفحة الأولى")

    english = _related(_get(client, story.url)[0])
    arabic = _related(_get(client, f"/ar/{story.slug}/")[0])

    assert ">River</a>" in english and "النهر" not in english
    assert ">النهر</a>" in arabic and ">River</a>" not in arabic


def test_a_preview_shows_the_drafts_own_related_stories(client, home):
    river, parks = topic_make(name="River"), topic_make(name="Parks")
    article_make(home=home, title="Older river story", topics=[river])
    article_make(home=home, title="New benches in the park", topics=[parks])
    story = article_make(home=home, title="Flood wall rises", topics=[river])
    assert _first_related(_get(client, story.url)[0]) == "Older river story"  # now kept

    draft = story.get_latest_revision_as_object()
    draft.topics = [parks]
    response = draft.make_preview_request()

    # Stories sharing a topic come first; the rest of the list is topped up by similar words.
    assert _first_related(response.render().content.decode()) == "New benches in the park"
    assert _first_related(_get(client, story.url)[0]) == "Older river story"  # readers: the live page
