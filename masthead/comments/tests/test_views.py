"""The reader's endpoints over HTTP: posting with and without JavaScript, errors, votes, caching."""

import re
import time
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.comments.models import Comment, Discussion, Status
from masthead.comments.synthetic_threads import thread_fill

GUEST = {
    "body": "Glad the *library* survived.",
    "author_name": "Ruth Penhaligon",
    "author_email": "ruth@example.org",
}
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}
FRAGMENT = {**SAME_SITE, "HTTP_X_MASTHEAD_FRAGMENT": "1"}


def post_url(discussion_article):
    return f"/comments/{discussion_article.pk}/post/"


def test_without_javascript_posting_redirects_back_to_the_comment_with_a_message(client, discussion_article):
    response = client.post(post_url(discussion_article), GUEST, **SAME_SITE)
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Your comment has been posted." in page and "<em>library</em>" in page


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"body": ""}, 400, "Please write a comment"),
        ({"body": "x" * 5001}, 413, "the limit is 5000"),
        ({"author_email": "ruth@"}, 400, "valid email address"),
        ({"parent": "424242"}, 404, "no longer exists"),
        ({"body": "\x00\x89PNG\r\n\x1a\n\x00\x00"}, 400, "not text"),
        ({"author_url": "https://example.org/<s\x00cript>"}, 400, "website address"),
    ],
)
def test_bad_input_shows_the_form_again_with_the_message_and_the_typed_text(
    client, discussion_article, fields, status, message
):
    data = {**GUEST, **fields}
    response = client.post(post_url(discussion_article), data, **SAME_SITE)
    html = response.content.decode()
    assert response.status_code == status and message in html
    assert 'value="Ruth Penhaligon"' in html and not Comment.objects.exists()


def test_with_javascript_errors_come_back_as_json_naming_the_field(client, discussion_article):
    response = client.post(post_url(discussion_article), {**GUEST, "author_email": "nope"}, **FRAGMENT)
    assert response.status_code == 400 and response.json()["field"] == "author_email"


