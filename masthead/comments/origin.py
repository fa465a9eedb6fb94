"""Cross-site request forgery defence without tokens: Fetch Metadata, then Origin.

A cached page carries no CSRF token, so unsafe requests are judged by what the browser says about
where they come from. Browsers send Sec-Fetch-Site (and Origin on every POST); a request with
neither comes from a non-browser client, which forged-request attacks cannot use.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def request_is_cross_site(request) -> bool:
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


def same_origin_required(view):
    """For views that change things: refuse requests sent by other sites (403)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request_is_cross_site(request):
            return JsonResponse(
                {"error": _("This request came from another site and was refused.")}, status=403
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
