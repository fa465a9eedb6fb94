"""HTTP the way caches and validators expect it: HEAD wherever GET, one CSP for readers' pages."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csp import ContentSecurityPolicyMiddleware

# Wagtail's admin and Django's admin run their own scripts (inline ones among them): they keep
# a policy that still forbids plugins, other origins' frames and <base> tricks.
_ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class HeadAsGetMiddleware:
    """Answers HEAD as the GET of the same address would be answered, without its body.

    Views, the page cache and the API then need no HEAD of their own (a view that only allows
    GET answered 405 to HEAD, and a page was answered 200 only when it happened to be cached).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if isinstance(response, HttpResponse):  # a streaming response has no body to measure
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


class SiteContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """The strict policy (settings.SECURE_CSP) on every page but the admin's (SECURE_CSP_ADMIN)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path.startswith(_ADMIN_PREFIXES) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN  # type: ignore[attr-defined]
        return super().process_response(request, response)
