"""The sitemaps: every page of every edition, and the Google News sitemap of the last two days."""

from django.db.models import Q
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

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
        root = self.get_wagtail_site().root_page
        in_an_edition = Q()
        for edition in root.get_translations(inclusive=True):
            in_an_edition |= Page.objects.descendant_of_q(edition, inclusive=True)
        return (
            Page.objects.live()
            .public()
            .filter(in_an_edition)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
