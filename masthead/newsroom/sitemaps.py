"""The Google News sitemap of the last two days (/sitemap.xml is Wagtail's, see the page models)."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def news_sitemap(request):
    return TemplateResponse(
        request, "newsroom/news_sitemap.xml",
        {"articles": selectors.news_sitemap_articles(), "site_name": settings.SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
