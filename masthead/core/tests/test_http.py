"""HTTP done right, as a client or a validator sees it: validators and 304, compression, HEAD,
what caches may keep, the security headers, and hostile headers that must never give a 500."""

import gzip

import brotli
import pytest
from django.test import Client

from masthead.comments.identity import GUEST_COOKIE, Reader
from masthead.comments.models import Comment
from masthead.comments.services import Posting, comment_create
from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import article_make


@pytest.fixture(params=[300, 0], ids=["page-cache-on", "page-cache-off"])
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = request.param
    return request.param


@pytest.fixture
def story(db):
    home = home_ensure(title="The Riverside Ledger")[0]
    return article_make(home=home, title="Bridge reopens")


@pytest.mark.parametrize("path", ["article", "/", "/feed/", "/sitemap.xml", "/news-sitemap.xml", "/search/"])
def test_a_conditional_get_with_the_etag_is_answered_304(client, story, page_cache, path):
    url = story.url if path == "article" else path
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("path", ["/feed/", "/sitemap.xml"])
def test_feeds_and_sitemaps_answer_304_to_if_modified_since(client, story, page_cache, path):
    first = client.get(path)
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_a_change_gives_a_new_etag(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    before = client.get("/")["ETag"]
    article_make(home=story.get_parent().specific, title="Second story")
    assert client.get("/", HTTP_IF_NONE_MATCH=before).status_code == 200


@pytest.mark.parametrize("garbage", ['"', "*, W/", "W/" * 2000, "\x00\x01", '"a", "b", W/"c"'])
def test_if_none_match_garbage_gets_the_page(client, story, page_cache, garbage):
    response = client.get(story.url, HTTP_IF_NONE_MATCH=garbage)
    assert response.status_code in (200, 304)
    assert response.status_code == 200 or garbage.startswith("*")


_DECOMPRESS = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip", "gzip"), ("gzip, deflate, br, zstd", "br"), ("br;q=0, gzip", "gzip"), ("br", "br")],
)
@pytest.mark.parametrize(
    "path", ["article", "/", "/feed/", "/sitemap.xml", "/news-sitemap.xml", "/search/?q=bridge", "comments"]
)
def test_html_feeds_sitemaps_and_json_go_out_compressed(
    client, story, page_cache, path, settings, accept, encoding
):
    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    guest = Reader(user=None, guest_id="guest-ruth")
    for n in range(3):  # answers under 200 bytes are not worth compressing
        data = {"body": f"Comment {n} on the bridge.", "author_name": "Ruth", "author_email": "r@example.org"}
        comment_create(page=story, data=data, posting=Posting(reader=guest, network="n1"))
    url = {"article": story.url, "comments": f"/api/comments/pages/{story.pk}/thread"}.get(path, path)
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING=accept)
    assert "Content-Encoding" not in plain
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed["Vary"]
    assert _DECOMPRESS[encoding](packed.content) == plain.content


def test_a_client_that_refuses_every_encoding_gets_the_raw_page(client, story, page_cache):
    plain = client.get(story.url)
    for accept in ("identity", "br;q=0, gzip;q=0", "*;q=0", "gzip;q=nonsense", ";;;,,,=", "x" * 5000):
        response = client.get(story.url, HTTP_ACCEPT_ENCODING=accept)
        assert "Content-Encoding" not in response
        assert response.content == plain.content


@pytest.mark.parametrize(
    "path",
    ["/robots.txt", "/search/?q=bridge", "/news-sitemap.xml", "/sitemap.xml", "/feed/", "article", "api"],
)
def test_head_is_answered_wherever_get_is(client, story, page_cache, path):
    url = {"article": story.url, "api": f"/api/comments/pages/{story.pk}/thread"}.get(path, path)
    get = client.get(url)

    head = client.head(url)

    assert get.status_code == 200
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


def test_shared_pages_say_public_and_personal_answers_say_private(client, story):
    article = client.get(story.url)
    assert "public" in article["Cache-Control"]
    assert "max-age=10" in article["Cache-Control"]
    assert "stale-while-revalidate=30" in article["Cache-Control"]

    me = client.get(f"/comments/{story.pk}/me/")
    assert "private" in me["Cache-Control"] and "no-store" in me["Cache-Control"]


def test_the_own_comment_after_posting_without_javascript_is_never_kept(story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    # The real screening pipeline holds a new guest's first comment.
    author = Client()
    posted = author.post(
        f"/comments/{story.pk}/post/",
        {"body": "Held words only I may see.", "author_name": "Ruth", "author_email": "ruth@example.org"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert posted.status_code == 302
    own_page = author.get(posted["Location"])
    assert "Held words only I may see." in own_page.content.decode()
    assert "no-store" in own_page["Cache-Control"]

    stranger = Client().get(posted["Location"])  # even with the author's very address
    again = Client().get(story.url)
    assert "Held words" not in again.content.decode()
    assert "X-Page-Cache" not in stranger


def test_the_guests_own_edit_page_is_private_and_never_served_to_another(story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    guest = Reader(user=None, guest_id="guest-ruth")
    comment, _ = comment_create(
        page=story,
        data={
            "body": "My own words, still editable.",
            "author_name": "Ruth",
            "author_email": "r@example.org",
        },
        posting=Posting(reader=guest, network="n1"),
    )
    from django.core import signing

    author = Client()
    author.cookies[GUEST_COOKIE] = signing.Signer(salt="masthead.comments.guest").sign("guest-ruth")
    for path in (f"/comments/c/{comment.pk}/edit/", f"/comments/c/{comment.pk}/delete/"):
        own = author.get(path)
        assert own.status_code == 200 and "My own words" in own.content.decode()
        assert "no-store" in own["Cache-Control"]
        other = Client().get(path)
        assert other.status_code == 403 and "My own words, still editable." not in other.content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "forged-or-stale-session"},
        {GUEST_COOKIE: "someone:else:forged"},
        {"sessionid": "x" * 4000, GUEST_COOKIE: "y" * 4000, "csrftoken": "z" * 4000},
        {"other_site_cookie": "\u00e9\u00e8"},
    ],
    ids=["stale-session", "forged-guest", "huge", "other-site"],
)
def test_hostile_cookies_get_the_normal_page(story, page_cache, cookies):
    clean = Client().get(story.url)
    reader = Client()
    for name, value in cookies.items():
        reader.cookies[name] = value
    response = reader.get(story.url)
    assert response.status_code == 200
    assert response.content == clean.content
    assert reader.get(f"/comments/{story.pk}/me/").json()["own"] == []


def test_readers_pages_carry_a_strict_content_security_policy(client, story):
    policy = client.get(story.url)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in directives["script-src"] + directives["default-src"] + directives["style-src"]


def test_the_admin_keeps_what_wagtail_needs(client, story):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src" not in policy and "object-src 'none'" in policy


def test_security_headers(client, story):
    response = client.get(story.url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
