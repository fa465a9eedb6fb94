"""Values every template may use: the site's name and public URL."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "BASE_URL": settings.BASE_URL}
