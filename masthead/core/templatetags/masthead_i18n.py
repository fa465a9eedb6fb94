"""The other editions of the page being shown: hreflang links and the language switcher."""

from typing import Any, TypedDict

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template import Context
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from masthead.core.editions import edition_home_urls, page_translation_urls, snippet_translation_urls

register = template.Library()


class Edition(TypedDict):
    """One language's edition of the page shown, as the switcher and the hreflang links read it."""

    code: str
    name: str
    url: str
    available: bool
    current: bool
    bidi: bool


def _same_site_path(request: HttpRequest, code: str) -> str | None:
    """The address asked for, under `code`'s prefix, when it can only name a page of this site.

    The path a browser sent may be "//evil.example/x/" (a 404 page still shows the switcher):
    read as a URL that is another host, so it is refused rather than prefixed.
    """
    path = request.path
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    url = translate_url(path, code)
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None) or url.startswith("//"):
        return None
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def editions(context: Context) -> list[Edition]:
    """One entry per language: its URL for this page, and whether this page exists in it.

    A page not translated into a language leads to that edition's front page (available=False),
    so the switcher never offers a broken link. Worked out once per request and page: the head's
    hreflang links and the switcher both ask (it was 14% of an uncached article page's time).
    """
    request = context.get("request")
    key = (id(context.get("page")), id(context.get("topic") or context.get("author")), get_language())
    memo: tuple[tuple[int, int, str], list[Edition]] | None = (
        getattr(request, "_masthead_editions", None) if request is not None else None
    )
    if memo is not None and memo[0] == key:
        return memo[1]
    result = _editions(context, request)
    if request is not None:
        request._masthead_editions = (key, result)
    return result


def _editions(context: Context, request: HttpRequest | None) -> list[Edition]:
    page = context.get("page")
    current = get_language()
    # Topic and author pages are routes of the home page: they lead to the topic's (author's)
    # translation, or to the same address under the other prefix, where the edition lists the
    # original topic's stories in its language (newsroom.selectors.edition_snippet).
    snippet = context.get("topic") or context.get("author")
    is_page = isinstance(page, Page) and not snippet
    translated = page_translation_urls(page=page) if is_page else {}
    snippet_urls = snippet_translation_urls(snippet=snippet) if snippet else {}
    homes = edition_home_urls()
    result: list[Edition] = []
    for code, _name in settings.LANGUAGES:
        if is_page:
            url, available = translated.get(code), code in translated
            url = url or homes.get(code, "/")
        elif code in snippet_urls:
            url, available = snippet_urls[code], True
        elif request is not None and (url := _same_site_path(request, code)):
            available = True
        else:
            url, available = homes.get(code, "/"), True
        info = get_language_info(code)
        result.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "available": available,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return result


@register.inclusion_tag("core/hreflang.html", takes_context=True)
def hreflang_links(context: Context) -> dict[str, Any]:
    entries = [e for e in editions(context) if e["available"]]
    default = next((e for e in entries if e["code"] == settings.LANGUAGE_CODE), None)
    return {"entries": entries, "default": default, "BASE_URL": settings.BASE_URL}


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context: Context) -> dict[str, list[Edition]]:
    return {"entries": [e for e in editions(context) if not e["current"]]}
