"""The full-page cache: opted-in pages are one copy for every reader, session or not; anything
personal is private and never kept; keys hold only the parameters a page reads; memory is bounded."""

import gzip

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from masthead.core import pagecache
from masthead.core.boundedcache import BoundedMemoryCache
from masthead.core.pagecache import PageCacheMiddleware, page_cache_clear, page_cache_public
from masthead.newsroom.tests.factories import article_make


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_the_second_anonymous_view_is_a_hit_that_costs_no_query(client, home):
    story = article_make(home=home, title="Bridge reopens")

    first = client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(story.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_a_signed_in_reader_and_a_guest_get_the_anonymous_readers_copy(client, home, staff):
    story = article_make(home=home, title="Bridge reopens")
    anonymous = client.get(story.url)

    signed_in = Client()
    signed_in.force_login(staff)
    guest = Client()
    guest.cookies["mh_guest"] = "forged:signature"
    for reader in (signed_in, guest):
        response = reader.get(story.url)
        assert response["X-Page-Cache"] == "hit"
        assert response.content == anonymous.content
    assert "editor" not in anonymous.content.decode()


def test_different_query_strings_are_different_pages(client, home):
    client.get("/search/", {"q": "bridge"})

    assert client.get("/search/", {"q": "river"})["X-Page-Cache"] == "miss"
    assert client.get("/search/", {"q": "bridge"})["X-Page-Cache"] == "hit"


def test_parameters_a_page_does_not_read_share_its_copy(client, home):
    story = article_make(home=home)
    client.get(story.url)

    for junk in ({"utm_source": "x"}, {"a": "1", "b": "2"}, {"q": "ignored-on-articles"}):
        assert client.get(story.url, junk)["X-Page-Cache"] == "hit"
    assert client.get(story.url, {"sort": "newest"})["X-Page-Cache"] == "miss"


def test_a_flood_of_addresses_stays_within_the_memory_bound_and_spares_the_counters(
    client, home, pages_cache_bounded
):
    # The embedded site's pages cache (with REDIS_URL, Redis's maxmemory bounds it instead).
    pages = pages_cache_bounded(200_000)  # a few pages' worth
    story = article_make(home=home)
    cache.set("ratelimit:someone", 3, 600)
    assert isinstance(pages, BoundedMemoryCache)

    for n in range(60):
        client.get(story.url, {"sort": "newest", "cursor": f"made-up-{n}"})

    assert 0 < pages.bytes_held <= 200_000
    assert cache.get("ratelimit:someone") == 3


def test_the_bounded_cache_forgets_the_least_recently_used_first():
    pages = BoundedMemoryCache("bounded-test", {"OPTIONS": {"MAX_BYTES": 3_000}})
    for name in ("a", "b", "c"):
        pages.set(name, b"x" * 900)
    pages.get("a")  # used again: "b" is now the oldest
    pages.set("d", b"x" * 900)

    assert pages.get("a") and pages.get("c") and pages.get("d")
    assert pages.get("b") is None
    assert pages.bytes_held <= 3_000


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


def test_making_a_page_private_clears_its_public_copy(client, home, staff):
    story = article_make(home=home, title="Embargoed story")
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(story.url).status_code == 302  # to the login page, not the kept copy
    signed_in = Client()
    signed_in.force_login(staff)
    for _ in range(2):
        response = signed_in.get(story.url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert client.get(story.url).status_code == 302


def test_page_cache_clear_retires_everything(client, home):
    client.get("/")
    page_cache_clear()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_lost_generation_counter_does_not_bring_back_older_pages(client, home):
    client.get("/")
    page_cache_clear()
    cache.clear()  # the counter is gone (evicted, flushed)
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_not_found_pages_are_not_cached(client, home):
    client.get("/no-such-story/")
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_the_address_alone_decides_the_language_so_one_copy_serves_every_browser(client, home):
    english = client.get("/search/", HTTP_ACCEPT_LANGUAGE="en")
    for_arabic_browser = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ar")

    assert for_arabic_browser["X-Page-Cache"] == "hit"
    assert for_arabic_browser.content == english.content
    assert '<html lang="en"' in english.content.decode()
    assert client.get("/ar/search/")["X-Page-Cache"] == "miss"


def _middleware_counting_views(make_response, *, opted_in=True):
    calls = []

    def view(request):
        calls.append(request)
        return make_response()

    return PageCacheMiddleware(page_cache_public()(view) if opted_in else view), calls


def test_a_view_that_did_not_opt_in_is_never_kept_and_says_private(db):
    middleware, calls = _middleware_counting_views(lambda: HttpResponse("yours"), opted_in=False)
    for _ in range(2):
        response = middleware(RequestFactory().get("/some-page/"))
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"
    assert len(calls) == 2


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
def test_views_that_say_private_are_not_cached(db, cache_control):
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


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/login/"])
def test_the_admin_is_never_cached(db, path):
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


def test_a_kept_page_is_compressed_once_per_encoding_and_served_raw_to_whoever_takes_neither(
    client, home, monkeypatch
):
    story = article_make(home=home, title="Bridge reopens")
    compressions = []
    real_compress = pagecache.body_compress

    def counting(body, *, encoding):
        compressions.append(encoding)
        return real_compress(body, encoding=encoding)

    monkeypatch.setattr(pagecache, "body_compress", counting)
    raw = client.get(story.url)
    brotli_hits = [client.get(story.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(3)]
    gzip_hits = [client.get(story.url, HTTP_ACCEPT_ENCODING="gzip") for _ in range(3)]

    assert sorted(compressions) == ["br", "gzip"]
    for packed in brotli_hits:
        assert packed["X-Page-Cache"] == "hit" and packed["Content-Encoding"] == "br"
        assert brotli.decompress(packed.content) == raw.content
        assert packed["Vary"] == "Accept-Encoding"
    for packed in gzip_hits:
        assert packed["X-Page-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == raw.content
    # gzip carries up to 100 random bytes (a BREACH mitigation): half is a safe bound on a small page.
    assert len(brotli_hits[0].content) < len(gzip_hits[0].content) < len(raw.content) / 2
    assert "Content-Encoding" not in client.get(story.url)


def test_kept_pages_keep_no_cookie_of_the_reader_who_filled_them(home, settings):
    story = article_make(home=home)
    first = Client()
    first.cookies["messages"] = "something"
    first.get(story.url)

    hit = Client().get(story.url)
    assert hit["X-Page-Cache"] == "hit" and not hit.cookies
    assert settings.SESSION_COOKIE_NAME not in hit.cookies


def _views(patterns, prefix=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def test_only_views_that_are_the_same_for_every_reader_opt_in():
    """Every view that reads a cookie, a session or a token (comment edit and delete, the reader's
    own state, form tokens, subscriptions and donations by link, the admin) stays out: opting in
    is explicit, and this list is the whole of it (Wagtail's pages opt in on their serve())."""
    from django.urls import get_resolver

    opted_in = {
        path for path, view in _views(get_resolver().url_patterns) if hasattr(view, "page_cache_policy")
    }

    assert opted_in == {
        "robots.txt",
        "sitemap.xml",
        "news-sitemap.xml",
        "feed/",
        "topics/<str:slug>/feed/",
        "search/",
        "comments/<id:page_id>/thread/",
        "comments/<id:page_id>/new/",
    }
