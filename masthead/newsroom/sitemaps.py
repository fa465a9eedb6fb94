"""The sitemaps: every page of every edition, and the Google News sitemap of the last two days."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap

from . import selectors


@require_GET
def news_sitemap(request):
    return TemplateResponse(
        request,
        "newsroom/news_sitemap.xml",
        {"articles": selectors.news_sitemap_articles()},
        content_type="application/xml; charset=utf-8",
    )


class EditionsSitemap(Sitemap):
    """Every live page of the site's front page and of its translations (the /ar/ edition…)."""

    def items(self):
        return selectors.edition_pages(root=self.get_wagtail_site().root_page)
