"""The full-page cache: anonymous readers share one copy; sessions, cookies and posts skip it."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from masthead.core.pagecache import PageCacheMiddleware, page_cache_clear
from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import article_make


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return home_ensure(title="The Riverside Ledger")[0]


def test_the_second_anonymous_view_is_a_hit_that_costs_no_query(client, home):
    story = article_make(home=home, title="Bridge reopens")

    first = client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(story.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_different_query_strings_are_different_pages(client, home):
    client.get("/search/", {"q": "bridge"})

    assert client.get("/search/", {"q": "river"})["X-Page-Cache"] == "miss"
    assert client.get("/search/", {"q": "bridge"})["X-Page-Cache"] == "hit"


def test_a_reader_with_a_session_bypasses_the_cache(client, home):
    story = article_make(home=home)
    client.get(story.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"

    response = client.get(story.url)

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_publishing_retires_the_cached_pages(client, home):
    article_make(home=home, title="First story")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"

    article_make(home=home, title="Second story")
    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert "Second story" in response.content.decode()


def test_unpublishing_retires_the_cached_pages(client, home):
    story = article_make(home=home, title="Withdrawn story")
    client.get("/")
    client.get(story.url)

    story.unpublish()

    assert "Withdrawn story" not in client.get("/").content.decode()
    assert client.get(story.url).status_code == 404


def test_page_cache_clear_retires_everything(client, home):
    client.get("/")
    page_cache_clear()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_not_found_pages_are_not_cached(client, home):
    client.get("/no-such-story/")
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_the_address_alone_decides_the_language_so_one_copy_serves_every_browser(client, home):
    english = client.get("/search/", HTTP_ACCEPT_LANGUAGE="en")
    for_arabic_browser = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ar")

    assert for_arabic_browser["X-Page-Cache"] == "hit"
    assert for_arabic_browser.content == english.content
    assert '<html lang="en"' in english.content.decode()
    assert client.get("/ar/search/")["X-Page-Cache"] == "miss"


def _middleware_counting_views(make_response):
    calls = []

    def view(request):
        calls.append(request)
        return make_response()

    return PageCacheMiddleware(view), calls


def test_responses_that_set_a_cookie_are_not_cached(db):
    def with_cookie():
        response = HttpResponse("hello")
        response.set_cookie("voter", "abc")
        return response

    middleware, calls = _middleware_counting_views(with_cookie)
    for _ in range(2):
        response = middleware(RequestFactory().get("/some-page/"))
        assert "X-Page-Cache" not in response
    assert len(calls) == 2


@pytest.mark.parametrize("cache_control", ["private", "no-store", "private, max-age=0"])
def test_private_responses_are_not_cached(db, cache_control):
    def private():
        response = HttpResponse("mine")
        response["Cache-Control"] = cache_control
        return response

    middleware, calls = _middleware_counting_views(private)
    middleware(RequestFactory().get("/some-page/"))
    middleware(RequestFactory().get("/some-page/"))
    assert len(calls) == 2


def test_posts_are_never_cached_nor_answered_from_the_cache(db):
    middleware, calls = _middleware_counting_views(lambda: HttpResponse("page"))
    assert middleware(RequestFactory().get("/some-page/"))["X-Page-Cache"] == "miss"

    for _ in range(2):
        response = middleware(RequestFactory().post("/some-page/", {"a": "b"}))
        assert "X-Page-Cache" not in response
    assert len(calls) == 3


@pytest.mark.parametrize("path", ["/admin/", "/api/comments/", "/django-admin/login/"])
def test_admin_and_api_are_never_cached(db, path):
    middleware, calls = _middleware_counting_views(lambda: HttpResponse("private"))
    middleware(RequestFactory().get(path))
    assert "X-Page-Cache" not in middleware(RequestFactory().get(path))
    assert len(calls) == 2


def test_a_zero_lifetime_turns_the_cache_off(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    middleware, calls = _middleware_counting_views(lambda: HttpResponse("page"))
    middleware(RequestFactory().get("/some-page/"))
    middleware(RequestFactory().get("/some-page/"))
    assert len(calls) == 2
