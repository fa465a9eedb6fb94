"""A full-page cache that serves every reader, with or without a session, cleared when content changes.

Caching is an explicit opt-in (see ARCHITECTURE.md, "Pages that any proxy may cache"): a view
decorated with ``@page_cache_public(params=…)`` promises that its answer depends on the address
and those query parameters only, never on who asks. Its answer is kept (compressed once) and
served to everyone; every other answer says ``private, no-store`` unless its view said otherwise,
so neither this cache nor nginx nor a browser's neighbour keeps it.

The key holds the host, the path and the values of the parameters the page reads: any other
parameter (``?utm_source=…``, made-up ones) is ignored, so a flood of addresses cannot multiply a
page. Which parameters a path reads is learnt from its first answer (a small "policy" entry).
Parameters listed as ``private`` (``?posted=`` after posting without JavaScript) make that answer
personal: it is rendered for the request and never kept.

Entries live in their own cache (CACHES["pages"], bounded in bytes in the embedded setup) so that
no page can evict anything else. They are keyed by the "content" generation (core/generation.py):
``page_cache_clear()`` bumps it, which retires every entry at once, in every process of the
machine (and with Redis everywhere). Entries expire after PAGE_CACHE_SECONDS anyway.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeGuard, cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control

from .compression import ENCODINGS, body_compress, encoding_choose
from .generation import generation_bump, generation_read

GENERATION = "content"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/webhooks/", "/static/", "/media/")
# Headers a kept answer carries; anything else (cookies above all) is never stored.
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Last-Modified",
    "X-Next-Cursor",
    "Link",
    "X-Accel-Expires",
)
FRAGMENT_SECONDS = 600  # a bound only: any change of content retires a fragment at once
# Files keep the caching headers their server gives them.
_FILE_PREFIXES = ("/static/", "/media/")


@dataclass(frozen=True)
class Policy:
    params: tuple[str, ...]  # query parameters the page reads: part of the key
    private: tuple[str, ...]  # parameters that make an answer personal: never kept


# A kept answer: status, headers, raw body, body per encoding, ETag.
type _Kept = tuple[int, list[tuple[str, str]], bytes, dict[str, bytes], str]


def _pages() -> BaseCache:
    return caches["pages"]


def page_cache_clear() -> None:
    """Retire every cached page (call after anything a reader sees has changed)."""
    generation_bump(GENERATION)


def page_cache_generation() -> str:
    """Changes whenever page_cache_clear() runs (in any process of the machine, or with Redis
    anywhere): other caches of rendered content key on it to be retired together."""
    return generation_read(GENERATION)


def fragment_cached[Fragment](*, key: str, build: Callable[[], Fragment]) -> Fragment:
    """A costly piece of a page (an article's body, the first page of its thread), built once and
    reused by every render until content changes: pages still rendered per request (a preview, a
    restricted page, the author's own ?posted= page, a page-cache miss) pay for it once.

    The key gets the content generation in front, so page_cache_clear() retires fragments with
    pages; `key` must name everything else the piece depends on (language, sort, votes…). Kept
    in the bounded pages cache, even when whole pages are not (PAGE_CACHE_SECONDS=0).
    """
    full_key = f"fragment:{page_cache_generation()}:{key}"
    pages = _pages()
    value: Fragment | None = pages.get(full_key)
    if value is None:
        value = build()
        pages.set(full_key, value, FRAGMENT_SECONDS)
    return value


def public_cache_control(response: HttpResponseBase) -> None:
    """What a browser and a front cache may do with a page that is the same for every reader."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )
    # nginx keeps it this long, then asks again with If-None-Match (docs/nginx.conf): a change
    # reaches readers of the front cache within these seconds, with no purge to send.
    response["X-Accel-Expires"] = str(settings.PAGE_CACHE_FRONT_SECONDS)


def private_cache_control(response: HttpResponseBase) -> None:
    patch_cache_control(response, private=True, no_store=True)


def page_cache_public[**P, R: HttpResponseBase](
    *,
    params: tuple[str, ...] = (),
    private: tuple[str, ...] = (),
    public_if: Callable[..., bool] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Opt a view (or a page's serve method) in to every cache: its answer depends on the path and
    `params` only. A request carrying one of `private` is answered privately; `public_if(*args)`
    can veto per call (a page behind a password or a login is never public)."""
    policy = Policy(tuple(params), tuple(private))

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            # A view's first argument is the request; a page's serve method's second.
            request = cast(HttpRequest, args[0] if isinstance(args[0], HttpRequest) else args[1])
            response = view(*args, **kwargs)
            personal = (
                getattr(request, "is_preview", False)
                or any(name in request.GET for name in policy.private)
                or (public_if is not None and not public_if(*args, **kwargs))
            )
            if personal:
                private_cache_control(response)
            elif response.status_code == 200 and not response.has_header("Cache-Control"):
                response.page_cache_policy = policy  # type: ignore[attr-defined]  # read by the middleware
                public_cache_control(response)
                # The same bytes for everyone: no variant per cookie or browser language.
                response.headers.pop("Vary", None)
            return response

        # The URL test lists every opted-in view by it.
        wrapped.page_cache_policy = policy  # type: ignore[attr-defined]  # a mark on the function
        return wrapped

    return decorate


def _policy_key(generation: str, place: str) -> str:
    return f"pagecache:{generation}:policy:{hashlib.sha256(place.encode()).hexdigest()}"


def _page_key(generation: str, place: str, request: HttpRequest, policy: Policy) -> str:
    values = "&".join(
        f"{name}={request.GET.getlist(name)!r}" for name in policy.params if name in request.GET
    )
    raw = f"{place}?{values}".encode()
    return f"pagecache:{generation}:page:{hashlib.sha256(raw).hexdigest()}"


def _kept(response: HttpResponse) -> _Kept:
    """What is stored of an answer: status, the safe headers, the body raw and compressed once per
    encoding (a client without either, wrk for one, costs no decompression per hit), an ETag."""
    body = response.content
    headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
    headers.append(("Cache-Control", response["Cache-Control"]))
    etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
    encoded = {encoding: body_compress(body, encoding=encoding) for encoding in ENCODINGS}
    return (response.status_code, headers, body, encoded, etag)


def _answer(kept: _Kept, request: HttpRequest, state: str) -> HttpResponse:
    status, headers, body, encoded, etag = kept
    encoding = encoding_choose(request.headers.get("Accept-Encoding", ""))
    if encoding is None:
        response = HttpResponse(body, status=status)
    else:
        response = HttpResponse(encoded[encoding], status=status)
        response["Content-Encoding"] = encoding
    for name, value in headers:
        response[name] = value
    response["ETag"] = etag
    response["Vary"] = "Accept-Encoding"
    response["X-Page-Cache"] = state
    return response


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _is_cacheable_response(response: HttpResponseBase) -> TypeGuard[HttpResponse]:
    # Not streaming, so an HttpResponse: Django's one kind of answer that is not streamed.
    return (
        getattr(response, "page_cache_policy", None) is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


class PageCacheMiddleware:
    """Serves opted-in pages from the cache to every reader; marks every other answer private."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path.startswith(_FILE_PREFIXES):
            return self.get_response(request)
        if not _is_cacheable_request(request):
            return self._private_unless_said(self.get_response(request))
        generation = page_cache_generation()
        place = f"{request.get_host()}{request.path}"
        pages = _pages()
        policy: Policy | None = pages.get(_policy_key(generation, place))
        if policy is not None and not any(name in request.GET for name in policy.private):
            kept: _Kept | None = pages.get(_page_key(generation, place, request, policy))
            if kept is not None:
                return _answer(kept, request, "hit")
        response = self.get_response(request)
        if not _is_cacheable_response(response):
            return self._private_unless_said(response)
        policy = response.page_cache_policy  # type: ignore[attr-defined]  # set by page_cache_public
        kept = _kept(response)
        pages.set(_policy_key(generation, place), policy, settings.PAGE_CACHE_SECONDS)
        pages.set(_page_key(generation, place, request, policy), kept, settings.PAGE_CACHE_SECONDS)
        return _answer(kept, request, "miss")

    @staticmethod
    def _private_unless_said(response: HttpResponseBase) -> HttpResponseBase:
        # Personal unless the view said what a cache may do: nothing keeps it by accident.
        if not response.has_header("Cache-Control"):
            private_cache_control(response)
        return response
