"""Values every template may use: the site's name (in the edition's language) and public URL."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from masthead.core.sitename import site_name


def _edition_home() -> str:
    """The front page of the edition being served: "/" or "/ar/" (its search and feed hang off it)."""
    try:
        return reverse("wagtail_serve", args=[""])
    except NoReverseMatch:
        return "/"


def site(request):
    return {"SITE_NAME": site_name(), "BASE_URL": settings.BASE_URL, "EDITION_HOME": _edition_home()}
