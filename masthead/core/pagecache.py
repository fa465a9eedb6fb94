"""A full-page cache for anonymous readers, cleared as a whole when content changes.

An anonymous page carries nothing per reader (see docs/architecture.md), so one cached copy serves
everyone. Entries are keyed by the "content" generation (core/generation.py): ``page_cache_clear()``
bumps it, which retires every entry at once, in every process of the machine (and with Redis
everywhere), without having to know which pages showed the changed content. Entries expire
after PAGE_CACHE_SECONDS anyway.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .generation import generation_bump, generation_read

SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/webhooks/", "/static/", "/media/")
GENERATION = "content"


def page_cache_clear() -> None:
    """Retire every cached page (call after anything a reader sees has changed)."""
    generation_bump(GENERATION)


def page_cache_generation() -> str:
    """Changes whenever page_cache_clear() runs (in any process of the machine, or with Redis
    anywhere): other caches of rendered content key on it to be retired together."""
    return generation_read(GENERATION)


def _is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _is_cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )
    # "Vary: Cookie" and "Vary: Accept-Language" need no variants here: readers with a session
    # never reach the cache, and the language comes from the URL's prefix alone (i18n_patterns
    # without a prefix for the default language: LocaleMiddleware then ignores the browser's).


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        raw = f"{request.get_host()}|{request.get_full_path()}".encode()
        key = f"pagecache:{page_cache_generation()}:{hashlib.sha256(raw).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _is_cacheable_response(response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
