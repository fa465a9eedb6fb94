"""Reads of the editions (one per language): a page's or a topic's address in each, and each
edition's front page; read as Wagtail pages and locales, so that the kernel needs no app's model."""

from django.utils.translation import override
from wagtail.models import Page, TranslatableMixin


def page_translation_urls(*, page: Page) -> dict[str, str]:
    """Language code → URL of each live translation of the page (itself included)."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {p.locale.language_code: p.url for p in translations if p.url}


def snippet_translation_urls(*, snippet: TranslatableMixin) -> dict[str, str]:
    """Language code → address of each translation of a topic or author (itself included), each
    worked out in its own language (the address's prefix)."""
    urls: dict[str, str] = {}
    for row in snippet.get_translations(inclusive=True).select_related("locale"):
        with override(row.locale.language_code):
            urls[row.locale.language_code] = row.get_absolute_url()
    return urls


def edition_home_urls() -> dict[str, str]:
    """Language code → URL of each edition's live front page."""
    # An edition's home is a child of Wagtail's root (depth 2), one per locale: read as Pages,
    # so that the kernel needs no app's model.
    homes = Page.objects.live().filter(depth=2).select_related("locale")
    return {home.locale.language_code: home.url for home in homes if home.url}
