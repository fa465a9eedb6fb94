"""Fetch-Metadata request checking: unsafe requests from other sites are refused on the public
site without any token; the admin keeps Django's CSRF tokens; opted-out views take any origin."""

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from masthead.core.fetchmetadata import FetchMetadataMiddleware, cross_site_allowed

factory = RequestFactory()


def view(request):
    return HttpResponse("done")


@cross_site_allowed
def webhook(request):
    return HttpResponse("done")


def _through(request, callback=view):
    middleware = FetchMetadataMiddleware(lambda r: callback(r))
    middleware.process_request(request)
    return middleware.process_view(request, callback, (), {}) or callback(request)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site for us
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # sandboxed frames and some redirects
    ],
)
def test_unsafe_requests_from_other_sites_are_refused(headers):
    response = _through(factory.post("/comments/1/post/", {"body": "x"}, headers=headers))

    assert response.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        {},  # not a browser: forged requests need one
    ],
)
def test_same_origin_and_non_browser_requests_pass_without_a_token(headers):
    """A page served from the cache an hour ago carries no token, and posting from it works."""
    response = _through(factory.post("/comments/1/post/", {"body": "x"}, headers=headers))

    assert response.status_code == 200


def test_safe_methods_are_never_judged():
    assert _through(factory.get("/", headers={"Sec-Fetch-Site": "cross-site"})).status_code == 200


def test_api_callers_get_the_refusal_as_json():
    response = _through(
        factory.post("/api/comments/pages/1/comments", headers={"Origin": "https://evil.example"})
    )

    assert response.status_code == 403 and json.loads(response.content)["code"] == "cross_site"


def test_an_opted_out_view_takes_posts_from_anywhere():
    response = _through(factory.post("/webhooks/stripe/", headers={"Sec-Fetch-Site": "cross-site"}), webhook)

    assert response.status_code == 200


def test_the_admin_keeps_django_csrf_tokens():
    same_origin_without_token = factory.post(
        "/admin/pages/1/delete/", headers={"Sec-Fetch-Site": "same-origin"}
    )

    assert _through(same_origin_without_token).status_code == 403
