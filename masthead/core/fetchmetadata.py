"""Cross-site request forgery defence for the public site, without tokens: Fetch Metadata, then
Origin, on every unsafe request.

Pages come from the page cache and carry no CSRF token, so an unsafe request (POST, PUT, PATCH,
DELETE) is judged by what the browser says about where it comes from: Sec-Fetch-Site must be
"same-origin" or "none" (typed or bookmarked); a browser without it sends Origin, which must be
the site's own (or one of CSRF_TRUSTED_ORIGINS). A request with neither comes from a non-browser
client, which forged-request attacks cannot use. Session and guest cookies are SameSite=Lax too.

The Wagtail and Django admins (/admin/, /django-admin/) keep Django's CSRF tokens: this
middleware is Django's CsrfViewMiddleware there. Views that other sites call by design (Stripe's
webhook, a mail provider's one-click unsubscribe) opt out with @cross_site_allowed.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .refusal import Refusal, refusal_json

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
TOKEN_PREFIXES = ("/admin/", "/django-admin/")


def request_is_cross_site(request: HttpRequest) -> bool:
    """True for an unsafe request that a browser sent from another site."""
    if request.method in SAFE_METHODS:
        return False
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    trusted = {
        f"{request.scheme}://{request.get_host()}",
        *(o.rstrip("/") for o in settings.CSRF_TRUSTED_ORIGINS),
    }
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" not in trusted


def cross_site_allowed[ViewT: Callable[..., Any]](view: ViewT) -> ViewT:
    """Marks a view that other sites may call (it authenticates its callers another way)."""
    view.cross_site_allowed = True  # type: ignore[attr-defined]
    return view


class FetchMetadataMiddleware(CsrfViewMiddleware):
    """In MIDDLEWARE where Django's CsrfViewMiddleware would be (it replaces it)."""

    # The refusal is a page or JSON for the reader, not Django's bare 403 (HttpResponseForbidden).
    def process_view(  # type: ignore[override]
        self,
        request: HttpRequest,
        callback: Callable[..., HttpResponseBase],
        callback_args: tuple[Any, ...],
        callback_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(TOKEN_PREFIXES):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        if getattr(callback, "cross_site_allowed", False) or not request_is_cross_site(request):
            return None
        return cross_site_refusal(request)


def cross_site_refusal(request: HttpRequest) -> HttpResponseBase:
    refusal = Refusal(
        _("This request came from another site and was refused."), status_code=403, code="cross_site"
    )
    if _wants_json(request):
        return refusal_json(refusal)
    return TemplateResponse(request, "core/cross_site.html", {"message": refusal.message}, status=403)


def _wants_json(request: HttpRequest) -> bool:
    return (
        request.path_info.startswith("/api/")
        or request.content_type == "application/json"
        or request.headers.get("X-Masthead-Fragment") == "1"
        or not request.accepts("text/html")
    )
