"""WordPress's short links (/?p=123, /?page_id=5) answer 301 to the imported page.

They ask for the front page, which exists, so Wagtail's redirects (tried only when a page is
not found) never see them. This looks them up first, and only when the query has such a key,
so every other request costs one set comparison."""

from django import http
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

SHORT_LINK_KEYS = frozenset({"p", "page_id", "attachment_id"})


class ShortLinkRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not SHORT_LINK_KEYS.isdisjoint(request.GET.keys()):
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
            redirect = get_redirect(request, path)
            if redirect is not None and redirect.link:
                return http.HttpResponsePermanentRedirect(redirect.link)
        return self.get_response(request)
