"""The JSON API: the same rules as the form, documented in /api/openapi.json."""

import json

import pytest
from django.core.cache import cache

from masthead.comments.models import Comment, Status

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}
GUEST = {"body": "Route 31 matters.", "author_name": "Hamid Sultani", "author_email": "hamid@example.org"}


def api_post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **{**SAME_SITE, **headers})


def test_create_reply_read_the_thread_and_count(client, discussion_article):
    created = api_post(client, f"/api/comments/pages/{discussion_article.pk}/comments", GUEST)
    assert created.status_code == 201 and created.json()["status"] == "approved"
    reply = api_post(
        client,
        f"/api/comments/pages/{discussion_article.pk}/comments",
        {**GUEST, "body": "Agreed", "parent": created.json()["id"]},
    )
    assert reply.status_code == 201
    thread = client.get(f"/api/comments/pages/{discussion_article.pk}/thread?sort=newest").json()
    assert thread["count"] == 2 and thread["comments"][0]["replies"][0]["html"] == "<p>Agreed</p>\n"
    counts = client.get(f"/api/comments/counts?page={discussion_article.pk}&page=999999").json()
    assert counts == {"counts": {str(discussion_article.pk): 2, "999999": 0}}


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"body": ""}, 400),
        ({"body": "y" * 5001}, 413),
        ({"author_email": "x"}, 400),
        ({"parent": 31337}, 404),
        ({"body": "\u0000\u0007garbage\ufffd"}, 400),
    ],
)
def test_bad_input_gets_its_status_and_stores_nothing(client, discussion_article, payload, status):
    response = api_post(client, f"/api/comments/pages/{discussion_article.pk}/comments", {**GUEST, **payload})
    assert response.status_code == status and response.json()["error"]
    assert not Comment.objects.exists()


def test_edit_delete_and_vote_through_the_api(client, discussion_article):
    created = api_post(client, f"/api/comments/pages/{discussion_article.pk}/comments", GUEST).json()
    url = f"/api/comments/{created['id']}"
    edited = client.patch(
        url, json.dumps({"body": "Route 31 matters a lot."}), content_type="application/json", **SAME_SITE
    )
    assert edited.status_code == 200
    voter = type(client)()
    assert api_post(voter, f"{url}/vote", {"value": 1}).json() == {"up": 1, "down": 0, "value": 1}
    assert api_post(voter, f"{url}/vote", {"value": 1}).status_code == 409
    assert (
        type(client)()
        .patch(url, json.dumps({"body": "x"}), content_type="application/json", **SAME_SITE)
        .status_code
        == 403
    )
    assert client.delete(url, **SAME_SITE).status_code == 204
    assert Comment.objects.get().status == Status.REMOVED
    assert api_post(voter, f"{url}/vote", {"value": -1}).status_code == 404


def test_cross_site_writes_are_refused(client, discussion_article):
    response = api_post(
        client,
        f"/api/comments/pages/{discussion_article.pk}/comments",
        GUEST,
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403 and not Comment.objects.exists()


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/comments/pages/{page_id}/thread",
        "/api/comments/pages/{page_id}/comments",
        "/api/comments/{comment_id}",
        "/api/comments/{comment_id}/vote",
        "/api/comments/counts",
    ):
        assert path in paths


def test_made_up_cursors_stay_within_the_page_cache_bound(client, discussion_article, pages_cache_bounded):
    # Each made-up cursor is its own key; the thread pages are kept in the cache bounded in bytes
    # (the embedded site's "pages"), never in the default cache, which counts entries only.
    pages = pages_cache_bounded(20_000)
    for n in range(3):
        api_post(
            client,
            f"/api/comments/pages/{discussion_article.pk}/comments",
            {**GUEST, "body": "x" * 900 + str(n)},
        )
    cache.set("ratelimit:someone", 3, 600)
    url = f"/api/comments/pages/{discussion_article.pk}/thread"

    bodies = {client.get(url, {"cursor": f"made-up-{n}"}).content for n in range(60)}

    assert len(bodies) == 1 and json.loads(bodies.pop())["count"] == 3
    assert 10_000 < pages.bytes_held <= 20_000
    assert cache.get("ratelimit:someone") == 3
