"""The article page costs a fixed number of queries, whatever it shows: related stories, topics,
bylines and pictures do not add a query each."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.newsroom.selectors import RELATED_LIMIT

from .factories import article_make, author_make, figure, image_make, paragraph, topic_make

# Everything an article page asks of the database, comments and campaign bar included; a change
# that needs more should say why here. Translatable topics and authors added two (the bylines'
# authors come in a query of their own, for the story and for the related stories, each with the
# name and slug of its translation); working the editions out once per request took two away.
# Main counted 33 (32, and one for the article's tags); one more asks whether any page is
# restricted (a restricted page is never kept by a cache); it is kept per content generation,
# so only a cold cache, as here, pays it.
ARTICLE_PAGE_BUDGET = 34


def _small_image():
    return image_make(width=320, height=200)


def _story_with(home, n: int):
    """A story with n topics, n bylines, n body pictures, and n stories sharing its topics."""
    topics = [topic_make() for _ in range(n)]
    authors = [author_make() for _ in range(n)]
    body = []
    for i in range(n):
        body += [paragraph(f"Paragraph {i} of the story."), figure(_small_image())]
    for _ in range(n):  # related stories, each with its own picture, bylines and topics
        article_make(home=home, topics=topics[:2], authors=authors[:2], lead_image=_small_image())
    return article_make(home=home, topics=topics, authors=authors, body=body, lead_image=_small_image())


def _queries_of_page(client, url) -> list[str]:
    assert client.get(url).status_code == 200  # the first view makes the renditions (writes)
    for each in ("default", "pages"):  # neither the page, its fragments nor the renditions come
        caches[each].clear()  # from a cache: count the database
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_article_page_queries_do_not_grow_with_its_content(client, home):
    small = _story_with(home, RELATED_LIMIT)
    large = _story_with(home, 2 * RELATED_LIMIT)

    small_queries = _queries_of_page(client, small.url)
    large_queries = _queries_of_page(client, large.url)

    assert len(large_queries) == len(small_queries), "\n".join(large_queries)
    assert len(large_queries) <= ARTICLE_PAGE_BUDGET, "\n".join(large_queries)
    writes = [q for q in large_queries if q.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert writes == []


def test_topping_up_by_text_similarity_costs_a_fixed_few_queries(client, home):
    # Too few stories share the topics, so the related list is topped up from the search index.
    few = _story_with(home, 1)
    more = _story_with(home, RELATED_LIMIT - 1)

    few_queries = _queries_of_page(client, few.url)
    more_queries = _queries_of_page(client, more.url)

    assert len(few_queries) == len(more_queries), "\n".join(more_queries)
    assert len(more_queries) <= ARTICLE_PAGE_BUDGET + 6, "\n".join(more_queries)


@pytest.mark.parametrize("url", ["/", "/feed/", "/search/?q=story"])
def test_lists_cost_the_same_for_few_and_many_stories(client, home, url):
    topic, author = topic_make(), author_make()

    def add_stories(n):
        for _ in range(n):
            article_make(
                home=home,
                title="Story",
                topics=[topic],
                authors=[author],
                lead_image=image_make(width=320, height=200, can_distribute=True),
            )

    add_stories(2)
    few = _queries_of_page(client, url)
    add_stories(8)
    many = _queries_of_page(client, url)

    assert len(many) == len(few), "\n".join(many)
