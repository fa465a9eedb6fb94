"""Error pages: styled like the site, and plain when the site around them cannot be drawn."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_PLAIN_PAGE = (
    '<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
    '</head><body><h1>{title}</h1><p>{text}</p><p><a href="/">{home}</a></p></body></html>'
)


def _styled_or_plain(request, template: str, *, status: int, title: str, text: str):
    try:
        return render(request, template, status=status)
    except DatabaseError:
        # The styled page shows live data in its header (campaign bar, editions); with the
        # database down the reader still gets the right status and a readable page.
        logger.exception("Error page %s drawn plain: the database failed", status)
        page = _PLAIN_PAGE.format(
            lang=escape(get_language() or "en"),
            title=escape(title),
            text=escape(text),
            home=escape(_("Go to the front page")),
        )
        return HttpResponse(page, status=status)


def bad_request(request, exception=None):
    return _styled_or_plain(
        request,
        "errors/400.html",
        status=400,
        title=_("Bad request"),
        text=_("Something in that address or form was not understood. Please check it and try again."),
    )


def page_not_found(request, exception=None):
    return _styled_or_plain(
        request,
        "errors/404.html",
        status=404,
        title=_("Page not found"),
        text=_("We could not find that page. It may have moved, or the address may be mistyped."),
    )


def server_error(request):
    # Django calls this inside its `except` block, so the exception is at hand.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return _unavailable(request)
    # 500.html is self-contained (no base template, no database), so it renders even now.
    return render(request, "errors/500.html", status=500)


RETRY_AFTER_SECONDS = 5


def _unavailable(request):
    """The database could not be reached (a restart, a failover): the request's transaction did
    not commit, and the same request will likely work in a moment, so the reader, the API client
    and Stripe are told so (503, Retry-After) instead of "something went wrong". Self-contained,
    like 500.html."""
    message = _("The site is briefly unavailable. Please try again in a moment.")
    if request.path.startswith("/api/") or not request.accepts("text/html"):
        response = JsonResponse({"error": message, "code": "unavailable"}, status=503)
    else:
        # No request context: its processors may read the database.
        context = {"message": message, "LANGUAGE_CODE": get_language() or "en"}
        response = HttpResponse(render_to_string("errors/503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
