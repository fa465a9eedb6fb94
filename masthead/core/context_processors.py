"""Values every template may use: the site's name (in the edition's language) and public URL."""

from django.conf import settings

from .sitename import site_name


def site(request):
    return {"SITE_NAME": site_name(), "BASE_URL": settings.BASE_URL}
