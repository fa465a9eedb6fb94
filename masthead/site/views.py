"""Error pages: styled like the site, and plain when the site around them cannot be drawn."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
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
    # 500.html is self-contained (no base template, no database), so it renders even now.
    return render(request, "errors/500.html", status=500)