def test_posting_from_another_site_is_refused(client, discussion_article):
    response = client.post(post_url(discussion_article), GUEST, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403 and not Comment.objects.exists()
    response = client.post(post_url(discussion_article), GUEST, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403 and not Comment.objects.exists()


def test_the_anonymous_article_page_is_the_same_bytes_for_every_reader(client, discussion_article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.post(post_url(discussion_article), GUEST, **SAME_SITE)  # this reader now has a guest cookie
    with_cookie = client.get(discussion_article.url).content
    fresh = type(client)().get(discussion_article.url).content
    assert with_cookie == fresh
    assert b"csrfmiddlewaretoken" not in fresh and b"Glad the" in fresh


def _clock(*, seconds_ago: float):
    then = time.time() - seconds_ago
    return mock.patch.multiple(
        "time", time=mock.Mock(return_value=then), time_ns=mock.Mock(return_value=int(then * 1e9))
    )


def test_posting_works_from_a_page_rendered_an_hour_earlier(client, discussion_article, settings):
    """The real pipeline judges it: the page carries no token; the one fetched when typing starts
    is fresh, so the hour-old HTML does not matter."""
    settings.COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"
    settings.MODERATION_HOLD_FIRST_COMMENT = False
    settings.MODERATION_MIN_FILL_SECONDS = 2
    with _clock(seconds_ago=3600):
        page = client.get(discussion_article.url).content.decode()
    assert 'name="form_token" value=""' in page
    with _clock(seconds_ago=5):  # the reader started typing five seconds ago
        token = client.get(f"/comments/{discussion_article.pk}/token/").json()["token"]
    response = client.post(post_url(discussion_article), {**GUEST, "form_token": token}, **FRAGMENT)
    assert response.status_code == 201 and response.json()["status"] == "approved"


def test_votes_from_the_form_count_once_and_a_second_press_withdraws(client, discussion_article):
    client.post(post_url(discussion_article), GUEST, **SAME_SITE)
    comment = Comment.objects.get()
    voter = type(client)()
    assert voter.post(f"/comments/c/{comment.pk}/vote/", {"value": "1"}, **FRAGMENT).json()["up"] == 1
    again = voter.post(f"/comments/c/{comment.pk}/vote/", {"value": "1"}, **FRAGMENT)
    assert again.status_code == 409
    assert voter.post(f"/comments/c/{comment.pk}/vote/", {"value": "1"}, **SAME_SITE).status_code == 302
    assert Comment.objects.get().up == 0


def test_the_author_sees_own_pending_comment_and_others_do_not(client, discussion_article, settings):
    settings.COMMENTS_SCREEN = "masthead.comments.tests.test_services.hold_all"
    created = client.post(post_url(discussion_article), GUEST, **FRAGMENT).json()
    assert created["status"] == "pending" and "awaiting moderation" in created["message"]
    mine = client.get(f"/comments/{discussion_article.pk}/me/").json()
    assert [c["id"] for c in mine["own"]] == [created["id"]]
    assert "awaiting moderation" in mine["own"][0]["html"]
    assert type(client)().get(f"/comments/{discussion_article.pk}/me/").json()["own"] == []


def test_a_guest_edits_and_deletes_within_the_window(client, discussion_article):
    client.post(post_url(discussion_article), GUEST, **SAME_SITE)
    comment = Comment.objects.get()
    edited = client.post(f"/comments/c/{comment.pk}/edit/", {"body": "Edited text"}, **FRAGMENT)
    assert edited.status_code == 200 and "edited" in edited.json()["html"]
    stranger = type(client)().post(f"/comments/c/{comment.pk}/edit/", {"body": "x"}, **FRAGMENT)
    assert stranger.status_code == 403
    assert client.post(f"/comments/c/{comment.pk}/delete/", **FRAGMENT).status_code == 200
    assert Comment.objects.get().status == Status.REMOVED


def test_the_poll_answers_304_until_something_changes(client, discussion_article):
    first = client.get(f"/comments/{discussion_article.pk}/poll/")
    etag = first["ETag"]
    assert client.get(f"/comments/{discussion_article.pk}/poll/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    client.post(post_url(discussion_article), GUEST, **SAME_SITE)
    changed = client.get(f"/comments/{discussion_article.pk}/poll/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["count"] == 1
    new = client.get(f"/comments/{discussion_article.pk}/new/?after=0").content.decode()
    assert "Glad the" in new


def test_a_new_comment_retires_the_cached_article_page(
    client, discussion_article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    assert b"0 Comments" in client.get(discussion_article.url).content
    assert client.get(discussion_article.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        type(client)().post(post_url(discussion_article), GUEST, **SAME_SITE)
    assert b"1 Comment" in client.get(discussion_article.url).content


def test_view_all_comments_is_a_link_with_a_cursor(client, discussion_article):
    thread_fill(page=discussion_article, count=200, votes=False)
    html = client.get(discussion_article.url).content.decode()
    link = re.search(r'<a href="([^"]*cursor=[^"]*)"[^>]*>View all comments</a>', html)
    second = client.get(discussion_article.url + link.group(1).replace("&amp;", "&")).content.decode()
    first_ids = set(re.findall(r'id="comment-(\d+)"', html))
    assert first_ids and not first_ids & set(re.findall(r'id="comment-(\d+)"', second))


def _article_queries(client, discussion_article):
    client.get(discussion_article.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(discussion_article.url).status_code == 200
    return len(captured)


def test_the_article_page_query_count_does_not_grow_with_the_thread(client, discussion_article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    thread_fill(page=discussion_article, count=100, votes=False)
    small = _article_queries(client, discussion_article)
    thread_fill(page=discussion_article, count=10_000, votes=False)
    assert _article_queries(client, discussion_article) == small
    assert Discussion.objects.get(page=discussion_article).approved_count == 10_000
