"""Absolute URLs on the site's public address (BASE_URL), for mails, feeds, metadata and Stripe."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute_url(url: str) -> str:
    """'/news/x/' → 'https://example.org/news/x/'; a URL with a scheme stays as it is, and a
    protocol-relative one ('//cdn…') gets the site's scheme."""
    if urlsplit(url).scheme:
        return url
    if url.startswith("//"):
        return f"{urlsplit(settings.BASE_URL).scheme}:{url}"
    return f"{settings.BASE_URL}/{url.lstrip('/')}"


def absolute_reverse(
    viewname: str, *, args: Sequence[object] | None = None, kwargs: dict[str, object] | None = None
) -> str:
    """reverse(), made absolute."""
    return absolute_url(reverse(viewname, args=args, kwargs=kwargs))
