"""The sitemap views: every live page, and the Google News sitemap of the last two days."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def news_sitemap(request):
    articles = selectors.news_sitemap_articles()
    response = TemplateResponse(
        request, "newsroom/news_sitemap.xml",
        {"articles": articles, "base_url": settings.BASE_URL, "site_name": settings.SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
    return response
