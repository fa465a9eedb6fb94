"""The site's name in the language being served (each edition may carry its own)."""

from django.conf import settings
from django.utils.translation import get_language


def site_name(language: str | None = None) -> str:
    return settings.SITE_NAMES.get(language or get_language() or "", settings.SITE_NAME)
